package vn.lienthong.core.validation;

/** The main result of a validation, in ETSI EN 319 102-1 terms. */
public enum Indication {
  /** Every check the policy requires passed. */
  TOTAL_PASSED,
  /** A check proved the signature invalid (altered, forged, revoked before signing…). */
  TOTAL_FAILED,
  /** The signature could be neither proved valid nor invalid with what is available. */
  INDETERMINATE
}
