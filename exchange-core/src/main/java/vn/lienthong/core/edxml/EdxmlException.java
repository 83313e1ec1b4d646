package vn.lienthong.core.edxml;

import java.util.Objects;

/**
 * An envelope refused for a reason a program can act on ({@link #code()}) and a clerk can read
 * ({@link #getMessage()}), naming the field concerned as a path such as
 * {@code MessageHeader/To[2]/OrganId} ({@link #field()}; empty when the whole message is concerned).
 */
public final class EdxmlException extends RuntimeException {

  private final ErrorCode code;
  private final String field;

  public EdxmlException(ErrorCode code, String field, String message) {
    this(code, field, message, null);
  }

  public EdxmlException(ErrorCode code, String field, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
    this.field = field == null ? "" : field;
  }

  /** The reason code. */
  public ErrorCode code() {
    return code;
  }

  /** The field concerned, or empty. */
  public String field() {
    return field;
  }

  @Override
  public String toString() {
    return "EdxmlException[" + code + (field.isEmpty() ? "" : " at " + field) + "]: " + getMessage();
  }
}
