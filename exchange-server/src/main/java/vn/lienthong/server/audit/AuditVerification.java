package vn.lienthong.server.audit;

import java.util.Objects;

/**
 * What {@link AuditLog#verify()} found: OK with the number of entries, or the first broken entry
 * (by sequence number) and why.
 */
public record AuditVerification(Outcome outcome, long entries, long brokenSeq, String reason) {

  /** The kinds of breakage, in the order the walk checks them. */
  public enum Outcome {
    /** Every entry links to the one before, every hash matches, every anchor matches. */
    OK,
    /** A sequence number is missing: an entry was deleted. */
    REMOVED,
    /** An entry does not link to the previous entry's hash: entries were moved or swapped. */
    REORDERED,
    /** An entry's stored hash is not the hash of its fields, or disagrees with an anchor or the head. */
    ALTERED,
    /** The chain ends before the head row or the latest anchor says it should. */
    TRUNCATED,
    /** An anchor's time-stamp token does not cover the head hash stored with it. */
    ANCHOR_INVALID
  }

  public AuditVerification {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(reason, "reason");
  }

  static AuditVerification ok(long entries) {
    return new AuditVerification(Outcome.OK, entries, 0, "");
  }

  static AuditVerification broken(Outcome outcome, long entries, long seq, String reason) {
    return new AuditVerification(outcome, entries, seq, reason);
  }

  /** Whether the log verified. */
  public boolean ok() {
    return outcome == Outcome.OK;
  }
}
