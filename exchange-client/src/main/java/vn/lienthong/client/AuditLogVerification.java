package vn.lienthong.client;

import java.util.Objects;

/**
 * A verdict on the audit log: {@code outcome} is {@code OK}, {@code REMOVED}, {@code REORDERED},
 * {@code ALTERED}, {@code TRUNCATED} or {@code ANCHOR_INVALID}; {@code entries} the entries that
 * verified before the first broken one ({@code brokenSequence}, 0 when OK), {@code reason} why.
 */
public record AuditLogVerification(String outcome, long entries, long brokenSequence, String reason) {

  public AuditLogVerification {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(reason, "reason");
  }

  /** Whether the log verified. */
  public boolean ok() {
    return "OK".equals(outcome);
  }
}
