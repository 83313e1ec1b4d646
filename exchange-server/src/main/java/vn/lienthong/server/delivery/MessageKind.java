package vn.lienthong.server.delivery;

/** What an inbox entry holds. */
public enum MessageKind {
  /** A document (new, revocation, update or replacement). */
  DOCUMENT,
  /** A status report about a document. */
  STATUS
}
