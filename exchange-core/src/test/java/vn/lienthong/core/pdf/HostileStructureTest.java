package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.core.pdf.RawPdf.ascii;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.validation.ChangeInfo;
import vn.lienthong.core.validation.Indication;
import vn.lienthong.core.validation.ValidationPolicy;
import vn.lienthong.core.validation.ValidationReport;
import vn.lienthong.core.validation.Verifier;
import vn.lienthong.sample.pki.DemoSet;

/**
 * Hostile PDF structure against the verifier and the signer: cross-reference streams PDFBox
 * reads without bound, content that recurses into itself through a Type 3 glyph, a tiling
 * pattern or a soft mask, a soft mask far larger than its image, and page trees that contain
 * themselves or are 10 000 levels deep. Each must give a typed outcome within seconds: a report
 * that does not pass (or passes rightly), a {@link PdfSigningException}; never a hang or an
 * {@link Error} out of the public API.
 */
class HostileStructureTest extends ServicesFixture {

  // ---- cross-reference streams ---------------------------------------------------------------

  /** /W [0 0 0]: no entry consumes a byte, so PDFBox adds /Size entries from one byte. */
  static Path xrefOfEmptyEntries(Path file) throws Exception {
    RawPdf p = onePage();
    long x = p.position();
    p.stream(4, "/Type /XRef /W [0 0 0] /Size 2147483647 /Root 1 0 R", ascii("X"));
    return p.startxref(x).write(file);
  }

  /**
   * Refused the xref stream, PDFBox rebuilds the cross-reference from the objects (as for any
   * damaged one): an unsigned document, within a second; before, the verifier read two billion
   * entries (minutes and gigabytes, in {@code PdfRevisions.read} and again in the DSS reading).
   */
  @Test
  void anXrefStreamOfEntriesOfNoBytesIsAnsweredAtOnce() throws Exception {
    Path file = xrefOfEmptyEntries(dir.resolve("xref-w000.pdf"));

    ValidationReport report = within(20, () -> verifier().verify(file));
    assertThat(report.verdict().passed()).as("verdict " + report.verdict()).isFalse();
    PdfRevisions revisions = within(20, () -> PdfRevisions.read(file));
    assertThat(revisions.signatures()).isEmpty();
  }

  /**
   * The signer answers at once: PDFBox, refused the xref stream, rebuilds the cross-reference
   * from the objects themselves (as for any damaged xref), so the document is signed as repaired
   * or refused as corrupt; before, it read two billion entries (minutes, gigabytes).
   */
  @Test
  void theSignerAnswersAtOnceForAnXrefStreamOfEntriesOfNoBytes() throws Exception {
    Path file = xrefOfEmptyEntries(dir.resolve("xref-w000-sign.pdf"));
    Path out = dir.resolve("xref-w000-signed.pdf");

    String outcome = within(20, () -> {
      try {
        services.signer().sign(file, out, services.key(DemoSet.CHAIRMAN), invisible());
        return "signed";
      } catch (PdfSigningException e) {
        return e.code().name();
      }
    });
    assertThat(outcome).isIn("signed", "CORRUPT_PDF");
  }

  // ---- content that recurses into itself ------------------------------------------------------

  @Test
  void aType3GlyphThatDrawsItselfIsNotComparedAndNoErrorEscapes() throws Exception {
    assertNotComparedAndFailed("type3-self", (doc, page) -> {
      COSDictionary font = new COSDictionary();
      font.setItem(COSName.TYPE, COSName.FONT);
      font.setItem(COSName.SUBTYPE, COSName.TYPE3);
      font.setItem(COSName.FONT_BBOX, ints(0, 0, 1000, 1000));
      COSArray matrix = new COSArray();
      for (float v : new float[] {0.001f, 0, 0, 0.001f, 0, 0}) {
        matrix.add(new COSFloat(v));
      }
      font.setItem(COSName.FONT_MATRIX, matrix);
      COSDictionary procs = new COSDictionary();
      procs.setItem(COSName.A,
          RenderingBombs.raw(doc, "1000 0 d0 BT /T3 1000 Tf (a) Tj ET 0 0 100 100 re f\n"));
      font.setItem(COSName.CHAR_PROCS, procs);
      COSDictionary encoding = new COSDictionary();
      COSArray differences = new COSArray();
      differences.add(COSInteger.get(97));
      differences.add(COSName.A);
      encoding.setItem(COSName.DIFFERENCES, differences);
      font.setItem(COSName.ENCODING, encoding);
      font.setInt(COSName.FIRST_CHAR, 97);
      font.setInt(COSName.LAST_CHAR, 97);
      font.setItem(COSName.WIDTHS, ints(1000));
      COSDictionary resources = resources(COSName.FONT, "T3", font);
      font.setItem(COSName.RESOURCES, resources);
      page.getCOSObject().setItem(COSName.RESOURCES, resources);
      page.getCOSObject().setItem(COSName.CONTENTS,
          RenderingBombs.raw(doc, "BT /T3 12 Tf 100 500 Td (a) Tj ET\n"));
    });
  }

