package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compressed cross-reference streams of files with many objects load as before. */
class LargeXrefStreamTest {

  @TempDir Path dir;

  static void check(Path pdf, int objects) throws IOException {
    try (PDDocument doc = PdfRevisions.load(pdf)) {
      COSArray extra = (COSArray) doc.getDocumentCatalog().getCOSObject()
          .getDictionaryObject(COSName.getPDFName("Extra"));
      assertThat(extra.size()).isEqualTo(objects);
      assertThat(((COSDictionary) extra.getObject(objects - 1)).getInt("K")).isEqualTo(objects - 1);
    }
  }

  @Test
  void pdfboxsOwnCompressedSaveOfFiftyThousandObjectsLoads() throws Exception {
    int n = 50_000;
    Path pdf = dir.resolve("pdfbox.pdf");
    try (PDDocument doc = withObjects(n)) {
      doc.save(pdf.toFile()); // PDFBox 3: object streams and a cross-reference stream
    }
    try (PDDocument plain = Loader.loadPDF(pdf.toFile())) {
      assertThat(plain.getDocument().isXRefStream()).isTrue();
    }
    check(pdf, n);
  }

  @Test
  void qpdfObjectStreamsOfFiftyThousandObjectsLoad() throws Exception {
    vn.lienthong.sample.interop.ExternalTool.require("qpdf", "qpdf");
    int n = 50_000;
    Path plain = dir.resolve("plain.pdf");
    try (PDDocument doc = withObjects(n)) {
      doc.save(plain.toFile(), org.apache.pdfbox.pdfwriter.compress.CompressParameters.NO_COMPRESSION);
    }
    Path pdf = dir.resolve("qpdf.pdf");
    var r = vn.lienthong.sample.interop.ExternalTool.run(dir, "qpdf", "--object-streams=generate",
        plain.toString(), pdf.toString());
    assertThat(r.exitCode()).as(r.output()).isZero();
    check(pdf, n);
  }

  /** A one-page document whose catalog refers to {@code n} small indirect dictionaries. */
  private static PDDocument withObjects(int n) {
    PDDocument doc = new PDDocument();
    doc.addPage(new PDPage());
    COSArray extra = new COSArray();
    for (int i = 0; i < n; i++) {
      COSDictionary d = new COSDictionary();
      d.setInt("K", i);
      d.setDirect(false);
      extra.add(d);
    }
    doc.getDocumentCatalog().getCOSObject().setItem("Extra", extra);
    return doc;
  }
}
