package vn.lienthong.core.pdf;

import java.io.IOException;

/** The file is not a PDF at all, so no revision analysis is possible. */
public final class NotAPdfException extends IOException {

  /** Why the file is not a PDF. */
  public enum Reason {
    /** The file is empty. */
    EMPTY,
    /** No {@code %PDF-} header in its first kilobyte. */
    NO_HEADER
  }

  private final Reason reason;

  NotAPdfException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
