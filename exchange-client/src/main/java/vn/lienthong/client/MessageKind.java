package vn.lienthong.client;

/** What an inbox entry holds. */
public enum MessageKind {
  /** An edXML document (new, revoke, update, replace). */
  DOCUMENT,
  /** A status report (01–06, 13, 15, 16). */
  STATUS
}
