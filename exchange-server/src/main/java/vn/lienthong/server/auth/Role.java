package vn.lienthong.server.auth;

/** What a caller may do. */
public enum Role {
  /** A unit's document system: send, poll, fetch, confirm, report statuses, read the directory. */
  UNIT_SYSTEM,
  /** An operator of the hub: the registry operations. */
  ADMINISTRATOR,
  /**
   * An inspector (setting {@code auditors}): reads the audit log and its verification, any
   * document's traces and any message's evidence bundle; sends, confirms and changes nothing.
   */
  AUDITOR
}
