package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import vn.lienthong.sample.pki.DemoSet;

/**
 * A signed PDF whose DSS holds a compression bomb (a few hundred KB inflating to 300 MB), raised
 * to B-LT in the 64 MiB heap of the small-heap execution: the extender reads every existing DSS
 * stream to avoid duplicates, and must not hold one whole.
 */
class DssBombStreamingTest extends ServicesFixture {

  @Test
  void theVerifierDoesNotInflateADssCompressionBombIntoMemory() throws Exception {
    Path bombed = bombed("verify");

    vn.lienthong.core.validation.ValidationReport report = vn.lienthong.core.validation.Verifier
        .builder(services.pki.trustAnchors()).clock(services.clock)
        .policy(vn.lienthong.core.validation.ValidationPolicy.basic())
        .revocationMode(vn.lienthong.core.validation.RevocationMode.OFFLINE).build()
        .verify(bombed);

    // the bomb is no validation data: offline, the B-T signature's status is unknown
    assertThat(report.signatures()).isNotEmpty();
  }

  @Test
  void aDssCompressionBombIsNotInflatedIntoMemory() throws Exception {
    Path bombed = bombed("extend");
    Path out = dir.resolve("bt-bomb-lt.pdf");

    services.extender().extend(bombed, out, PadesLevel.B_LT);

    assertThat(Files.readAllBytes(out)).startsWith(Files.readAllBytes(bombed));
  }

  /** A B-T signed letter whose appended DSS holds one 300 MB compression bomb in /Certs. */
  static Path bombed(String name) throws Exception {
    Path signed = dir.resolve(name + "-bt.pdf");
    services.signer().sign(TestPdfs.letter(dir.resolve("letter.pdf"), 1), signed,
        services.key("seal-" + DemoSet.PROVINCE),
        SignatureOptions.builder().level(PadesLevel.B_T).build());
    Path bombed = dir.resolve(name + "-bt-bomb.pdf");
    try (PDDocument doc = Loader.loadPDF(signed.toFile());
        OutputStream os = Files.newOutputStream(bombed)) {
      COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
      COSDictionary dss = new COSDictionary();
      COSArray certs = new COSArray();
      COSStream bomb = doc.getDocument().createCOSStream();
      java.io.ByteArrayOutputStream deflated = new java.io.ByteArrayOutputStream();
      try (OutputStream out = new java.util.zip.DeflaterOutputStream(deflated,
          new java.util.zip.Deflater(9))) {
        byte[] zeros = new byte[1 << 20];
        for (int i = 0; i < 300; i++) {
          out.write(zeros);
        }
      }
      try (OutputStream out = bomb.createRawOutputStream()) {
        out.write(deflated.toByteArray());
      }
      bomb.setItem(COSName.FILTER, COSName.FLATE_DECODE);
      certs.add(bomb);
      dss.setItem(COSName.getPDFName("Certs"), certs);
      catalog.setItem(COSName.getPDFName("DSS"), dss);
      catalog.setNeedToBeUpdated(true);
      doc.saveIncremental(os);
    }
    System.out.println("bombed file: " + Files.size(bombed) + " bytes, max heap "
        + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
    return bombed;
  }
}
