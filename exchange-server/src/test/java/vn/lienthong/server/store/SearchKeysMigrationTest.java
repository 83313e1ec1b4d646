package vn.lienthong.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.server.delivery.MessageSearch;
import vn.lienthong.server.support.TestDatabases;

/**
 * Upgrading a database of the previous version: V8 ({@link SearchKeysMigration}) gives every
 * message stored before it its search keys, across several batches, on H2 and PostgreSQL; and a
 * message a hub of the previous version stores afterwards (no keys, a rolling upgrade) is still
 * found, as that version found it.
 */
class SearchKeysMigrationTest {

  private static final Instant NOW = Instant.parse("2026-11-27T02:00:00Z");
  private static final OrganId SENDER = OrganId.of("000.00.00.H49");
  private static final int MESSAGES = SearchKeysMigration.BATCH * 2 + 17;

  @Test
  void h2() throws SQLException {
    check(new TestDatabases.Jdbc("jdbc:h2:mem:search-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", ""));
  }

  @Test
  void postgres() throws SQLException {
    check(TestDatabases.freshPostgres("C"));
  }

  private static void check(TestDatabases.Jdbc jdbc) throws SQLException {
    Flyway.configure().dataSource(jdbc.url(), jdbc.user(), jdbc.password()).locations("classpath:db/migration")
        .target("7").load().migrate();
    try (Connection c = java.sql.DriverManager.getConnection(jdbc.url(), jdbc.user(), jdbc.password())) {
      for (int i = 0; i < MESSAGES; i++) {
        insertAsVersion7(c, "D-" + i, i % 2 == 0 ? "QUYẾT ĐỊNH SỐ " + i
            : Normalizer.normalize("Tờ trình số " + i, Normalizer.Form.NFD), i + "/UBND-VP");
      }
    }
    try (Database db = Database.open(jdbc.url(), jdbc.user(), jdbc.password(), 2)) {
      List<String[]> rows = everyRowKeyed(db, MESSAGES);
      assertThat(rows.get(MESSAGES - 1)[3]).isEqualTo("quyet dinh so 2016\n2016/ubnd-vp");
      assertThat(rows.get(MESSAGES - 2)[2]).isEqualTo("tờ trình số 2015\n2015/ubnd-vp");

      MessageSearch search = new MessageSearch(db);
      assertThat(documentIds(search, "quyet dinh so 2016")).containsExactly("D-2016");
      assertThat(documentIds(search, "tờ trình số 2015")).containsExactly("D-2015");

      // a hub of version 7 still running stores a message without keys: found as it found it
      db.autoCommit(c -> insertAsVersion7(c, "OLD", "kế hoạch năm 2027", "1/KH-UBND"));
      assertThat(documentIds(search, "kế hoạch")).containsExactly("OLD");
      assertThat(documentIds(search, "1/kh-ubnd")).containsExactly("OLD");
    }
  }

  /** Every message row (subject, code, exact key, folded key), each with the keys its text gives; {@code messages} of them. */
  static List<String[]> everyRowKeyed(Database db, int messages) {
    List<String[]> rows = db.autoCommit(c -> {
      List<String[]> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT subject, code_text, search_exact, search_folded FROM message ORDER BY id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
        }
      }
      return out;
    });
    assertThat(rows).hasSize(messages);
    for (String[] r : rows) {
      SearchKeys.Keys keys = SearchKeys.of(r[0], r[1]);
      assertThat(r[2]).isEqualTo(keys.exact());
      assertThat(r[3]).isEqualTo(keys.folded());
    }
    return rows;
  }

  private static List<String> documentIds(MessageSearch search, String text) {
    return search.search(new MessageSearch.Query(SENDER, MessageSearch.Direction.SENT, null, null, null, text, null,
        null, null, 10)).hits().stream().map(MessageSearch.Hit::documentId).toList();
  }

  /** A message row as a hub of version 7 writes it: no search keys. */
  static int insertAsVersion7(Connection c, String documentId, String subject, String code)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO message (kind, origin, sender, idem_key, document_id, "
        + "fingerprint, payload_sha256, payload_size, business_type, status_code, code_text, promulgated_on, subject, "
        + "about_message_id, trace_headers, receipt_id, recipients, received_at) "
        + "VALUES ('DOCUMENT', 'UNIT', ?, ?, ?, ?, ?, 100, 0, NULL, ?, NULL, ?, NULL, '', ?, 1, ?)")) {
      ps.setString(1, SENDER.value());
      ps.setString(2, documentId);
      ps.setString(3, documentId);
      ps.setString(4, "f".repeat(64));
      ps.setString(5, "a".repeat(64));
      ps.setString(6, code);
      ps.setString(7, subject);
      ps.setString(8, "r-" + documentId);
      Sql.setInstant(ps, 9, NOW);
      return ps.executeUpdate();
    }
  }
}
