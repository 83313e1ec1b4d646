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
  private final byte[] report;

  ExchangeException(FaultCode code, String message, String field, Throwable cause) {
    this(code, message, field, null, cause);
  }

  ExchangeException(FaultCode code, String message, String field, byte[] report, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
    this.field = field;
    this.report = report == null || report.length == 0 ? null : report.clone();
  }

  /** What went wrong, for programs. */
  public FaultCode code() {
    return code;
  }

  /** The element of the request concerned, e.g. {@code MessageHeader/To}. */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }

  /**
   * For {@link FaultCode#PDF_SIGNATURE_INVALID}: the hub's validation report of the failing PDF,
   * as XML (UTF-8, namespace {@code urn:lienthong:validation-report:1}, the core's {@code ReportXml}).
   */
  public Optional<byte[]> report() {
    return Optional.ofNullable(report).map(byte[]::clone);
  }

  @Override
  public String toString() {
    return code + ": " + getMessage() + (field == null ? "" : " [" + field + "]");
  }
}
