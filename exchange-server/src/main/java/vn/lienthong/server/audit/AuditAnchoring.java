package vn.lienthong.server.audit;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienthong.core.pki.DigestAlgorithm;
import vn.lienthong.core.pki.PkiException;
import vn.lienthong.core.pki.TimeStamp;
import vn.lienthong.core.pki.TimeStampClient;
import vn.lienthong.server.store.Database;
import vn.lienthong.server.store.Sql;

/**
 * Anchors the audit chain: an RFC 3161 time stamp over the current head hash, stored with its
 * sequence in {@code audit_anchor}. On demand ({@link #anchor()}) or every interval
 * ({@link #schedule}). When the TSA does not answer the anchor is skipped with a log line and the
 * next run tries again; nothing else waits for it.
 */
public final class AuditAnchoring {

  private static final Logger LOG = LoggerFactory.getLogger(AuditAnchoring.class);

  private final Database db;
  private final TimeStampClient tsa;
  private final Clock clock;

  public AuditAnchoring(Database db, TimeStampClient tsa, Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.tsa = Objects.requireNonNull(tsa, "tsa");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A stored anchor. */
  public record Anchored(long seq, String headHash, TimeStamp stamp) {}

  /**
   * Time-stamps the current head unless it is empty or already anchored; empty when there was
   * nothing to do, another hub process anchored the same head first, or the TSA failed (logged).
   * An anchor returned is durable (H2: checkpointed, as every acknowledged write).
   */
  public Optional<Anchored> anchor() {
    Head head = db.autoCommit(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT h.last_seq, h.last_hash, "
          + "(SELECT MAX(seq) FROM audit_anchor) AS anchored FROM audit_head h WHERE h.id = 1");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        long last = rs.getLong(1);
        Long anchored = Sql.getLong(rs, "anchored");
        return last == 0 || (anchored != null && anchored >= last) ? null
            : new Head(last, rs.getString(2));
      }
    });
    if (head == null) {
      return Optional.empty();
    }
    long seq = head.seq();
    TimeStamp stamp;
    try {
      stamp = tsa.stamp(DigestAlgorithm.SHA256, HexFormat.of().parseHex(head.hash()));
    } catch (PkiException e) {
      LOG.warn("Audit anchor at {} skipped, will retry: {}", seq, e.getMessage());
      return Optional.empty();
    }
    try {
      // a transaction, so that on H2 it is checkpointed (durable) like every acknowledged write: an
      // auditor may be shown the anchor (GetAuditLog) as soon as it is stored
      db.inTransaction(c -> {
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO audit_anchor (seq, head_hash, anchored_at, token) VALUES (?, ?, ?, ?)")) {
          ps.setLong(1, seq);
          ps.setString(2, head.hash());
          Sql.setInstant(ps, 3, clock.instant());
          ps.setBytes(4, stamp.encoded());
          return ps.executeUpdate();
        } catch (SQLException e) {
          if (Database.isUniqueViolation(e)) {
            throw new AlreadyAnchored(); // rolled back (PostgreSQL would not commit the failed transaction)
          }
          throw e;
        }
      });
    } catch (AlreadyAnchored e) {
      return Optional.empty(); // another hub process anchored this head meanwhile: one anchor is enough
    }
    return Optional.of(new Anchored(seq, head.hash(), stamp));
  }

  /** The head was anchored by another hub process between the look and the insert. */
  private static final class AlreadyAnchored extends RuntimeException {
    AlreadyAnchored() {
      super(null, null, false, false);
    }
  }

  private record Head(long seq, String hash) {}

  /** Anchors every {@code interval} on the given executor until the returned future is cancelled. */
  public ScheduledFuture<?> schedule(ScheduledExecutorService executor, Duration interval) {
    long ms = interval.toMillis();
    return executor.scheduleWithFixedDelay(() -> {
      try {
        anchor();
      } catch (RuntimeException e) {
        LOG.warn("Audit anchoring failed, will retry: {}", e.toString());
      } catch (Error e) {
        // escaping, it would cancel the schedule for good, silently
        LOG.error("Audit anchoring failed, will retry", e);
      }
    }, ms, ms, TimeUnit.MILLISECONDS);
  }
}
