package vn.lienthong.bench.hub;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.server.delivery.Ledger;
import vn.lienthong.server.delivery.MessageKind;
import vn.lienthong.server.delivery.MessageRecord;
import vn.lienthong.server.delivery.Messages;
import vn.lienthong.server.store.Database;

/**
 * A hub's past, written into its database before the load starts: documents each unit received
 * and confirmed, dated over the last year, as a hub that has run for months holds them (Quảng
 * Ninh's 1.2 million documents a year are about 1 300 per unit, many times that for the province
 * and its departments). A fresh database hides whatever grows with the tables. The rows are
 * written by the hub's own insert code; their payloads are not in the payload store (the load
 * never fetches them).
 */
final class History {

  private static final int BATCH = 1_000;

  private History() {}

  /**
   * Writes {@code perUnit} confirmed documents into each unit's inbox (unit {@code i} received
   * them from unit {@code i + 1}) and brings the planner's statistics up to date.
   */
  static void seed(Database db, List<String> units, int perUnit, Clock clock) {
    long started = System.nanoTime();
    Instant now = clock.instant();
    for (int from = 0; from < perUnit; from += BATCH) {
      int first = from;
      int last = Math.min(perUnit, from + BATCH);
      db.inTransaction(c -> {
        for (int i = first; i < last; i++) {
          Instant at = now.minus(Duration.ofMinutes(365L * 24 * 60 * (perUnit - i) / perUnit));
          for (int u = 0; u < units.size(); u++) {
            confirmed(c, units.get((u + 1) % units.size()), units.get(u), "HISTORY-" + u + "-" + i, at);
          }
        }
        return null;
      });
    }
    db.autoCommit(c -> {
      try (Statement s = c.createStatement()) {
        return s.execute(db.dialect() == Database.Dialect.POSTGRESQL ? "VACUUM ANALYZE" : "ANALYZE");
      }
    });
    System.out.printf("history: %d confirmed documents in each of %d inboxes, written in %.1f s%n", perUnit,
        units.size(), (System.nanoTime() - started) / 1e9);
  }

  private static void confirmed(Connection c, String sender, String recipient, String documentId, Instant at)
      throws SQLException {
    String digest = HexFormat.of().formatHex(ByteBuffer.allocate(32).putInt(documentId.hashCode()).array());
    MessageRecord m = Messages.insert(c, new MessageRecord(0, MessageKind.DOCUMENT, "UNIT", OrganId.of(sender),
        documentId, digest, digest, 100 * 1024, 0, null, documentId, null, "Văn bản đã nhận " + documentId, null, "",
        documentId, 1, at), "D0:" + documentId);
    Ledger.deliver(c, m.id(), List.of(OrganId.of(recipient)), at);
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE delivery SET state = 'CONFIRMED', handouts = 1, confirmed_at = created_at WHERE message_id = ?")) {
      ps.setLong(1, m.id());
      ps.executeUpdate();
    }
  }
}
