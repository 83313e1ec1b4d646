package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.validation.ValidationReport;
import vn.lienthong.sample.pki.KeyKind;

/**
 * Hostile structure whose cost is memory, in the 64 MiB heap of the small-heap execution: a
 * cross-reference stream that inflates 1000-fold, a transparency group or soft mask that uses
 * itself (each level a page-sized image), a stencil mask and a CCITT image declared 32 000
 * pixels square. Each must end in a report, never an {@link OutOfMemoryError}.
 */
class HostileStructureStreamingTest {

  @TempDir static Path dir;
  static SampleServices services;

  @BeforeAll
  static void start() throws Exception {
    services = new SampleServices(KeyKind.EC_P256);
    HostileStructureTest.services = services;
    HostileStructureTest.dir = dir;
  }

  @AfterAll
  static void stop() {
    services.close();
  }

  /** A 600 KB cross-reference stream that inflates to 600 MB: PDFBox decodes it whole. */
  @Test
  void anXrefStreamFlateBombDoesNotRunTheVerifierOutOfMemory() throws Exception {
    assumeTrue(Runtime.getRuntime().maxMemory() < 256L << 20, "meaningful in a small heap");
    RawPdf p = HostileStructureTest.onePage();
    long x = p.position();
    p.stream(4, "/Type /XRef /W [1 1 1] /Size 5 /Root 1 0 R /Filter /FlateDecode",
        RawPdf.deflatedRun(600L << 20, (byte) 0));
    Path file = p.startxref(x).write(dir.resolve("xref-bomb.pdf"));

    ValidationReport report = HostileStructureTest.within(60,
        () -> HostileStructureTest.verifier().verify(file));
    assertThat(report.verdict().passed()).isFalse();
  }

  @Test
  void aTransparencyGroupThatDrawsItselfDoesNotRunTheVerifierOutOfMemory() throws Exception {
    assumeTrue(Runtime.getRuntime().maxMemory() < 256L << 20, "meaningful in a small heap");
    Path sealed = RenderingBombs.signedAndSealed(services, dir, "group-self", PDRectangle.A4,
        (doc, page) -> {
          PDFormXObject form = new PDFormXObject(RenderingBombs.raw(doc, "/Fm0 Do\n"));
          form.setBBox(new PDRectangle(0, 0, 600, 850));
          form.getCOSObject().setItem(COSName.GROUP, HostileStructureTest.transparencyGroup());
          PDResources resources = new PDResources();
          resources.put(COSName.getPDFName("Fm0"), form);
          form.setResources(resources);
          page.setResources(resources);
          page.getCOSObject().setItem(COSName.CONTENTS, RenderingBombs.raw(doc, "/Fm0 Do\n"));
        });

    assertFailedWithoutError(sealed);
  }

  @Test
  void aSoftMaskThatUsesItselfDoesNotRunTheVerifierOutOfMemory() throws Exception {
    assumeTrue(Runtime.getRuntime().maxMemory() < 256L << 20, "meaningful in a small heap");
    Path sealed = RenderingBombs.signedAndSealed(services, dir, "smask-self", PDRectangle.A4,
        HostileStructureTest::softMaskUsingItself);

    assertFailedWithoutError(sealed);
  }

  @Test
  void aStencilMaskDeclared32000PixelsSquareDoesNotRunTheVerifierOutOfMemory() throws Exception {
    assumeTrue(Runtime.getRuntime().maxMemory() < 256L << 20, "meaningful in a small heap");
    Path sealed = RenderingBombs.signedAndSealed(services, dir, "stencil", PDRectangle.A4,
        image("", new byte[] {0}, true));

    verifiesWithoutError(sealed);
  }

  @Test
  void aCcittImageDeclared32000PixelsSquareDoesNotRunTheVerifierOutOfMemory() throws Exception {
    assumeTrue(Runtime.getRuntime().maxMemory() < 256L << 20, "meaningful in a small heap");
    Path sealed = RenderingBombs.signedAndSealed(services, dir, "ccitt", PDRectangle.A4,
        image("CCITTFaxDecode", new byte[] {0, 0, 0}, false));

    verifiesWithoutError(sealed);
  }

  /** A Flate image stream that inflates to 1.2 GB (20 000 pixels square, RGB). */
  @Test
  void aFlateImageBombDoesNotRunTheVerifierOutOfMemory() throws Exception {
    assumeTrue(Runtime.getRuntime().maxMemory() < 256L << 20, "meaningful in a small heap");
    byte[] data = RawPdf.deflatedRun(1_200_000_000L, (byte) 0);
    Path sealed = RenderingBombs.signedAndSealed(services, dir, "flate-image", PDRectangle.A4,
        (doc, page) -> {
          COSStream image = imageXObject(doc, data, 20_000, 8);
          image.setItem(COSName.COLORSPACE, COSName.DEVICERGB);
          image.setItem(COSName.FILTER, COSName.FLATE_DECODE);
          drawOverThePage(doc, page, image);
        });

    verifiesWithoutError(sealed);
  }

  /** An image 32 000 pixels square, 1 bit per pixel, drawn over most of the page. */
  static RenderingBombs.PageContent image(String filter, byte[] data, boolean stencil) {
    return (PDDocument doc, PDPage page) -> {
      COSStream image = imageXObject(doc, data, 32_000, 1);
      if (stencil) {
        image.setBoolean(COSName.IMAGE_MASK, true);
      } else {
        image.setItem(COSName.COLORSPACE, COSName.DEVICEGRAY);
      }
      if (!filter.isEmpty()) {
        image.setItem(COSName.FILTER, COSName.getPDFName(filter));
        COSDictionary parms = new COSDictionary();
        parms.setInt(COSName.K, -1);
        parms.setInt(COSName.COLUMNS, 32_000);
        parms.setInt(COSName.ROWS, 32_000);
        image.setItem(COSName.DECODE_PARMS, parms);
      }
      drawOverThePage(doc, page, image);
    };
  }

  /** An image XObject {@code size} pixels square whose stream holds {@code data} as it is. */
  static COSStream imageXObject(PDDocument doc, byte[] data, int size, int bitsPerComponent)
      throws IOException {
    COSStream image = doc.getDocument().createCOSStream();
    try (OutputStream o = image.createRawOutputStream()) {
      o.write(data);
    }
    image.setItem(COSName.TYPE, COSName.XOBJECT);
    image.setItem(COSName.SUBTYPE, COSName.IMAGE);
    image.setInt(COSName.WIDTH, size);
    image.setInt(COSName.HEIGHT, size);
    image.setInt(COSName.BITS_PER_COMPONENT, bitsPerComponent);
    return image;
  }

  /** The page draws {@code image} over most of itself. */
  static void drawOverThePage(PDDocument doc, PDPage page, COSStream image) throws Exception {
    page.getCOSObject().setItem(COSName.RESOURCES,
        HostileStructureTest.resources(COSName.XOBJECT, "Im0", image));
    page.getCOSObject().setItem(COSName.CONTENTS,
        RenderingBombs.raw(doc, "q 500 0 0 700 50 50 cm /Im0 Do Q\n"));
  }

  static void assertFailedWithoutError(Path sealed) throws Exception {
    ValidationReport report = verifiesWithoutError(sealed);
    assertThat(report.verdict().passed()).as("verdict " + report.verdict()).isFalse();
  }

  static ValidationReport verifiesWithoutError(Path sealed) throws Exception {
    return HostileStructureTest.within(120, () -> HostileStructureTest.verifier().verify(sealed));
  }
}
