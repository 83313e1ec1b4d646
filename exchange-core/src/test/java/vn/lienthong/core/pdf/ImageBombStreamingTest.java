package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.validation.ChangeInfo;

/**
 * Images whose declared size is huge but whose data is a few bytes: the renderer decodes them
 * (PDFBox subsamples by at most 8), so a 32 760 pixel square grey image is 4 095 x 4 095 RGB
 * ints, 64 MiB, from a 1-byte stream; a few of them on a page are held together.
 */
class ImageBombStreamingTest extends ServicesFixture {

  /** {@code count} distinct grey images of {@code size} square, 1 byte of data each, drawn tiny. */
  static RenderingBombs.PageContent hugeImages(int count, int size, String filter, String bpc,
      String colorSpace) {
    return (PDDocument doc, PDPage page) -> {
      PDResources resources = new PDResources();
      StringBuilder content = new StringBuilder();
      for (int i = 0; i < count; i++) {
        COSStream image = doc.getDocument().createCOSStream();
        image.setName(COSName.TYPE, "XObject");
        image.setName(COSName.SUBTYPE, "Image");
        image.setInt(COSName.WIDTH, size);
        image.setInt(COSName.HEIGHT, size);
        image.setInt(COSName.BITS_PER_COMPONENT, Integer.parseInt(bpc));
        image.setName(COSName.COLORSPACE, colorSpace);
        if (filter != null) {
          image.setName(COSName.FILTER, filter);
        }
        try (OutputStream o = image.createRawOutputStream()) {
          o.write(new byte[] {(byte) (i + 1)});
        }
        COSName name = COSName.getPDFName("Im" + i);
        resources.getCOSObject().getCOSDictionary(COSName.XOBJECT);
        org.apache.pdfbox.cos.COSDictionary xobjects =
            resources.getCOSObject().getCOSDictionary(COSName.XOBJECT);
        if (xobjects == null) {
          xobjects = new org.apache.pdfbox.cos.COSDictionary();
          resources.getCOSObject().setItem(COSName.XOBJECT, xobjects);
        }
        xobjects.setItem(name, image);
        content.append("q 10 0 0 10 ").append(20 + 12 * i).append(" 700 cm /").append(name.getName())
            .append(" Do Q\n");
      }
      page.setResources(resources);
      page.getCOSObject().setItem(COSName.CONTENTS, RenderingBombs.raw(doc, content.toString()));
    };
  }

  @Test
  void aGreyImageOfHugeDeclaredSizeDoesNotRunTheVerifierOutOfMemory() throws Exception {
    assumeTrue(Runtime.getRuntime().maxMemory() < 256L << 20, "meaningful in a small heap");
    Path file = RenderingBombs.signedAndSealed(services, dir, "huge-grey", PDRectangle.A4,
        hugeImages(1, 32_760, null, "8", "DeviceGray"));
    assertThat(Files.size(file)).isLessThan(300_000);

    PdfRevisions revisions = PdfRevisions.read(file);
    List<ChangeInfo> changes = revisions.changesAfter(revisions.signatures().get(0));

    assertThat(changes).isNotEmpty();
  }

  /**
   * Ten distinct grey images, each within the per-image bound once subsampled (16 MiB), are
   * held together by the renderer's image cache unless it lets go of them under pressure.
   */
  @Test
  void tenGreyImagesAreNotHeldTogether() throws Exception {
    assumeTrue(Runtime.getRuntime().maxMemory() < 256L << 20, "meaningful in a small heap");
    Path file = RenderingBombs.signedAndSealed(services, dir, "ten-grey", PDRectangle.A4,
        hugeImages(10, 16_380, null, "8", "DeviceGray"));

    PdfRevisions revisions = PdfRevisions.read(file);
    List<ChangeInfo> changes = revisions.changesAfter(revisions.signatures().get(0));

    // the same images in both revisions: the seal stays allowed
    assertThat(changes).extracting(ChangeInfo::kind).containsExactly(ChangeInfo.Kind.SIGNATURE_ADDED);
    assertThat(changes).allMatch(ChangeInfo::allowed);
  }

  @Test
  void anRgbImageOfHugeDeclaredSizeDoesNotRunTheVerifierOutOfMemory() throws Exception {
    assumeTrue(Runtime.getRuntime().maxMemory() < 256L << 20, "meaningful in a small heap");
    Path file = RenderingBombs.signedAndSealed(services, dir, "huge-rgb", PDRectangle.A4,
        hugeImages(1, 32_760, null, "8", "DeviceRGB"));

    PdfRevisions revisions = PdfRevisions.read(file);
    List<ChangeInfo> changes = revisions.changesAfter(revisions.signatures().get(0));

    assertThat(changes).isNotEmpty();
  }
}
