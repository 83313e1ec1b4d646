package vn.lienthong.core.pdf;

import java.awt.image.BufferedImage;
import java.io.IOException;
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

  private final BufferedImage before;
  private final BufferedImage beforeContentOnly;
  private final BufferedImage after;
  private final PDRectangle box;

  private VisualDiff(BufferedImage before, BufferedImage beforeContentOnly, BufferedImage after,
      PDRectangle box) {
    this.before = before;
    this.beforeContentOnly = beforeContentOnly;
    this.after = after;
    this.box = box;
  }

  /** Renders page {@code page} (1-based) of both revisions. */
  static VisualDiff of(PDDocument prev, PDDocument cur, int page) throws IOException {
    PDFRenderer prevRenderer = new PDFRenderer(prev);
    BufferedImage before = prevRenderer.renderImageWithDPI(page - 1, DPI, ImageType.RGB);
    prevRenderer.setAnnotationsFilter(annotation -> false);
    BufferedImage contentOnly = prevRenderer.renderImageWithDPI(page - 1, DPI, ImageType.RGB);
    BufferedImage after = new PDFRenderer(cur).renderImageWithDPI(page - 1, DPI, ImageType.RGB);
    return new VisualDiff(before, contentOnly, after, cur.getPage(page - 1).getCropBox());
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
        int content = beforeContentOnly.getRGB(x, y);
        if (luma(content) < INK && differs(content, after.getRGB(x, y))) {
          altered++;
        }
      }
    }
    return altered >= 16 && altered * 50 > area;
  }

  /** Pixels that differ between the revisions outside the allowed rectangles. */
  int changedPixelsOutside(List<PDRectangle> allowed) {
    int w = Math.min(before.getWidth(), after.getWidth());
    int h = Math.min(before.getHeight(), after.getHeight());
    boolean[] masked = new boolean[w * h];
    for (PDRectangle rect : allowed) {
      int[] r = pixels(rect);
      for (int y = Math.max(0, r[1] - 1); y < Math.min(h, r[3] + 1); y++) {
        for (int x = Math.max(0, r[0] - 1); x < Math.min(w, r[2] + 1); x++) {
          masked[y * w + x] = true;
        }
      }
    }
    int changed = Math.abs(before.getWidth() * before.getHeight()
        - after.getWidth() * after.getHeight());
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (!masked[y * w + x] && differs(before.getRGB(x, y), after.getRGB(x, y))) {
          changed++;
        }
      }
    }
    return changed;
  }

  /** {x0, y0, x1, y1} in image pixels, clipped to the image. */
  private int[] pixels(PDRectangle rect) {
    float scale = DPI / 72f;
    int w = after.getWidth();
    int h = after.getHeight();
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
