package vn.lienthong.core.pdf;

import static java.util.Objects.requireNonNull;

/**
 * What a signature shows on the page (Decree 30/2020): the signer's handwritten signature with
 * name and position, the organization's red seal with its name and the signing time, the
 * copy/attachment text, or nothing. Text is drawn with an embedded Unicode font, so Vietnamese
 * diacritics render everywhere; times are written in Vietnam time (UTC+7), ISO 8601.
 */
public sealed interface Appearance {

  /** No visible appearance (a zero-size widget). */
  record Invisible() implements Appearance {}

  /**
   * The signer's approval signature: the image of the handwritten signature above the name, the
   * position and the signing time.
   *
   * @param image PNG (transparency kept) or JPEG bytes
   */
  record Signer(byte[] image, String name, String position) implements Appearance {
    public Signer {
      image = requireNonNull(image, "image").clone();
      requireNonNull(name, "name");
      requireNonNull(position, "position");
    }

    @Override
    public byte[] image() {
      return image.clone();
    }
  }

  /**
   * The organization's seal: the red round seal (transparent PNG, drawn at the placement's width)
   * above the organization's name and the signing time.
   */
  record Seal(byte[] image, String organization) implements Appearance {
    public Seal {
      image = requireNonNull(image, "image").clone();
      requireNonNull(organization, "organization");
    }

    @Override
    public byte[] image() {
      return image.clone();
    }
  }

  /**
   * Copies and attachments: no image, the organization's name and the signing time as 10 pt
   * black Times-metric text (Liberation Serif), normally at the top right of the first page.
   */
  record CopyText(String organization) implements Appearance {
    public CopyText {
      requireNonNull(organization, "organization");
    }
  }
}
