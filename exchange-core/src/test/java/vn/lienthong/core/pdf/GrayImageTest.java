package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.DeflaterOutputStream;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.color.PDColorSpace;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceGray;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceRGB;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The revision comparison's own decoding of 8-bit grey images draws exactly the pixels PDFBox
 * draws, and leaves every image it does not handle to PDFBox.
 */
class GrayImageTest {

  private static final Random RANDOM = new Random(20261126);

  /** Width, height, the size drawn (points at 72 dpi: the subsampling follows), samples given. */
  @ParameterizedTest
  @CsvSource({
      "97, 53, 97, 1.0", // every sample read
      "97, 53, 40, 1.0", // subsampled by 2
      "301, 157, 90, 1.0", // by 3, odd sizes
      "640, 480, 60, 1.0", // by 8, the most PDFBox subsamples
      "120, 80, 120, 0.6", // a short stream, every sample read: black after its end
      "120, 80, 30, 0.6", // a short stream, subsampled: the last row read repeats
  })
  void drawsThePixelsPdfboxDraws(int width, int height, float drawn, double given) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(new PDRectangle(200, 200));
      doc.addPage(page);
      PDImageXObject image = gray(doc, width, height, (int) (width * height * given));
      assertThat(GrayImage.applies(image)).isTrue();
      try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
        content.drawImage(image, 13, 17, drawn, drawn * height / width);
        content.drawImage(image, 100, 100, width, height); // the same image at full size too
      }
      BufferedImage pdfbox = pdfboxRenderer(doc).renderImageWithDPI(0, VisualDiff.DPI, ImageType.RGB);
      BufferedImage ours = VisualDiff.renderer(doc).renderImageWithDPI(0, VisualDiff.DPI, ImageType.RGB);
      assertThat(pixels(ours)).isEqualTo(pixels(pdfbox));
      assertThat(Arrays.stream(pixels(ours)).distinct().count()).as("the image was drawn").isGreaterThan(100);
    }
  }

  @Test
  void leavesEveryOtherImageToPdfbox() throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDImageXObject plain = gray(doc, 20, 10, 200);
      assertThat(GrayImage.applies(plain)).isTrue();

      PDImageXObject masked = gray(doc, 20, 10, 200);
      masked.getCOSObject().setItem(COSName.SMASK, gray(doc, 20, 10, 200));
      PDImageXObject inverted = gray(doc, 20, 10, 200);
      inverted.setDecode(decode(1, 0));
      PDImageXObject stencil = gray(doc, 20, 10, 200);
      stencil.setStencil(true);
      PDImageXObject optional = gray(doc, 20, 10, 200);
      optional.getCOSObject().setItem(COSName.OC, new org.apache.pdfbox.cos.COSDictionary());
      PDImageXObject colour = image(doc, 20, 10, 600, PDDeviceRGB.INSTANCE, 8, COSName.FLATE_DECODE);
      PDImageXObject deep = image(doc, 20, 10, 400, PDDeviceGray.INSTANCE, 16, COSName.FLATE_DECODE);
      PDImageXObject jpeg = image(doc, 20, 10, 200, PDDeviceGray.INSTANCE, 8, COSName.DCT_DECODE);
      PDImageXObject undescribed = gray(doc, 20, 10, 200); // no colour space: PDFBox's to refuse
      undescribed.getCOSObject().removeItem(COSName.COLORSPACE);
      for (PDImageXObject other : new PDImageXObject[] {masked, inverted, stencil, optional, colour, deep, jpeg,
          undescribed}) {
        assertThat(GrayImage.applies(other)).as(other.getCOSObject().toString()).isFalse();
        assertThat(GrayImage.of(other)).isSameAs(other);
      }
    }
  }

  @Test
  void aDefaultGrayInTheResourcesIsPdfboxsToApply() throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDResources resources = new PDResources();
      resources.getCOSObject().setItem(COSName.COLORSPACE, new org.apache.pdfbox.cos.COSDictionary());
      COSArray calGray = new COSArray();
      calGray.add(COSName.getPDFName("CalGray"));
      org.apache.pdfbox.cos.COSDictionary params = new org.apache.pdfbox.cos.COSDictionary();
      COSArray white = new COSArray();
      white.add(org.apache.pdfbox.cos.COSFloat.get("0.9505"));
      white.add(COSInteger.ONE);
      white.add(org.apache.pdfbox.cos.COSFloat.get("1.089"));
      params.setItem(COSName.getPDFName("WhitePoint"), white);
      calGray.add(params);
      resources.getCOSObject().getCOSDictionary(COSName.COLORSPACE).setItem(COSName.DEFAULT_GRAY, calGray);
      PDImageXObject image = gray(doc, 20, 10, 200);
      PDImageXObject underDefault = new PDImageXObject(new org.apache.pdfbox.pdmodel.common.PDStream(
          image.getCOSObject()), resources);
      assertThat(underDefault.getColorSpace()).isNotSameAs(PDDeviceGray.INSTANCE);
      assertThat(GrayImage.applies(underDefault)).isFalse();
    }
  }

  private static PDFRenderer pdfboxRenderer(PDDocument doc) {
    PDFRenderer renderer = new PDFRenderer(doc);
    renderer.setSubsamplingAllowed(true);
    return renderer;
  }

  private static PDImageXObject gray(PDDocument doc, int width, int height, int samples) throws IOException {
    return image(doc, width, height, samples, PDDeviceGray.INSTANCE, 8, COSName.FLATE_DECODE);
  }

  /** An image of random samples ({@code bytes} of them, fewer than it claims makes it short). */
  private static PDImageXObject image(PDDocument doc, int width, int height, int bytes,
      PDColorSpace space, int bits, COSName filter) throws IOException {
    byte[] samples = new byte[bytes];
    RANDOM.nextBytes(samples);
    byte[] encoded = samples;
    if (COSName.FLATE_DECODE.equals(filter)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (DeflaterOutputStream deflate = new DeflaterOutputStream(out)) {
        deflate.write(samples);
      }
      encoded = out.toByteArray();
    }
    return new PDImageXObject(doc, new ByteArrayInputStream(encoded), filter, width, height, bits, space);
  }

  private static COSArray decode(int from, int to) {
    COSArray a = new COSArray();
    a.add(COSInteger.get(from));
    a.add(COSInteger.get(to));
    return a;
  }

  private static int[] pixels(BufferedImage image) {
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }
}
