package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.validation.ChangeInfo;

/**
 * DCT (JPEG) images whose JPEG header (SOF) declares far more pixels than the PDF dictionary's
 * /Width and /Height: PDFBox decodes them through ImageIO at the subsampling computed from the
 * dictionary, and ImageIO allocates the raster the SOF declares.
 */
class JpegBombStreamingTest extends ServicesFixture {


  /** A real 16 x 16 JPEG whose SOF then says {@code width} x {@code height}. */
  static byte[] jpeg(int width, int height, boolean gray) throws Exception {
    BufferedImage image = new BufferedImage(16, 16,
        gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpeg", out);
    byte[] b = out.toByteArray();
    for (int i = 2; i + 8 < b.length; ) {
      int marker = b[i + 1] & 0xff;
      int length = (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
      if (marker == 0xC0 || marker == 0xC2) {
        b[i + 5] = (byte) (height >> 8);
        b[i + 6] = (byte) height;
        b[i + 7] = (byte) (width >> 8);
        b[i + 8] = (byte) width;
        return b;
      }
      i += 2 + length;
    }
    throw new IllegalStateException("no SOF");
  }

  static RenderingBombs.PageContent dctImage(byte[] data, int width, int height, boolean gray) {
    return (PDDocument doc, PDPage page) -> {
      COSStream image = doc.getDocument().createCOSStream();
      image.setName(COSName.TYPE, "XObject");
      image.setName(COSName.SUBTYPE, "Image");
      image.setInt(COSName.WIDTH, width);
      image.setInt(COSName.HEIGHT, height);
      image.setInt(COSName.BITS_PER_COMPONENT, 8);
      image.setName(COSName.COLORSPACE, gray ? "DeviceGray" : "DeviceRGB");
      image.setName(COSName.FILTER, "DCTDecode");
      try (OutputStream o = image.createRawOutputStream()) {
        o.write(data);
      }
      PDResources resources = new PDResources();
      COSDictionary xobjects = new COSDictionary();
      xobjects.setItem(COSName.getPDFName("Im0"), image);
      resources.getCOSObject().setItem(COSName.XOBJECT, xobjects);
      page.setResources(resources);
      page.getCOSObject().setItem(COSName.CONTENTS,
          RenderingBombs.raw(doc, "q 100 0 0 100 100 600 cm /Im0 Do Q\n"));
    };
  }

  private static List<ChangeInfo> changes(Path file) throws Exception {
    PdfRevisions revisions = PdfRevisions.read(file);
    return revisions.changesAfter(revisions.signatures().get(0));
  }

  @Test
  void aJpegWhoseHeaderDeclaresHugeDimensionsDoesNotRunTheVerifierOutOfMemory() throws Exception {
    assumeTrue(Runtime.getRuntime().maxMemory() < 256L << 20, "meaningful in a small heap");
    Path file = RenderingBombs.signedAndSealed(services, dir, "jpeg-sof", PDRectangle.A4,
        dctImage(jpeg(20_000, 20_000, false), 16, 16, false));

    List<ChangeInfo> changes = changes(file);

    assertThat(changes).isNotEmpty();
  }

  @Test
  void aGreyJpegWhoseHeaderDeclaresHugeDimensionsDoesNotRunTheVerifierOutOfMemory()
      throws Exception {
    assumeTrue(Runtime.getRuntime().maxMemory() < 256L << 20, "meaningful in a small heap");
    Path file = RenderingBombs.signedAndSealed(services, dir, "jpeg-sof-grey", PDRectangle.A4,
        dctImage(jpeg(20_000, 20_000, true), 16, 16, true));

    List<ChangeInfo> changes = changes(file);

    assertThat(changes).isNotEmpty();
  }

  @Test
  void aJpegOf65535SquareDeclaredAlikeIsSubsampled() throws Exception {
    assumeTrue(Runtime.getRuntime().maxMemory() < 256L << 20, "meaningful in a small heap");
    Path file = RenderingBombs.signedAndSealed(services, dir, "jpeg-65535", PDRectangle.A4,
        dctImage(jpeg(65_535, 65_535, false), 65_535, 65_535, false));

    long start = System.nanoTime();
    List<ChangeInfo> changes = changes(file);

    assertThat(changes).isNotEmpty();
    assertThat(System.nanoTime() - start).isLessThan(30_000_000_000L);
  }
}
