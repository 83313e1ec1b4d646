package vn.lienthong.client;

import java.util.Objects;
import java.util.Optional;

/**
 * A failed hub call. {@link #code()} is for programs; {@link #getMessage()} is the hub's text for
 * clerks (Vietnamese / English); {@link #field()} names the concerned element when there is one.
 */
public final class ExchangeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final FaultCode code;
  private final String field;

  ExchangeException(FaultCode code, String message, String field, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
    this.field = field;
  }

  /** What went wrong, for programs. */
  public FaultCode code() {
    return code;
  }

  /** The element of the request concerned, e.g. {@code MessageHeader/To}. */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }

  @Override
  public String toString() {
    return code + ": " + getMessage() + (field == null ? "" : " [" + field + "]");
  }
}
