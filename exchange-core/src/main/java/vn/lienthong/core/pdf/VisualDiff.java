package vn.lienthong.core.pdf;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.rendering.PageDrawer;
import org.apache.pdfbox.rendering.PageDrawerParameters;

/**
 * What two revisions show on one page, rendered by PDFBox at a modest resolution: whether an
 * added appearance draws over the page's own content (evil annotation, sneaky signature, a form
 * field filled over text), and how many pixels differ outside the rectangles of allowed
 * additions (shadow attacks).
 */
final class VisualDiff {

  static final float DPI = 72;
  /** A channel difference above this counts a pixel as changed (anti-aliasing stays below). */
  private static final int CHANNEL_DELTA = 64;
  /** Darker than this (0-255 luma) is page content ink. */
  private static final int INK = 160;
  /** Changed pixels outside allowed rectangles tolerated (rendering noise). */
  static final int NOISE = 8;

  private final Pixels before;
  private final Pixels beforeContentOnly;
  private final Pixels after;
  private final PDRectangle box;

  private VisualDiff(BufferedImage before, BufferedImage beforeContentOnly, BufferedImage after,
      PDRectangle box) {
    this.before = Pixels.of(before);
    this.beforeContentOnly = Pixels.of(beforeContentOnly);
    this.after = Pixels.of(after);
    this.box = box;
  }

  /**
   * A rendered page as packed RGB ints, read straight from the raster: {@code getRGB(x, y)} per
   * pixel goes through the colour model and cost more than rendering the page.
   */
  private record Pixels(int[] rgb, int width, int height) {
    static Pixels of(BufferedImage image) {
      int w = image.getWidth();
      int h = image.getHeight();
      if (image.getType() == BufferedImage.TYPE_INT_RGB
          && image.getRaster().getDataBuffer() instanceof DataBufferInt data
          && data.getNumBanks() == 1 && data.getData().length == w * h) {
        return new Pixels(data.getData(), w, h);
      }
      return new Pixels(image.getRGB(0, 0, w, h, null, 0, w), w, h);
    }

    int at(int x, int y) {
      return rgb[y * width + x];
    }
  }

  /** Renders page {@code page} (1-based) of both revisions. */
  static VisualDiff of(PDDocument prev, PDDocument cur, int page) throws IOException {
    PDFRenderer prevRenderer = renderer(prev);
    BufferedImage before = prevRenderer.renderImageWithDPI(page - 1, DPI, ImageType.RGB);
    prevRenderer.setAnnotationsFilter(annotation -> false);
    BufferedImage contentOnly = prevRenderer.renderImageWithDPI(page - 1, DPI, ImageType.RGB);
    BufferedImage after = renderer(cur).renderImageWithDPI(page - 1, DPI, ImageType.RGB);
    return new VisualDiff(before, contentOnly, after, cur.getPage(page - 1).getCropBox());
  }

  /**
   * A renderer that decodes images only at the resolution drawn: a scanned seal or signature
   * image decoded at full size pixel by pixel cost more than the rest of the page. Both
   * revisions are rendered alike, so an image that did not change renders identically.
   */
  static PDFRenderer renderer(PDDocument document) {
    PDFRenderer renderer = new Renderer(document);
    renderer.setSubsamplingAllowed(true);
    return renderer;
  }

  /**
   * PDFBox's renderer, 8-bit grey images decoded by {@link GrayImage}; each image once per
   * renderer (as PDFBox's own image cache would), the renderer living for one page's diff.
   */
  private static final class Renderer extends PDFRenderer {
    private final Map<COSStream, PDImage> images = new IdentityHashMap<>();

    Renderer(PDDocument document) {
      super(document);
    }

    @Override
    protected PageDrawer createPageDrawer(PageDrawerParameters parameters) throws IOException {
      PageDrawer drawer = new PageDrawer(parameters) {
        @Override
        public void drawImage(PDImage image) throws IOException {
          super.drawImage(image instanceof PDImageXObject x ? gray(x) : image);
        }
      };
      drawer.setAnnotationFilter(getAnnotationsFilter());
      return drawer;
    }

    private PDImage gray(PDImageXObject image) {
      return images.computeIfAbsent(image.getCOSObject(), stream -> GrayImage.of(image));
    }
  }

  /**
   * Whether what is drawn now inside {@code rect} alters the page content that was there: more
   * than 2 % of the rectangle's pixels (and at least 16) were content ink and changed.
   */
  boolean drawsOverContent(PDRectangle rect) {
    int[] r = pixels(rect);
    int altered = 0;
    int area = Math.max(1, (r[2] - r[0]) * (r[3] - r[1]));
    for (int y = r[1]; y < r[3]; y++) {
      for (int x = r[0]; x < r[2]; x++) {
        int content = beforeContentOnly.at(x, y);
        if (luma(content) < INK && differs(content, after.at(x, y))) {
          altered++;
        }
      }
    }
    return altered >= 16 && altered * 50 > area;
  }

  /** Pixels that differ between the revisions outside the allowed rectangles. */
  int changedPixelsOutside(List<PDRectangle> allowed) {
    int w = Math.min(before.width(), after.width());
    int h = Math.min(before.height(), after.height());
    List<int[]> masks = allowed.stream().map(this::pixels).toList();
    int changed = Math.abs(before.width() * before.height() - after.width() * after.height());
    int[] a = before.rgb();
    int[] b = after.rgb();
    for (int y = 0; y < h; y++) {
      int rowA = y * before.width();
      int rowB = y * after.width();
      // most pixels are equal: skip runs of them (vectorized), consult the mask for the others
      for (int x = 0; x < w; x++) {
        int skip = Arrays.mismatch(a, rowA + x, rowA + w, b, rowB + x, rowB + w);
        if (skip < 0) {
          break;
        }
        x += skip;
        if (differs(a[rowA + x], b[rowB + x]) && !masked(masks, x, y)) {
          changed++;
        }
      }
    }
    return changed;
  }

  /** Whether (x, y) lies in one of the rectangles, widened by a pixel for anti-aliased edges. */
  private static boolean masked(List<int[]> masks, int x, int y) {
    for (int[] r : masks) {
      if (x >= r[0] - 1 && x < r[2] + 1 && y >= r[1] - 1 && y < r[3] + 1) {
        return true;
      }
    }
    return false;
  }

  /** {x0, y0, x1, y1} in image pixels, clipped to the image. */
  private int[] pixels(PDRectangle rect) {
    float scale = DPI / 72f;
    int w = after.width();
    int h = after.height();
    int x0 = clip((rect.getLowerLeftX() - box.getLowerLeftX()) * scale, w);
    int x1 = clip((rect.getUpperRightX() - box.getLowerLeftX()) * scale + 1, w);
    int y0 = clip((box.getUpperRightY() - rect.getUpperRightY()) * scale, h);
    int y1 = clip((box.getUpperRightY() - rect.getLowerLeftY()) * scale + 1, h);
    return new int[] {x0, y0, Math.max(x0, x1), Math.max(y0, y1)};
  }

  private static int clip(float v, int max) {
    return (int) Math.max(0, Math.min(max, Math.floor(v)));
  }

  private static int luma(int rgb) {
    return (299 * ((rgb >> 16) & 0xff) + 587 * ((rgb >> 8) & 0xff) + 114 * (rgb & 0xff)) / 1000;
  }

  private static boolean differs(int a, int b) {
    for (int shift = 0; shift <= 16; shift += 8) {
      if (Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff)) > CHANNEL_DELTA) {
        return true;
      }
    }
    return false;
  }
}
