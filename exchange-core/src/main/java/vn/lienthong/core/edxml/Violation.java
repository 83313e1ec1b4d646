package vn.lienthong.core.edxml;

import java.util.Objects;

/** One broken rule: its code, the field concerned (a path) and a sentence a clerk can read. */
public record Violation(ErrorCode code, String field, String message) {
  public Violation {
    Objects.requireNonNull(code, "code");
    field = Texts.orEmpty(field);
    message = Texts.orEmpty(message);
  }

  /** The same as an exception, to throw. */
  public EdxmlException toException() {
    return new EdxmlException(code, field, message);
  }
}
