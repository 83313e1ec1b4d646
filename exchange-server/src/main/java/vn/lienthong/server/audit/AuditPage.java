package vn.lienthong.server.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A stretch of the audit chain as {@link AuditLog#page} reads it: consecutive entries from a
 * sequence number, the anchors inside their range, the head's sequence at the time of reading and
 * whether entries follow.
 */
public record AuditPage(List<AuditEntry> entries, List<Anchor> anchors, long headSeq, boolean more) {

  public AuditPage {
    entries = List.copyOf(entries);
    anchors = List.copyOf(anchors);
  }

  /** A stored anchor: an RFC 3161 token (DER) over the head hash at {@code seq}. */
  public record Anchor(long seq, String headHash, Instant anchoredAt, byte[] token) {

    public Anchor {
      Objects.requireNonNull(headHash, "headHash");
      Objects.requireNonNull(anchoredAt, "anchoredAt");
      token = token.clone();
    }

    @Override
    public byte[] token() {
      return token.clone();
    }
  }
}
