package vn.lienthong.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A stretch of the hub's hash-chained audit log (auditors only): consecutive entries, the anchors
 * (RFC 3161 time-stamp tokens over the chain's head hash) inside their range, the hub's latest
 * sequence and whether entries follow. {@link AuditLogCheck} checks pages without trusting the hub.
 */
public record AuditLogPage(List<Entry> entries, List<Anchor> anchors, long headSequence, boolean more) {

  public AuditLogPage {
    entries = List.copyOf(entries);
    anchors = List.copyOf(anchors);
  }

  /**
   * One entry. {@code time} is exact to the microsecond (as hashed); {@code subject} is the message
   * id the entry is about, null when none; {@code hash} is SHA-256 (hex) over the entry's
   * canonical encoding, which includes {@code previousHash}.
   */
  public record Entry(long sequence, Instant time, String event, String actor, Long subject, String details,
      String previousHash, String hash) {
    public Entry {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(event, "event");
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(details, "details");
      Objects.requireNonNull(previousHash, "previousHash");
      Objects.requireNonNull(hash, "hash");
    }
  }

  /** A time-stamp token (DER) over the head hash at {@code sequence}. */
  public record Anchor(long sequence, String headHash, Instant anchoredAt, byte[] token) {
    public Anchor {
      Objects.requireNonNull(headHash, "headHash");
      token = token.clone();
    }

    @Override
    public byte[] token() {
      return token.clone();
    }
  }
}
