package vn.lienthong.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.server.store.Database;
import vn.lienthong.server.store.Sql;
import vn.lienthong.server.support.MutableClock;
import vn.lienthong.server.support.TestDatabases;

/**
 * Claiming on H2 and PostgreSQL: oldest first, pending entries and run-out leases, by kind, pages
 * in a row (H2 once answered a page with the previous query's result), and a poll reads the unit's
 * inbox, not the thousands of deliveries it confirmed before.
 */
class InboxTest {

  private static final Instant NOW = Instant.parse("2026-11-27T02:00:00Z");
  private static final OrganId UNIT = OrganId.of("000.00.32.H29");
  private static final int HISTORY = 3_000;

  @TempDir
  Path dir;

  @Test
  void h2() throws SQLException {
    try (Database db = Database.open("jdbc:h2:file:" + dir.resolve("db"), "", "", 4)) {
      check(db);
    }
  }

  @Test
  void postgres() throws SQLException {
    TestDatabases.Jdbc pg = TestDatabases.freshPostgres();
    try (Database db = Database.open(pg.url(), pg.user(), pg.password(), 4)) {
      check(db);
    }
  }

  private static void check(Database db) throws SQLException {
    MutableClock clock = new MutableClock(NOW);
    Inbox inbox = new Inbox(db, clock, new Random(7), Duration.ofMinutes(5));
    long[] ids = db.inTransaction(c -> {
      for (int i = 0; i < HISTORY; i++) {
        deliver(c, MessageKind.DOCUMENT, "H-" + i, UNIT, "CONFIRMED", null);
        deliver(c, MessageKind.DOCUMENT, "O-" + i, OrganId.of("000.00." + (40 + i % 10) + ".H29"),
            i % 100 == 0 ? "PENDING" : "CONFIRMED", null);
      }
      return new long[] {
          deliver(c, MessageKind.DOCUMENT, "P-1", UNIT, "PENDING", null),
          deliver(c, MessageKind.DOCUMENT, "L-live", UNIT, "LEASED", NOW.plusSeconds(60)),
          deliver(c, MessageKind.DOCUMENT, "L-out", UNIT, "LEASED", NOW.minusSeconds(1)),
          deliver(c, MessageKind.DOCUMENT, "P-2", UNIT, "PENDING", null),
          deliver(c, MessageKind.STATUS, "S-1", UNIT, "PENDING", null)};
    });
    long pending1 = ids[0];
    long leaseRunOut = ids[2];
    long pending2 = ids[3];
    long status = ids[4];
    if (db.dialect() == Database.Dialect.POSTGRESQL) {
      // as autovacuum leaves it: the history's rows went PENDING → CONFIRMED, and until a vacuum
      // their old versions still sit in the inbox index's PENDING range
      db.autoCommit(c -> {
        try (Statement s = c.createStatement()) {
          return s.execute("VACUUM ANALYZE delivery");
        }
      });
    }

    assertThat(rowsRead(db, 28)).as("rows a poll reads beside %d confirmed deliveries of the unit", HISTORY)
        .isLessThanOrEqualTo(20);

    Inbox.Page first = inbox.claim(UNIT, 2, null);
    assertThat(refs(first)).containsExactly(pending1, leaseRunOut);
    assertThat(first.more()).isTrue();
    Inbox.Page documents = inbox.claim(UNIT, 10, MessageKind.DOCUMENT);
    assertThat(refs(documents)).as("the live lease stays its poller's").containsExactly(pending2);
    assertThat(documents.more()).as("only a status is left").isFalse();
    Inbox.Page rest = inbox.claim(UNIT, 10, null);
    assertThat(refs(rest)).containsExactly(status);
    assertThat(rest.more()).isFalse();
    assertThat(inbox.claim(UNIT, 10, null).entries()).isEmpty();

    long[] fresh = db.inTransaction(c -> new long[] {
        deliver(c, MessageKind.DOCUMENT, "N-1", UNIT, "PENDING", null),
        deliver(c, MessageKind.DOCUMENT, "N-2", UNIT, "PENDING", null),
        deliver(c, MessageKind.DOCUMENT, "N-3", UNIT, "PENDING", null),
        deliver(c, MessageKind.DOCUMENT, "N-4", UNIT, "PENDING", null),
        deliver(c, MessageKind.DOCUMENT, "N-5", UNIT, "PENDING", null)});
    assertThat(refs(inbox.claim(UNIT, 2, null))).as("page 1").containsExactly(fresh[0], fresh[1]);
    assertThat(refs(inbox.claim(UNIT, 2, null))).as("page 2").containsExactly(fresh[2], fresh[3]);
    Inbox.Page last = inbox.claim(UNIT, 2, null);
    assertThat(refs(last)).as("page 3").containsExactly(fresh[4]);
    assertThat(last.more()).isFalse();
  }

  /**
   * The rows the database reads to find a unit's oldest claimable entries: H2's scan counts, or
   * PostgreSQL's rows out of each scan plus those its filters removed.
   */
  private static long rowsRead(Database db, int limit) {
    return db.autoCommit(c -> {
      StringBuilder plan = new StringBuilder();
      try (PreparedStatement ps = Inbox.prepareClaimableIds(c, "EXPLAIN ANALYZE ", "", UNIT, NOW, limit);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      }
      Pattern read = db.dialect() == Database.Dialect.H2
          ? Pattern.compile("scanCount: (\\d+)")
          : Pattern.compile("Scan[^\\n]*actual time=\\S+ rows=(\\d+)|Rows Removed by Filter: (\\d+)");
      long rows = 0;
      for (Matcher m = read.matcher(plan); m.find(); ) {
        rows += Long.parseLong(m.group(1) != null ? m.group(1) : m.group(2));
      }
      assertThat(plan.toString()).as("plan").doesNotContain("Seq Scan").doesNotContain("tableScan");
      return rows;
    });
  }

  private static long deliver(Connection c, MessageKind kind, String documentId, OrganId to, String state,
      Instant leaseUntil) throws SQLException {
    MessageRecord m = Messages.insert(c, new MessageRecord(0, kind, "UNIT", OrganId.of("000.00.00.H29"), documentId,
        "f".repeat(64), "a".repeat(64), 100, kind == MessageKind.DOCUMENT ? 0 : null,
        kind == MessageKind.STATUS ? "03" : null, "", null, "", null, "", "r-" + documentId, 1, NOW), documentId);
    Ledger.deliver(c, m.id(), List.of(to), NOW);
    try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET state = ?, lease_token = ?, lease_until = ? "
        + "WHERE message_id = ?")) {
      ps.setString(1, state);
      ps.setString(2, leaseUntil == null ? null : "t-" + documentId);
      Sql.setInstant(ps, 3, leaseUntil);
      ps.setLong(4, m.id());
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM delivery WHERE message_id = ?")) {
      ps.setLong(1, m.id());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static List<Long> refs(Inbox.Page page) {
    return page.entries().stream().map(InboxEntry::messageRef).toList();
  }
}
