package vn.lienthong.core.pdf;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

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
  /**
   * Pixels of one rendering at most (8 MiB of RGB ints; A2 at 72 dpi is 2.0 Mpx): larger pages
   * are rendered at a lower resolution. At 72 dpi a page of the largest size PDF allows (14 400
   * units square) was 830 MB of pixels, three times per compared page, and a 2 KB file ran the
   * verifier out of memory.
   */
  static final long MAX_PIXELS = 1L << 21;
  /** Rectangles' pixels scanned for {@link #drawsOverContent}, in pages; beyond, a table. */
  private static final long SCANNED_PAGES = 4;
  /** Allowed rectangles tried one by one per changed pixel; beyond, a coverage map. */
  private static final int MASKS_TRIED = 32;

  private final Pixels before;
  private final Pixels beforeContentOnly;
  private final Pixels after;
  private final PDRectangle box;
  private final float dpi;
  private long scanned;
  private int[] alteredSums;

  private VisualDiff(BufferedImage before, BufferedImage beforeContentOnly, BufferedImage after,
      PDRectangle box, float dpi) {
    this.dpi = dpi;
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

  /**
   * Renders page {@code page} (1-based) of both revisions, at {@link #DPI} or, for a page of
   * more than {@link #MAX_PIXELS}, at the resolution that fits it; within {@code budget}.
   *
   * @throws RenderingBudget.Exceeded when the file's rendering budget is spent
   */
  static VisualDiff of(PDDocument prev, PDDocument cur, int page, RenderingBudget budget)
      throws IOException {
    float dpi = dpi(prev.getPage(page - 1).getCropBox(), cur.getPage(page - 1).getCropBox());
    PDFRenderer prevRenderer = renderer(prev, budget);
    BufferedImage before = render(prevRenderer, page, dpi, budget);
    prevRenderer.setAnnotationsFilter(annotation -> false);
    BufferedImage contentOnly = render(prevRenderer, page, dpi, budget);
    BufferedImage after = render(renderer(cur, budget), page, dpi, budget);
    return new VisualDiff(before, contentOnly, after, cur.getPage(page - 1).getCropBox(), dpi);
  }

  private static BufferedImage render(PDFRenderer renderer, int page, float dpi,
      RenderingBudget budget) throws IOException {
    BufferedImage image;
    try {
      budget.start();
      image = renderer.renderImageWithDPI(page - 1, dpi, ImageType.RGB);
    } catch (StackOverflowError e) {
      // a structure PDFBox recurses on without bound (a tiling pattern that paints with itself)
      budget.refuse("the page's content nests deeper than the renderer's stack");
      throw e; // not reached
    } finally {
      budget.stop();
    }
    budget.requireWithin();
    return image;
  }

  /** {@link #DPI}, or less so that the larger of the two boxes has at most {@link #MAX_PIXELS}. */
  static float dpi(PDRectangle... boxes) {
    double points = 0;
    for (PDRectangle box : boxes) {
      double area = (double) box.getWidth() * box.getHeight();
      points = Math.max(points, Double.isNaN(area) ? Double.POSITIVE_INFINITY : Math.abs(area));
    }
    double pixels = points * (DPI / 72) * (DPI / 72);
    return pixels <= MAX_PIXELS ? DPI : (float) (DPI * Math.sqrt(MAX_PIXELS / pixels));
  }

  /** The resolution the page was compared at. */
  float dpi() {
    return dpi;
  }

  /**
   * A renderer that decodes images only at the resolution drawn: a scanned seal or signature
   * image decoded at full size pixel by pixel cost more than the rest of the page. Both
   * revisions are rendered alike, so an image that did not change renders identically.
   */
  static PDFRenderer renderer(PDDocument document) {
    return renderer(document, new RenderingBudget());
  }

  private static PDFRenderer renderer(PDDocument document, RenderingBudget budget) {
    PDFRenderer renderer = new BoundedRenderer(document, budget);
    renderer.setSubsamplingAllowed(true);
    return renderer;
  }

  /**
   * Whether what is drawn now inside {@code rect} alters the page content that was there: more
   * than 2 % of the rectangle's pixels (and at least 16) were content ink and changed.
   */
  boolean drawsOverContent(PDRectangle rect) {
    int[] r = pixels(rect);
    int altered = altered(r);
    int area = Math.max(1, (r[2] - r[0]) * (r[3] - r[1]));
    return altered >= 16 && altered * 50 > area;
  }

  /**
   * The altered pixels (content ink that changed) in {@code r}: scanned while the rectangles
   * asked about add up to at most {@link #SCANNED_PAGES} times the page, then read from a table
   * of sums built once. Scanning each rectangle cost a page's pixels per full-page annotation:
   * 8 000 of them added after a signature held the verifier for 7 s, growing with their number
   * times the page's pixels.
   */
  private int altered(int[] r) {
    long area = (long) (r[2] - r[0]) * (r[3] - r[1]);
    if (alteredSums == null
        && scanned + area <= SCANNED_PAGES * (long) after.width() * after.height()) {
      scanned += area;
      int altered = 0;
      for (int y = r[1]; y < r[3]; y++) {
        for (int x = r[0]; x < r[2]; x++) {
          if (isAltered(x, y)) {
            altered++;
          }
        }
      }
      return altered;
    }
    if (alteredSums == null) {
      alteredSums = alteredSums();
    }
    int stride = after.width() + 1;
    return alteredSums[r[3] * stride + r[2]] - alteredSums[r[1] * stride + r[2]]
        - alteredSums[r[3] * stride + r[0]] + alteredSums[r[1] * stride + r[0]];
  }

  private boolean isAltered(int x, int y) {
    int content = beforeContentOnly.at(x, y);
    return luma(content) < INK && differs(content, after.at(x, y));
  }

  /** sums[y * (w + 1) + x]: the altered pixels above and left of (x, y), in {@code after}'s size. */
  private int[] alteredSums() {
    int w = after.width();
    int h = after.height();
    int stride = w + 1;
    int[] sums = new int[stride * (h + 1)];
    int cw = Math.min(w, beforeContentOnly.width());
    int ch = Math.min(h, beforeContentOnly.height());
    for (int y = 0; y < h; y++) {
      int row = 0;
      for (int x = 0; x < w; x++) {
        if (x < cw && y < ch && isAltered(x, y)) {
          row++;
        }
        sums[(y + 1) * stride + x + 1] = sums[y * stride + x + 1] + row;
      }
    }
    return sums;
  }

  /** Pixels that differ between the revisions outside the allowed rectangles. */
  int changedPixelsOutside(List<PDRectangle> allowed) {
    int w = Math.min(before.width(), after.width());
    int h = Math.min(before.height(), after.height());
    List<int[]> masks = allowed.stream().map(this::pixels).toList();
    // many rectangles: one coverage map, not each rectangle tried for each changed pixel
    int[] covered = masks.size() > MASKS_TRIED ? coverage(masks, w, h) : null;
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
        if (differs(a[rowA + x], b[rowB + x])
            && !(covered == null ? masked(masks, x, y) : covered[y * (w + 1) + x] > 0)) {
          changed++;
        }
      }
    }
    return changed;
  }

  /**
   * How many of the rectangles, each widened by a pixel as {@link #masked} does, cover each pixel
   * of a {@code w} x {@code h} image (at [y * (w + 1) + x]): a difference array summed once.
   */
  private static int[] coverage(List<int[]> masks, int w, int h) {
    int stride = w + 1;
    int[] cover = new int[stride * (h + 1)];
    for (int[] r : masks) {
      int x0 = Math.max(0, r[0] - 1);
      int y0 = Math.max(0, r[1] - 1);
      int x1 = Math.min(w, r[2] + 1);
      int y1 = Math.min(h, r[3] + 1);
      if (x0 >= x1 || y0 >= y1) {
        continue;
      }
      cover[y0 * stride + x0]++;
      cover[y0 * stride + x1]--;
      cover[y1 * stride + x0]--;
      cover[y1 * stride + x1]++;
    }
    for (int y = 0; y <= h; y++) {
      for (int x = 0; x <= w; x++) {
        int i = y * stride + x;
        cover[i] += (x > 0 ? cover[i - 1] : 0) + (y > 0 ? cover[i - stride] : 0)
            - (x > 0 && y > 0 ? cover[i - stride - 1] : 0);
      }
    }
    return cover;
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
    float scale = dpi / 72f;
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
