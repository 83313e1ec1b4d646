package vn.lienthong.server.auth;

/** What a caller may do. */
public enum Role {
  /** A unit's document system: send, poll, fetch, confirm, report statuses, read the directory. */
  UNIT_SYSTEM,
  /** An operator of the hub: the registry operations. */
  ADMINISTRATOR,
  /** An auditor (setting {@code auditors}): may download any message's evidence bundle. */
  AUDITOR
}