  @Test
  void aTilingPatternThatPaintsWithItselfIsNotComparedAndNoErrorEscapes() throws Exception {
    assertNotComparedAndFailed("pattern-self", (doc, page) -> {
      COSStream pattern = RenderingBombs.raw(doc, "/Pattern cs /P0 scn 0 0 50 50 re f\n");
      pattern.setItem(COSName.TYPE, COSName.PATTERN);
      pattern.setInt(COSName.PATTERN_TYPE, 1);
      pattern.setInt(COSName.PAINT_TYPE, 1);
      pattern.setInt(COSName.TILING_TYPE, 1);
      pattern.setItem(COSName.BBOX, ints(0, 0, 50, 50));
      pattern.setInt(COSName.X_STEP, 50);
      pattern.setInt(COSName.Y_STEP, 50);
      COSDictionary resources = resources(COSName.PATTERN, "P0", pattern);
      pattern.setItem(COSName.RESOURCES, resources);
      page.getCOSObject().setItem(COSName.RESOURCES, resources);
      page.getCOSObject().setItem(COSName.CONTENTS,
          RenderingBombs.raw(doc, "/Pattern cs /P0 scn 0 0 600 800 re f\n"));
    });
  }

  @Test
  void aSoftMaskThatUsesItselfIsNotComparedAndNoErrorEscapes() throws Exception {
    assertNotComparedAndFailed("smask-self", HostileStructureTest::softMaskUsingItself);
  }

  /** An ExtGState whose soft mask's group sets that same ExtGState. */
  static void softMaskUsingItself(PDDocument doc, PDPage page) throws Exception {
    PDFormXObject group = new PDFormXObject(RenderingBombs.raw(doc, "/GS0 gs 0 0 600 850 re f\n"));
    group.setBBox(new PDRectangle(0, 0, 600, 850));
    group.getCOSObject().setItem(COSName.GROUP, transparencyGroup());
    COSDictionary smask = new COSDictionary();
    smask.setItem(COSName.S, COSName.LUMINOSITY);
    smask.setItem(COSName.G, group);
    COSDictionary gs = new COSDictionary();
    gs.setItem(COSName.TYPE, COSName.EXT_G_STATE);
    gs.setItem(COSName.SMASK, smask);
    COSDictionary resources = resources(COSName.EXT_G_STATE, "GS0", gs);
    group.getCOSObject().setItem(COSName.RESOURCES, resources);
    page.getCOSObject().setItem(COSName.RESOURCES, resources);
    page.getCOSObject().setItem(COSName.CONTENTS,
        RenderingBombs.raw(doc, "/GS0 gs 0 0 600 800 re f\n"));
  }

  // ---- images ---------------------------------------------------------------------------------

  /**
   * A 10 x 10 image whose soft mask is declared 30 000 x 30 000 (one byte of data): PDFBox
   * decodes the mask at the image's subsampling and scales the image up to it.
   */
  @Test
  void aSoftMaskFarLargerThanItsImageDoesNotRunTheVerifierOutOfMemory() throws Exception {
    Path sealed = RenderingBombs.signedAndSealed(services, dir, "smask-large", PDRectangle.A4,
        (doc, page) -> {
          COSStream mask = RenderingBombs.raw(doc, "\u0080");
          mask.setItem(COSName.TYPE, COSName.XOBJECT);
          mask.setItem(COSName.SUBTYPE, COSName.IMAGE);
          mask.setInt(COSName.WIDTH, 30_000);
          mask.setInt(COSName.HEIGHT, 30_000);
          mask.setInt(COSName.BITS_PER_COMPONENT, 8);
          mask.setItem(COSName.COLORSPACE, COSName.DEVICEGRAY);
          COSStream image = RenderingBombs.raw(doc, "\u0000".repeat(300));
          image.setItem(COSName.TYPE, COSName.XOBJECT);
          image.setItem(COSName.SUBTYPE, COSName.IMAGE);
          image.setInt(COSName.WIDTH, 10);
          image.setInt(COSName.HEIGHT, 10);
          image.setInt(COSName.BITS_PER_COMPONENT, 8);
          image.setItem(COSName.COLORSPACE, COSName.DEVICERGB);
          image.setItem(COSName.SMASK, mask);
          page.getCOSObject().setItem(COSName.RESOURCES, resources(COSName.XOBJECT, "Im0", image));
          page.getCOSObject().setItem(COSName.CONTENTS,
              RenderingBombs.raw(doc, "q 500 0 0 700 50 50 cm /Im0 Do Q\n"));
        });

    ValidationReport report = within(60, () -> verifier().verify(sealed));
    // a genuine signer-and-seal document: the seal is judged on the subsampled page
    assertThat(report.verdict().indication()).as("verdict " + report.verdict())
        .isEqualTo(Indication.TOTAL_PASSED);
  }

