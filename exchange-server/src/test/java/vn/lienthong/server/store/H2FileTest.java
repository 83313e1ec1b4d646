package vn.lienthong.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@link Database} opens H2 in files: without space re-use (so crash recovery finds the newest
 * chunk; {@code CrashTest} proves the durability) and compacted at every open, since the file only
 * grows while it is open.
 */
class H2FileTest {

  @TempDir Path dir;

  @Test
  void spaceReuseIsTurnedOffForFilesOnlyAndAnExplicitSettingIsKept() {
    assertThat(Database.withoutSpaceReuse("jdbc:h2:file:/x/hub;LOCK_TIMEOUT=10000"))
        .isEqualTo("jdbc:h2:file:/x/hub;LOCK_TIMEOUT=10000;REUSE_SPACE=FALSE");
    assertThat(Database.withoutSpaceReuse("jdbc:h2:file:/x/hub;reuse_space=true"))
        .isEqualTo("jdbc:h2:file:/x/hub;reuse_space=true");
    assertThat(Database.withQueryCache("jdbc:h2:mem:hub"))
        .isEqualTo("jdbc:h2:mem:hub;QUERY_CACHE_SIZE=" + Database.QUERY_CACHE);
    assertThat(Database.withQueryCache("jdbc:h2:mem:hub;query_cache_size=4")).isEqualTo("jdbc:h2:mem:hub;query_cache_size=4");
    assertThat(Database.isH2File("jdbc:h2:file:/x/hub")).isTrue();
    assertThat(Database.isH2File("jdbc:h2:/x/hub")).isTrue();
    assertThat(Database.isH2File("jdbc:h2:mem:hub")).isFalse();
    assertThat(Database.isH2File("jdbc:h2:tcp://localhost/hub")).isFalse();
  }

  @Test
  void theGrowingFileIsCompactedWhenOpenedAgainAndKeepsItsData() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("hub").toAbsolutePath() + ";LOCK_TIMEOUT=10000";
    Path file = dir.resolve("hub.mv.db");
    byte[] filler = new byte[1000];
    try (Database db = Database.open(url, "", "", 2)) {
      String reuse = db.autoCommit(c -> setting(c, "REUSE_SPACE"));
      assertThat(reuse).isEqualTo("FALSE");
      String queryCache = db.autoCommit(c -> setting(c, "QUERY_CACHE_SIZE"));
      assertThat(queryCache).isEqualTo(String.valueOf(Database.QUERY_CACHE));
      db.autoCommit(c -> {
        try (Statement s = c.createStatement()) {
          return s.execute("CREATE TABLE filler(id INT PRIMARY KEY, b VARBINARY(1000))");
        }
      });
      for (int i = 0; i < 200; i++) {
        int id = i;
        db.inTransaction(c -> {
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO filler VALUES (?, ?)")) {
            ps.setInt(1, id);
            ps.setBytes(2, filler);
            return ps.executeUpdate();
          }
        });
      }
    }
    long grown = Files.size(file);
    try (Database db = Database.open(url, "", "", 2)) {
      long compacted = Files.size(file);
      System.out.println("H2FileTest: " + grown + " bytes after 200 transactions, " + compacted + " after reopening");
      assertThat(compacted).isLessThan(grown / 2);
      int rows = db.autoCommit(c -> {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM filler")) {
          rs.next();
          return rs.getInt(1);
        }
      });
      assertThat(rows).isEqualTo(200);
    }
  }

  private static String setting(java.sql.Connection c, String name) throws java.sql.SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS "
        + "WHERE SETTING_NAME = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }
}
