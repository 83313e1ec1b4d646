package vn.lienthong.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * V8: the columns {@code message.search_exact} and {@code search_folded} ({@link SearchKeys}), and
 * their values for every message stored before them, a batch of ids at a time. A Java migration
 * because no SQL both databases share removes diacritics. The columns stay nullable: a hub of the
 * previous version still running during a rolling upgrade inserts without them, and the search
 * falls back to {@code LOWER} for such rows.
 */
final class SearchKeysMigration implements JavaMigration {

  static final int BATCH = 1_000;

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("8");
  }

  @Override
  public String getDescription() {
    return "message search keys";
  }

  @Override
  public Integer getChecksum() {
    return 8_001; // fixed: Flyway compares it with the applied one's; change it only with a new version
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    try (Statement s = c.createStatement()) {
      // IF NOT EXISTS: H2 commits each ALTER TABLE at once, so a run killed half-way leaves the
      // columns without the history row, and the next start runs V8 again (it failed for good on
      // "Duplicate column name"); the keys are computed again for every row
      s.execute("ALTER TABLE message ADD COLUMN IF NOT EXISTS search_exact VARCHAR(" + SearchKeys.MAX_LENGTH + ")");
      s.execute("ALTER TABLE message ADD COLUMN IF NOT EXISTS search_folded VARCHAR(" + SearchKeys.MAX_LENGTH + ")");
    }
    long after = Long.MIN_VALUE;
    while (true) {
      List<Row> rows = batchAfter(c, after);
      if (rows.isEmpty()) {
        return;
      }
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE message SET search_exact = ?, search_folded = ? WHERE id = ?")) {
        for (Row r : rows) {
          SearchKeys.Keys keys = SearchKeys.of(r.subject(), r.code());
          ps.setString(1, keys.exact());
          ps.setString(2, keys.folded());
          ps.setLong(3, r.id());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      after = rows.get(rows.size() - 1).id();
    }
  }

  private record Row(long id, String subject, String code) {}

  private static List<Row> batchAfter(Connection c, long after) throws SQLException {
    List<Row> rows = new ArrayList<>(BATCH);
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT id, subject, code_text FROM message WHERE id > ? ORDER BY id LIMIT " + BATCH)) {
      ps.setLong(1, after);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3)));
        }
      }
    }
    return rows;
  }
}
