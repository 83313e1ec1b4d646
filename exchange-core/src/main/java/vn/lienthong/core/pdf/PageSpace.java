package vn.lienthong.core.pdf;

import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * Converts rectangles between a page as it is displayed (its /Rotate applied, origin at the lower
 * left corner of the visible crop box) and the page's own unrotated space, where annotation
 * rectangles live. Placements are given, and appearances drawn, in the displayed space, so that a
 * signature on a landscape page made with /Rotate 90 stands upright where the reader sees it.
 */
final class PageSpace {

  private final PDRectangle crop;
  private final int rotation;

  PageSpace(PDPage page) {
    this.crop = page.getCropBox();
    this.rotation = Math.floorMod(page.getRotation(), 360) / 90 * 90;
  }

  /** 0, 90, 180 or 270: the clockwise rotation applied when the page is displayed. */
  int rotation() {
    return rotation;
  }

  float displayedWidth() {
    return rotation % 180 == 0 ? crop.getWidth() : crop.getHeight();
  }

  float displayedHeight() {
    return rotation % 180 == 0 ? crop.getHeight() : crop.getWidth();
  }

  /** A rectangle in the displayed page, in the page's own space. */
  PDRectangle toPage(PDRectangle displayed) {
    float[] a = toPage(displayed.getLowerLeftX(), displayed.getLowerLeftY());
    float[] b = toPage(displayed.getUpperRightX(), displayed.getUpperRightY());
    return box(a, b);
  }

  /** A rectangle in the page's own space, as displayed. */
  PDRectangle toDisplay(PDRectangle onPage) {
    float[] a = toDisplay(onPage.getLowerLeftX(), onPage.getLowerLeftY());
    float[] b = toDisplay(onPage.getUpperRightX(), onPage.getUpperRightY());
    return box(a, b);
  }

  private float[] toPage(float xd, float yd) {
    float w = crop.getWidth();
    float h = crop.getHeight();
    float[] u = switch (rotation) {
      case 90 -> new float[] {w - yd, xd};
      case 180 -> new float[] {w - xd, h - yd};
      case 270 -> new float[] {yd, h - xd};
      default -> new float[] {xd, yd};
    };
    return new float[] {crop.getLowerLeftX() + u[0], crop.getLowerLeftY() + u[1]};
  }

  private float[] toDisplay(float xp, float yp) {
    float w = crop.getWidth();
    float h = crop.getHeight();
    float xu = xp - crop.getLowerLeftX();
    float yu = yp - crop.getLowerLeftY();
    return switch (rotation) {
      case 90 -> new float[] {yu, w - xu};
      case 180 -> new float[] {w - xu, h - yu};
      case 270 -> new float[] {h - yu, xu};
      default -> new float[] {xu, yu};
    };
  }

  private static PDRectangle box(float[] a, float[] b) {
    float x = Math.min(a[0], b[0]);
    float y = Math.min(a[1], b[1]);
    return new PDRectangle(x, y, Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]));
  }
}
