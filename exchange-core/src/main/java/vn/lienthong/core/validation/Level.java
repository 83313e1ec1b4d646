package vn.lienthong.core.validation;

/** The weight a policy gives a check: what a failure of it does to the result. */
public enum Level {
  /** A failure decides the indication. */
  FAIL,
  /** A failure is reported as a warning; the indication is unaffected. */
  WARN,
  /** A failure is reported for information only. */
  INFORM,
  /** The check is not run. */
  IGNORE
}
