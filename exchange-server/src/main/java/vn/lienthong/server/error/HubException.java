package vn.lienthong.server.error;

import java.util.Objects;

/**
 * A refusal: a {@link HubError} code, a sentence a clerk can read and, when one field is
 * concerned, its path (e.g. {@code MessageHeader/To[2]/OrganId}). The API turns it into a typed
 * SOAP fault; nothing else of it (no stack trace) crosses the wire.
 */
public final class HubException extends RuntimeException {

  private final HubError error;
  private final String field;

  public HubException(HubError error, String message) {
    this(error, message, "", null);
  }

  public HubException(HubError error, String message, String field) {
    this(error, message, field, null);
  }

  public HubException(HubError error, String message, String field, Throwable cause) {
    super(message == null || message.isEmpty() ? error.sentence() : message, cause);
    this.error = Objects.requireNonNull(error, "error");
    this.field = field == null ? "" : field;
  }

  /** The code. */
  public HubError error() {
    return error;
  }

  /** The field concerned, or empty. */
  public String field() {
    return field;
  }
}
