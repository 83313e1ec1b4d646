package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.core.pdf.RawPdf.ascii;

import java.nio.file.Path;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;
import vn.lienthong.sample.pki.DemoSet;

/**
 * The signer's search for the text a signature is placed at ({@link Placement#atAnchor}): bounded
 * against pages built to cost without end, and not against genuine heavy pages before the text.
 */
class AnchorSearchBoundsTest extends ServicesFixture {

  static SignatureOptions atAnchor() {
    return SignatureOptions.builder().level(PadesLevel.B_B)
        .appearance(new Appearance.Seal(SampleServices.sealImage(), "UBND"),
            Placement.atAnchor(TestPdfs.ANCHOR, 60, 60)).build();
  }

  /**
   * A 2 KB page of form XObjects drawing each other tenfold (10^8 operators): the signer's search
   * for the anchor text ran through all of them (more than two minutes, no end seen); the
   * verifier's renderer has its budget, the search had none.
   */
  @Test
  void theSignerRefusesToSearchForAnAnchorThroughAPageOfUnboundedCost() throws Exception {
    Path plain = dir.resolve("fan-out.pdf");
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      RenderingBombs.formFanOut(doc, page);
      doc.save(plain.toFile());
    }
    SignatureOptions atAnchor = atAnchor();

    long start = System.nanoTime();
    PdfSigningException e = HostileStructureTest.within(20,
        () -> HostileStructureTest.signingFailure(plain, atAnchor));
    assertThat(e.code()).isEqualTo(PdfSigningException.Code.CORRUPT_PDF);
    System.out.println("anchor search refused after " + (System.nanoTime() - start) / 1_000_000
        + " ms");
  }

  /** A genuine letter: the anchor is still found (the bound is far above a real page). */
  @Test
  void theAnchorOfAGenuineLetterIsStillFound() throws Exception {
    Path letter = TestPdfs.letter(dir.resolve("anchor-letter.pdf"), 3);
    Path out = dir.resolve("anchor-letter-signed.pdf");
    services.signer().sign(letter, out, services.key(DemoSet.CHAIRMAN), atAnchor());
    assertThat(out).exists();
  }

  /**
   * A plan of {@code pages} pages, each a vector drawing of {@code segments} line segments (a
   * GIS map, a CAD drawing), the signature placeholder on the last one after its drawing.
   */
  static Path vectorPlan(Path file, int pages, int segments) throws Exception {
    try (PDDocument doc = new PDDocument()) {
      org.apache.pdfbox.pdmodel.font.PDType0Font font;
      try (var in = TestPdfs.class.getResourceAsStream(
          "/vn/lienthong/core/pdf/fonts/LiberationSerif-Regular.ttf")) {
        font = org.apache.pdfbox.pdmodel.font.PDType0Font.load(doc, in, true);
      }
      for (int p = 1; p <= pages; p++) {
        PDPage page = new PDPage(PDRectangle.A3);
        doc.addPage(page);
        COSStream drawing = doc.getDocument().createCOSStream();
        try (var o = drawing.createOutputStream(COSName.FLATE_DECODE)) {
          StringBuilder s = new StringBuilder("0.1 w 0 0 m\n");
          for (int i = 0; i < segments; i++) {
            s.append(i % 800).append(' ').append(i / 800 % 1100).append(" l\n");
            if (s.length() > 1 << 16) {
              o.write(ascii(s.toString()));
              s.setLength(0);
            }
          }
          o.write(ascii(s.append("S\n").toString()));
        }
        page.getCOSObject().setItem(COSName.CONTENTS, drawing);
        if (p == pages) {
          try (var cs = new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page,
              org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode.APPEND, true)) {
            cs.beginText();
            cs.setFont(font, 12);
            cs.newLineAtOffset(600, 120);
            cs.showText(TestPdfs.ANCHOR);
            cs.endText();
          }
        }
      }
      doc.save(file.toFile());
    }
    return file;
  }

  /**
   * A plan of three A3 pages of a million line segments each, the placeholder on the last: the
   * search counted every operator of every page against its bound of 2 M and refused the
   * genuine document (CORRUPT_PDF); it is signed at its placeholder.
   */
  @Test
  void aPlaceholderAfterHeavyVectorPagesIsFound() throws Exception {
    Path plan = vectorPlan(dir.resolve("vector-plan.pdf"), 3, 1_000_000);
    Path out = dir.resolve("vector-plan-signed.pdf");

    long start = System.nanoTime();
    HostileStructureTest.within(60, () -> {
      services.signer().sign(plan, out, services.key(DemoSet.CHAIRMAN), atAnchor());
      return null;
    });
    System.out.println("vector plan signed at its anchor in "
        + (System.nanoTime() - start) / 1_000_000 + " ms");
    try (PDDocument doc = org.apache.pdfbox.Loader.loadPDF(out.toFile())) {
      assertThat(doc.getPage(2).getAnnotations()).anyMatch(a -> "Widget".equals(a.getSubtype()));
    }
  }

  /**
   * Forty pages sharing one content stream of a million operators (about 3 KB deflated): page
   * content the search reads forty times over is bounded too, and refused within seconds.
   */
  @Test
  void theSignerRefusesToSearchThroughPagesSharingAHugeContentStream() throws Exception {
    Path shared = dir.resolve("shared-content.pdf");
    try (PDDocument doc = new PDDocument()) {
      COSStream drawing = doc.getDocument().createCOSStream();
      try (var o = drawing.createOutputStream(COSName.FLATE_DECODE)) {
        byte[] segment = ascii("1 1 l\n");
        for (int i = 0; i < 1_000_000; i++) {
          o.write(segment);
        }
      }
      for (int p = 0; p < 40; p++) {
        PDPage page = new PDPage(PDRectangle.A4);
        page.getCOSObject().setItem(COSName.CONTENTS, drawing);
        doc.addPage(page);
      }
      doc.save(shared.toFile());
    }
    SignatureOptions atAnchor = atAnchor();

    long start = System.nanoTime();
    PdfSigningException e = HostileStructureTest.within(30,
        () -> HostileStructureTest.signingFailure(shared, atAnchor));
    assertThat(e.code()).isEqualTo(PdfSigningException.Code.CORRUPT_PDF);
    System.out.println("shared content search refused after "
        + (System.nanoTime() - start) / 1_000_000 + " ms");
  }
}
