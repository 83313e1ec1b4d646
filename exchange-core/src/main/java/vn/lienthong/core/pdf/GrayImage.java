package vn.lienthong.core.pdf;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.SoftReference;
import java.util.Arrays;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceGray;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * An 8-bit DeviceGray image without masks, decoded straight into RGB ints for rendering. PDFBox
 * turns such an image into RGB one pixel at a time through the rasters' sample models
 * ({@code PDDeviceGray.toRGBImage}, about 10 ns a pixel): a page with a scanned grey image cost
 * more to convert than to draw, and comparing revisions renders each page three times. The
 * pixels are those PDFBox makes (same subsampling, same values; tested against it); anything
 * else about the image (optional content, interpolation, the graphics state's soft mask) is
 * PDFBox's, read from the same stream. It keeps its last decoded image: one per renderer, one
 * thread.
 */
final class GrayImage extends ReadOnlyImage {

  /** Filters that decode as a stream; images behind others (DCT, JPX, JBIG2, CCITT) stay PDFBox's. */
  private static final Set<COSName> STREAMING_FILTERS = Set.of(COSName.FLATE_DECODE,
      COSName.FLATE_DECODE_ABBREVIATION, COSName.LZW_DECODE, COSName.LZW_DECODE_ABBREVIATION,
      COSName.ASCII_HEX_DECODE, COSName.ASCII_HEX_DECODE_ABBREVIATION, COSName.ASCII85_DECODE,
      COSName.ASCII85_DECODE_ABBREVIATION, COSName.RUN_LENGTH_DECODE,
      COSName.RUN_LENGTH_DECODE_ABBREVIATION);

  private static final int MAX_WIDTH = 1 << 16;
  private static final long MAX_PIXELS = 1L << 24;

  /**
   * Softly, as PDFBox keeps its own decoded images: the renderer keeps one of these per image,
   * and ten images of 64 MiB each held together ran a 512 MiB heap out of memory.
   */
  private SoftReference<BufferedImage> decoded = new SoftReference<>(null);
  private int decodedSubsampling;

  private GrayImage(PDImageXObject original) {
    super(original);
  }

  /**
   * {@code image} itself when this fast path does not apply to it, else a view that decodes
   * faster. Applies to 8-bit images in DeviceGray (after the resources' /DefaultGray), with no
   * /Decode other than [0 1], no /Mask, /SMask, /ImageMask or optional content (/OC, which
   * PDFBox checks on its own image class only), behind streaming filters only.
   */
  static PDImage of(PDImageXObject image) {
    return applies(image) ? new GrayImage(image) : image;
  }

  /** Whether the fast path applies; an image PDFBox cannot describe is left to PDFBox. */
  static boolean applies(PDImageXObject image) {
    var dict = image.getCOSObject();
    try {
      return !dict.containsKey(COSName.OC)
          && !image.isStencil()
          && !dict.containsKey(COSName.MASK)
          && !dict.containsKey(COSName.SMASK)
          && !dict.containsKey(COSName.getPDFName("SMaskInData"))
          && image.getBitsPerComponent() == 8
          && defaultDecode(image.getDecode())
          && image.getWidth() > 0 && image.getHeight() > 0
          && !image.isEmpty()
          && STREAMING_FILTERS.containsAll(image.getStream().getFilters())
          && image.getColorSpace() == PDDeviceGray.INSTANCE;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static boolean defaultDecode(COSArray decode) {
    return decode == null || decode.size() == 2 && decode.getObject(0) instanceof COSNumber a
        && a.floatValue() == 0 && decode.getObject(1) instanceof COSNumber b && b.floatValue() == 1;
  }

  @Override
  public BufferedImage getImage() throws IOException {
    return getImage(null, 1);
  }

  @Override
  public BufferedImage getImage(Rectangle region, int subsampling) throws IOException {
    if (region != null || subsampling < 1 || tooLarge(subsampling)) {
      return original.getImage(region, subsampling);
    }
    BufferedImage image = decoded.get();
    if (image == null || decodedSubsampling != subsampling) {
      image = decode(subsampling);
      decoded = new SoftReference<>(image);
      decodedSubsampling = subsampling;
    }
    return image;
  }

  /** Images this large go PDFBox's way, whatever that does with them. */
  private boolean tooLarge(int subsampling) {
    long out = (long) (original.getWidth() / subsampling + 1) * (original.getHeight() / subsampling + 1);
    return original.getWidth() > MAX_WIDTH || out > MAX_PIXELS;
  }

  /**
   * Every {@code subsampling}-th sample of every {@code subsampling}-th row, read row by row as
   * PDFBox's {@code SampledImageReader.from8bit} does. A short stream leaves what PDFBox leaves:
   * black (0) samples when every sample is read, else the samples of the last row read.
   */
  private BufferedImage decode(int subsampling) throws IOException {
    int width = original.getWidth();
    int height = original.getHeight();
    int outWidth = (width + subsampling - 1) / subsampling;
    int outHeight = (height + subsampling - 1) / subsampling;
    BufferedImage image = new BufferedImage(outWidth, outHeight, BufferedImage.TYPE_INT_RGB);
    int[] rgb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    byte[] row = new byte[width];
    int i = 0;
    try (InputStream in = original.createInputStream()) {
      for (int y = 0; y < height; y++) {
        if (subsampling == 1) {
          Arrays.fill(row, (byte) 0);
        }
        in.readNBytes(row, 0, width);
        if (y % subsampling != 0) {
          continue;
        }
        for (int x = 0; x < width; x += subsampling) {
          int g = row[x] & 0xff;
          rgb[i++] = g << 16 | g << 8 | g;
        }
      }
    }
    return image;
  }
}
