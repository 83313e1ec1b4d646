package vn.lienthong.core.edxml;

/**
 * Whether a document is a directive ({@code SteeringType}). Codes 0 and 1 both mean "not a
 * directive"; both are kept so that a message reads back as it was written.
 */
public enum SteeringType {
  /** 0: not a directive (unspecified). */
  UNSPECIFIED,
  /** 1: not a directive. */
  NOT_DIRECTIVE,
  /** 2: a directive. */
  DIRECTIVE,
  /** 3: a report on a directive. */
  REPORT_ON_DIRECTIVE;

  /** The code as edXML writes it. */
  public int code() {
    return ordinal();
  }

  static SteeringType ofCode(int code) {
    return Codes.byOrdinal(values(), code);
  }
}
