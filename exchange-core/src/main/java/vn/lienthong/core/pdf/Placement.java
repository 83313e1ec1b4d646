package vn.lienthong.core.pdf;

import static java.util.Objects.requireNonNull;

/**
 * Where a visible signature goes. Coordinates are PDF points (1/72 inch) from the lower left
 * corner of the page as it is displayed (its /Rotate applied, its crop box); pages are numbered
 * from 1.
 */
public sealed interface Placement {

  /** A rectangle on a page. */
  record OnPage(int page, float x, float y, float width, float height) implements Placement {
    public OnPage {
      if (page < 1) {
        throw new IllegalArgumentException("page must be 1 or more, not " + page);
      }
      if (width <= 0 || height <= 0) {
        throw new IllegalArgumentException("width and height must be positive");
      }
    }
  }

  /**
   * A rectangle centred on the first occurrence of a placeholder text the document template
   * carries (e.g. {@code [[CHU_KY]]}), searched on every page in order.
   */
  record AtAnchor(String text, float width, float height) implements Placement {
    public AtAnchor {
      requireNonNull(text, "text");
      if (text.isBlank()) {
        throw new IllegalArgumentException("text is blank");
      }
      if (width <= 0 || height <= 0) {
        throw new IllegalArgumentException("width and height must be positive");
      }
    }
  }

  /**
   * The seal over the latest visible signature (Decree 30): a square of {@code size} points for
   * the seal image plus a text band below it, overlapping the left third of the signer's image.
   */
  record OverSignerImage(float size) implements Placement {
    public OverSignerImage {
      if (size <= 0) {
        throw new IllegalArgumentException("size must be positive");
      }
    }
  }

  /** The top right corner of the first page, {@code margin} points from its edges (copies). */
  record TopRight(float margin) implements Placement {
    public TopRight {
      if (margin < 0) {
        throw new IllegalArgumentException("margin must not be negative");
      }
    }
  }

  /** A rectangle on a page. */
  static Placement onPage(int page, float x, float y, float width, float height) {
    return new OnPage(page, x, y, width, height);
  }

  /** A rectangle centred on a placeholder text. */
  static Placement atAnchor(String text, float width, float height) {
    return new AtAnchor(text, width, height);
  }

  /** The seal overlapping the signer's image, at a real seal's size (36 mm). */
  static Placement overSignerImage() {
    return new OverSignerImage(102f);
  }

  /** The copy mark's place: top right of page 1, 28 points (about 1 cm) from the edges. */
  static Placement topRight() {
    return new TopRight(28f);
  }
}
