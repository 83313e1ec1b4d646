package vn.lienthong.server.error;

import java.util.Objects;
import vn.lienthong.core.validation.ShownText;

/**
 * A refusal: a {@link HubError} code, a sentence a clerk can read and, when one field is
 * concerned, its path (e.g. {@code MessageHeader/To[2]/OrganId}). The API turns it into a typed
 * SOAP fault; nothing else of it (no stack trace) crosses the wire.
 */
public final class HubException extends RuntimeException {

  private final HubError error;
  private final String field;
  private final byte[] report;

  public HubException(HubError error, String message) {
    this(error, message, "", null);
  }

  public HubException(HubError error, String message, String field) {
    this(error, message, field, null);
  }

  public HubException(HubError error, String message, String field, Throwable cause) {
    this(error, message, field, cause, null);
  }

  /**
   * A refusal carrying a validation report (the core's report XML), e.g. PDF_SIGNATURE_INVALID.
   * The sentence often echoes what the caller sent (a DocumentId, an address); it is logged (CXF
   * logs every fault it answers, the hub its UNAVAILABLE ones) and audited, so its control
   * characters, line breaks and bidirectional controls are written as {@code [U+XXXX]}: a line
   * break in a DocumentId forged whole lines of the hub's log.
   */
  public HubException(HubError error, String message, String field, Throwable cause, byte[] report) {
    super(message == null || message.isEmpty() ? error.sentence() : ShownText.visible(message), cause);
    this.error = Objects.requireNonNull(error, "error");
    this.field = field == null ? "" : field;
    this.report = report == null ? null : report.clone();
  }

  /** The validation report (XML) the refusal carries, or empty. */
  public java.util.Optional<byte[]> report() {
    return java.util.Optional.ofNullable(report).map(byte[]::clone);
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