  /**
   * A genuine stencil mask of 4 Mpx (above the per-image bound, so painted subsampled): the
   * comparison's renderer shows what PDFBox's own shows, for either /Decode.
   */
  @Test
  void aLargeStencilMaskRendersAsPdfBoxRendersIt() throws Exception {
    for (String decode : List.of("", "1 0")) {
      try (PDDocument doc = new PDDocument()) {
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        int size = 2000;
        byte[] bits = new byte[size / 8 * size];
        for (int y = 0; y < size; y++) {
          for (int x = 0; x < size / 8; x++) {
            // a checkerboard of 250-pixel squares
            bits[y * (size / 8) + x] = (byte) (((x * 8 / 250) + (y / 250)) % 2 == 0 ? 0x00 : 0xff);
          }
        }
        COSStream mask = doc.getDocument().createCOSStream();
        try (java.io.OutputStream o = mask.createOutputStream(COSName.FLATE_DECODE)) {
          o.write(bits);
        }
        mask.setItem(COSName.TYPE, COSName.XOBJECT);
        mask.setItem(COSName.SUBTYPE, COSName.IMAGE);
        mask.setInt(COSName.WIDTH, size);
        mask.setInt(COSName.HEIGHT, size);
        mask.setInt(COSName.BITS_PER_COMPONENT, 1);
        mask.setBoolean(COSName.IMAGE_MASK, true);
        if (!decode.isEmpty()) {
          mask.setItem(COSName.DECODE, ints(1, 0));
        }
        page.getCOSObject().setItem(COSName.RESOURCES, resources(COSName.XOBJECT, "Im0", mask));
        page.getCOSObject().setItem(COSName.CONTENTS,
            RenderingBombs.raw(doc, "0 0 1 rg q 500 0 0 500 50 200 cm /Im0 Do Q\n"));

        java.awt.image.BufferedImage ours = VisualDiff.renderer(doc).renderImageWithDPI(0, 72,
            org.apache.pdfbox.rendering.ImageType.RGB);
        java.awt.image.BufferedImage theirs = new org.apache.pdfbox.rendering.PDFRenderer(doc)
            .renderImageWithDPI(0, 72, org.apache.pdfbox.rendering.ImageType.RGB);
        int differ = 0;
        int blue = 0;
        for (int y = 0; y < ours.getHeight(); y++) {
          for (int x = 0; x < ours.getWidth(); x++) {
            int a = ours.getRGB(x, y);
            int b = theirs.getRGB(x, y);
            if (Math.abs((a & 0xff) - (b & 0xff)) > 64 || Math.abs((a >> 16 & 0xff) - (b >> 16 & 0xff)) > 64) {
              differ++;
            }
            if ((a & 0xffffff) == 0x0000ff) {
              blue++;
            }
          }
        }
        assertThat(blue).as("painted pixels, /Decode [" + decode + "]").isGreaterThan(100_000);
        // edges of the squares may fall a pixel apart: 8 squares x 4 edges x 125 pixels
        assertThat(differ).as("pixels that differ, /Decode [" + decode + "]").isLessThan(4_000);
      }
    }
  }

  // ---- page trees, at the signer --------------------------------------------------------------

