package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.zip.DeflaterOutputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceRGB;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.validation.ValidationReport;
import vn.lienthong.core.validation.VerificationContext;
import vn.lienthong.core.validation.Verifier;
import vn.lienthong.sample.pki.DemoSet;

/**
 * A letter that carries a colour scan stored losslessly (Flate), A3 at 300 dpi
 * (3508 x 4961 RGB, 52 MB decoded), signed and sealed as a clerk does.
 */
class LargeScanVerificationTest extends PdfsigFixture {

  static Path withScan(Path file, int w, int h) throws IOException {
    Path letter = TestPdfs.letter(file.resolveSibling("plain-" + file.getFileName()), 1);
    try (PDDocument doc = Loader.loadPDF(letter.toFile())) {
      ByteArrayOutputStream encoded = new ByteArrayOutputStream();
      try (OutputStream out = new DeflaterOutputStream(encoded)) {
        byte[] row = new byte[w * 3];
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            row[3 * x] = (byte) (x / 16);
            row[3 * x + 1] = (byte) (y / 16);
            row[3 * x + 2] = (byte) 200;
          }
          out.write(row);
        }
      }
      PDImageXObject image = new PDImageXObject(doc,
          new java.io.ByteArrayInputStream(encoded.toByteArray()), COSName.FLATE_DECODE, w, h,
          8, PDDeviceRGB.INSTANCE);
      PDPage page = doc.getPage(0);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page,
          PDPageContentStream.AppendMode.APPEND, true, true)) {
        cs.drawImage(image, 60, 60, 120, 170);
      }
      doc.save(file.toFile());
    }
    return file;
  }

  @Test
  void aLetterWithAnA3ColourScanAt300DpiSignedAndSealedPasses() throws Exception {
    Path in = withScan(dir.resolve("scan.pdf"), 3508, 4961);
    Path signed = dir.resolve("scan-signed.pdf");
    Path sealed = dir.resolve("scan-sealed.pdf");
    signAndSeal(in, signed, sealed, PadesLevel.B_LT);
    ValidationReport report = Verifier.builder(services.pki.trustAnchors())
        .clock(services.clock).build()
        .verify(sealed, VerificationContext.none().withSender(DemoSet.PROVINCE));
    assertThat(report.verdict().passed()).as(VerifierPdfTest.describe(report)).isTrue();
  }
}
