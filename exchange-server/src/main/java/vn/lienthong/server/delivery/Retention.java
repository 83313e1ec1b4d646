package vn.lienthong.server.delivery;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.server.store.Database;
import vn.lienthong.server.store.PayloadStore;
import vn.lienthong.server.store.Sql;

/**
 * Forgets messages older than the retention period that nobody is waiting for: no delivery
 * pending or leased, and no later message (a status, a revocation, an update, a replacement)
 * still referring to them. It removes such "leaf" messages with their deliveries, links and trace
 * rows, repeatedly, so that a document goes once its statuses have gone; the audit rows stay.
 * Then it deletes payload files no message refers to any more, if they were not written or
 * re-used within the period either (intake touches a file it finds already stored). A document
 * forgotten this way can be sent again as new: idempotency reaches back as far as retention.
 */
public final class Retention {

  private static final OrganId HUB = OrganId.of("hub");

  /**
   * What nobody waits for any more (on {@code m}, the message): no copy pending or leased, no
   * status, update, revocation or replacement referring to it, and no PDF check pending or failed
   * and not yet acknowledged (an administrator must see that failure first).
   */
  private static final String FORGETTABLE = "NOT EXISTS (SELECT 1 FROM delivery d WHERE d.message_id = m.id "
      + "AND d.state IN ('PENDING', 'LEASED')) "
      + "AND NOT EXISTS (SELECT 1 FROM message x WHERE x.about_message_id = m.id) "
      + "AND NOT EXISTS (SELECT 1 FROM message_link l WHERE l.target_message_id = m.id) "
      + "AND NOT EXISTS (SELECT 1 FROM pending_check p WHERE p.message_id = m.id AND (p.outcome = 'PENDING' "
      + "OR (p.outcome = 'FAILED' AND p.acknowledged_at IS NULL)))";

  /** How often a run also sweeps the whole store for payloads no message refers to. */
  private static final Duration SWEEP_EVERY = Duration.ofDays(1);

  private final Database db;
  private final PayloadStore payloads;
  private final Clock clock;
  private final Duration period;
  /** When this process last swept the store (null: not yet). */
  private Instant lastSweep;

  public Retention(Database db, PayloadStore payloads, Clock clock, Duration period) {
    this.db = Objects.requireNonNull(db, "db");
    this.payloads = Objects.requireNonNull(payloads, "payloads");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.period = Objects.requireNonNull(period, "period");
  }

  /** Purges what is older than the period; returns how many messages were forgotten. */
  public int purge() {
    Instant cutoff = clock.instant().minus(period);
    Set<String> shas = new LinkedHashSet<>();
    int total = 0;
    while (true) {
      List<long[]> batch = new ArrayList<>();
      List<String> batchShas = new ArrayList<>();
      db.autoCommit(c -> {
        try (PreparedStatement ps = c.prepareStatement("SELECT m.id, m.payload_sha256 FROM message m "
            + "WHERE m.received_at < ? AND " + FORGETTABLE + " ORDER BY m.id")) {
          ps.setMaxRows(200);
          Sql.setInstant(ps, 1, cutoff);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              batch.add(new long[] {rs.getLong(1)});
              batchShas.add(rs.getString(2));
            }
          }
        }
        return null;
      });
      if (batch.isEmpty()) {
        break;
      }
      int forgotten = db.inTransaction(c -> {
        int n = 0;
        for (long[] id : batch) {
          n += forget(c, id[0]) ? 1 : 0;
        }
        if (n > 0) { // none: another hub process purged this batch first
          Ledger.audit(c, clock.instant(), HUB, "PURGE", null, n + " messages older than " + cutoff);
        }
        return n;
      });
      shas.addAll(batchShas);
      total += forgotten;
    }
    for (String sha : shas) {
      deleteIfUnused(sha, cutoff);
    }
    sweepNowAndThen(cutoff);
    return total;
  }

  /**
   * Once a day, the payloads no message refers to that nobody wrote or re-used within the period:
   * those a run kept (re-used, then its intake failed), could not delete, or never reached (the
   * process stopped), and those of an intake that failed after its file was stored.
   */
  private synchronized void sweepNowAndThen(Instant cutoff) {
    Instant now = clock.instant();
    if (lastSweep != null && now.isBefore(lastSweep.plus(SWEEP_EVERY))) {
      return;
    }
    lastSweep = now;
    payloads.forEachUntouchedSince(cutoff, sha -> deleteIfUnused(sha, cutoff));
  }

  /**
   * Deletes a message and what hangs on it; false when it was gone already or is waited for again:
   * the row is locked and the conditions read again, since an intake may have referred to it (an
   * update, a status) after the batch was selected.
   */
  private static boolean forget(Connection c, long id) throws SQLException {
    try (PreparedStatement lock = c.prepareStatement("SELECT id FROM message WHERE id = ? FOR UPDATE")) {
      lock.setLong(1, id);
      try (ResultSet rs = lock.executeQuery()) {
        if (!rs.next()) {
          return false;
        }
      }
    }
    try (PreparedStatement still = c.prepareStatement("SELECT 1 FROM message m WHERE m.id = ? AND " + FORGETTABLE)) {
      still.setLong(1, id);
      try (ResultSet rs = still.executeQuery()) {
        if (!rs.next()) {
          return false;
        }
      }
    }
    String[] statements = {
        "UPDATE trace_event SET status_message_id = NULL WHERE status_message_id = ?",
        "DELETE FROM trace_event WHERE document_id = ?",
        "DELETE FROM message_link WHERE message_id = ?",
        // the sealed evidence went to the sender and recipients; the hub's copy goes with the message
        "DELETE FROM evidence_delivery WHERE message_id = ?",
        "DELETE FROM evidence_receipt WHERE message_id = ?",
        "DELETE FROM delivery WHERE message_id = ?",
        "DELETE FROM message WHERE id = ?"};
    int deleted = 0;
    for (String sql : statements) {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setLong(1, id);
        deleted = ps.executeUpdate();
      }
    }
    return deleted == 1; // the last statement's: the message row
  }

  private void deleteIfUnused(String sha, Instant cutoff) {
    boolean used = db.autoCommit(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM message WHERE payload_sha256 = ?")) {
        ps.setString(1, sha);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      }
    });
    if (used) {
      return;
    }
    try {
      payloads.deleteIfUntouchedSince(sha, cutoff);
    } catch (IOException e) {
      // kept; the daily sweep of the store retries
    }
  }
}