  @Test
  void theSignerRefusesAPageTreeThatContainsItself() throws Exception {
    Path file = new RawPdf().object(1, "<< /Type /Catalog /Pages 2 0 R >>")
        .object(2, "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>")
        .object(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>")
        .xrefTableAndWrite(dir.resolve("tree-self.pdf"));

    for (SignatureOptions options : List.of(invisible(), sealOnPage())) {
      PdfSigningException e = within(20, () -> signingFailure(file, options));
      assertThat(e.code()).isEqualTo(PdfSigningException.Code.CORRUPT_PDF);
    }
  }

  @Test
  void theSignerRefusesAPageTreeTenThousandLevelsDeep() throws Exception {
    RawPdf p = new RawPdf().object(1, "<< /Type /Catalog /Pages 10 0 R >>");
    int depth = 10_000;
    for (int i = 0; i < depth; i++) {
      int n = 10 + i;
      p.object(n, "<< /Type /Pages /Kids [" + (n + 1) + " 0 R] /Count 1"
          + (i > 0 ? " /Parent " + (n - 1) + " 0 R" : "") + " >>");
    }
    p.object(10 + depth, "<< /Type /Page /Parent " + (9 + depth)
        + " 0 R /MediaBox [0 0 200 200] >>");
    Path file = p.xrefTableAndWrite(dir.resolve("tree-deep.pdf"));

    for (SignatureOptions options : List.of(invisible(), sealOnPage())) {
      PdfSigningException e = within(20, () -> signingFailure(file, options));
      assertThat(e.code()).isEqualTo(PdfSigningException.Code.CORRUPT_PDF);
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  /**
   * Signed by the chairman, then sealed over page 1 whose content is hostile: the verifier must
   * answer (no Error, no hang), not pass, and say the page was not compared.
   */
  void assertNotComparedAndFailed(String name, RenderingBombs.PageContent content)
      throws Exception {
    Path sealed = RenderingBombs.signedAndSealed(services, dir, name, PDRectangle.A4, content);

    ValidationReport report = within(60, () -> verifier().verify(sealed));
    assertThat(report.verdict().indication()).as("verdict " + report.verdict())
        .isEqualTo(Indication.TOTAL_FAILED);
    List<ChangeInfo> changes = within(60, () -> {
      PdfRevisions revisions = PdfRevisions.read(sealed);
      return revisions.changesAfter(revisions.signatures().get(0));
    });
    assertThat(changes).as("changes " + changes).anyMatch(c -> !c.allowed()
        && c.kind() == ChangeInfo.Kind.VISIBLE_CONTENT_CHANGED);
  }

  static Verifier verifier() {
    return Verifier.builder(List.copyOf(services.pki.trustAnchors()))
        .policy(ValidationPolicy.basic()).build();
  }

  static PdfSigningException signingFailure(Path in, SignatureOptions options) throws Exception {
    Path out = dir.resolve(in.getFileName() + "-signed-" + System.nanoTime() + ".pdf");
    try {
      services.signer().sign(in, out, services.key(DemoSet.CHAIRMAN), options);
    } catch (PdfSigningException e) {
      return e;
    }
    throw new AssertionError("signed " + in.getFileName() + " without complaint");
  }

  static SignatureOptions invisible() {
    return SignatureOptions.builder().level(PadesLevel.B_B).build();
  }

  static SignatureOptions sealOnPage() {
    return SignatureOptions.builder().level(PadesLevel.B_B)
        .appearance(new Appearance.Seal(SampleServices.sealImage(), "UBND"),
            Placement.onPage(1, 10, 10, 60, 60)).build();
  }

  static RawPdf onePage() {
    return new RawPdf().object(1, "<< /Type /Catalog /Pages 2 0 R >>")
        .object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
        .object(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>");
  }

  static COSArray ints(int... values) {
    COSArray a = new COSArray();
    for (int v : values) {
      a.add(COSInteger.get(v));
    }
    return a;
  }

  static COSDictionary resources(COSName category, String name, org.apache.pdfbox.cos.COSBase value) {
    COSDictionary entries = new COSDictionary();
    entries.setItem(COSName.getPDFName(name), value);
    COSDictionary resources = new COSDictionary();
    resources.setItem(category, entries);
    return resources;
  }

  static COSDictionary transparencyGroup() {
    COSDictionary group = new COSDictionary();
    group.setItem(COSName.TYPE, COSName.GROUP);
    group.setItem(COSName.S, COSName.TRANSPARENCY);
    group.setItem(COSName.CS, COSName.DEVICEGRAY);
    return group;
  }

  /**
   * {@code task} on a daemon thread of its own (a runaway cannot be interrupted, so it is left
   * behind), failing when it takes more than {@code seconds}; what it throws, Errors included,
   * is rethrown as is.
   */
  static <T> T within(int seconds, Callable<T> task) throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "hostile");
      t.setDaemon(true);
      return t;
    });
    try {
      Future<T> result = executor.submit(task);
      try {
        return result.get(seconds, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        throw new AssertionError("still running after " + seconds + " s");
      } catch (ExecutionException e) {
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        throw (Exception) e.getCause();
      }
    } finally {
      executor.shutdownNow();
    }
  }

}
