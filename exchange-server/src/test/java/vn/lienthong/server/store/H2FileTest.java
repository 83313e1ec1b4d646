package vn.lienthong.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
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
    assertThat(H2Files.withoutSpaceReuse("jdbc:h2:file:/x/hub;LOCK_TIMEOUT=10000"))
        .isEqualTo("jdbc:h2:file:/x/hub;LOCK_TIMEOUT=10000;REUSE_SPACE=FALSE");
    assertThat(H2Files.withoutSpaceReuse("jdbc:h2:file:/x/hub;reuse_space=true"))
        .isEqualTo("jdbc:h2:file:/x/hub;reuse_space=true");
    assertThat(H2Files.withQueryCache("jdbc:h2:mem:hub"))
        .isEqualTo("jdbc:h2:mem:hub;QUERY_CACHE_SIZE=" + H2Files.QUERY_CACHE);
    assertThat(H2Files.withQueryCache("jdbc:h2:mem:hub;query_cache_size=4")).isEqualTo("jdbc:h2:mem:hub;query_cache_size=4");
    assertThat(H2Files.isH2File("jdbc:h2:file:/x/hub")).isTrue();
    assertThat(H2Files.isH2File("jdbc:h2:/x/hub")).isTrue();
    assertThat(H2Files.isH2File("jdbc:h2:mem:hub")).isFalse();
    assertThat(H2Files.isH2File("jdbc:h2:tcp://localhost/hub")).isFalse();
  }

  /**
   * H2's file systems that keep the database in a plain file on the disk name it with a prefix
   * ({@code nio:} is the disk's own since H2 2, {@code async:}, {@code nioMapped:} and {@code retry:} open
   * the same file another way, stackable; {@code split:} keeps its first part under the name): the path
   * is the file's. Before, the prefix stayed in the path and the compacted file was never forced.
   */
  @Test
  void theFileOfAUrlOnOneOfH2sDiskFileSystemsIsThePlainFile() {
    Path file = Path.of("/x/hub.mv.db");
    for (String prefix : List.of("", "file:", "nio:", "async:", "nioMapped:", "retry:", "retry:nio:", "async:file:",
        "split:", "split:28:", "split:nio:", "retry:split:30:async:")) {
      assertThat(H2Files.h2File("jdbc:h2:" + prefix + "/x/hub;LOCK_TIMEOUT=10000")).as(prefix).isEqualTo(file);
      assertThat(H2Files.diskFile("jdbc:h2:" + prefix + "/x/hub;INIT=RUNSCRIPT FROM 'classpath:x.sql'")).as(prefix)
          .isEqualTo(file);
    }
    for (String other : List.of("memFS:", "memLZF:", "nioMemFS:", "nioMemLZF:", "zip:", "fsyncfail:", "mem:", "tcp://h/")) {
      assertThat(H2Files.diskFile("jdbc:h2:" + other + "/x/hub")).as(other).isNull();
    }
  }

  /**
   * Files in memory ({@code memFS:}, {@code memLZF:}, {@code nioMemFS:}, {@code nioMemLZF:}) and a
   * read-only zip archive ({@code zip:}) are no file the hub can force: nothing is, even where a file
   * of that name exists on the disk. H2's schemes are case-sensitive ({@code niomapped:} is a
   * relative directory of the disk's file system), as they are kept here.
   */
  @Test
  void filesInMemoryOrInAZipAreNotForced() throws Exception {
    Files.createDirectories(dir.resolve("x"));
    Files.write(dir.resolve("x/hub.mv.db"), new byte[] {1});
    List<Path> forced = new java.util.ArrayList<>();
    FileSync recording = new FileSync() {
      @Override
      public void forceFile(Path f) {
        forced.add(f);
      }

      @Override
      public void forceDirectory(Path d) {
        forced.add(d);
      }
    };
    for (String prefix : List.of("memFS:", "memLZF:", "nioMemFS:", "nioMemLZF:", "zip:", "niomapped:")) {
      Path file = H2Files.h2File("jdbc:h2:" + prefix + dir.resolve("x/hub"));
      assertThat(file).as(prefix).isNotEqualTo(dir.resolve("x/hub.mv.db"));
      H2Files.makeRenameDurable(file, recording);
    }
    H2Files.makeRenameDurable(H2Files.h2File("jdbc:h2:nio:" + dir.resolve("x/hub")), recording);
    assertThat(forced).as("only the nio: file").containsExactly(dir.resolve("x/hub.mv.db"), dir.resolve("x"));
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
      assertThat(queryCache).isEqualTo(String.valueOf(H2Files.QUERY_CACHE));
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

  /**
   * The file compacted while the hub runs: writers busy on four threads wait for it and lose
   * nothing, and the database reopened under the pool still runs without space re-use.
   */
  @Test
  void theFileIsCompactedOnlineWhileWritersWaitForIt() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("hub").toAbsolutePath() + ";LOCK_TIMEOUT=10000";
    Path file = dir.resolve("hub.mv.db");
    try (Database db = Database.open(url, "", "", 4)) {
      db.autoCommit(c -> {
        try (Statement s = c.createStatement()) {
          return s.execute("CREATE TABLE filler(id INT PRIMARY KEY, b VARBINARY(1000))");
        }
      });
      java.util.concurrent.atomic.AtomicInteger ids = new java.util.concurrent.atomic.AtomicInteger();
      java.util.concurrent.CountDownLatch halfway = new java.util.concurrent.CountDownLatch(200);
      var writers = java.util.concurrent.Executors.newFixedThreadPool(4);
      List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        done.add(writers.submit(() -> {
          for (int i = 0; i < 100; i++) {
            int id = ids.incrementAndGet();
            db.inTransaction(c -> {
              try (PreparedStatement ps = c.prepareStatement("INSERT INTO filler VALUES (?, ?)")) {
                ps.setInt(1, id);
                ps.setBytes(2, new byte[1000]);
                return ps.executeUpdate();
              }
            });
            halfway.countDown();
          }
          return null;
        }));
      }
      halfway.await();
      Database.Compaction compaction = db.compact(Duration.ofSeconds(30)).orElseThrow();
      for (var f : done) {
        f.get(); // none of them failed
      }
      writers.shutdown();
      System.out.println("H2FileTest: online " + compaction);
      assertThat(compaction.bytesAfter()).isLessThan(compaction.bytesBefore() / 2);
      String reuse = db.autoCommit(c -> setting(c, "REUSE_SPACE"));
      assertThat(reuse).isEqualTo("FALSE");
      int rows = db.autoCommit(H2FileTest::count);
      assertThat(rows).isEqualTo(400);
      assertThat(Files.size(file)).isGreaterThan(0);
    }
    try (Database db = Database.open(url, "", "", 2)) {
      int rows = db.autoCommit(H2FileTest::count);
      assertThat(rows).isEqualTo(400);
    }
  }

  @Test
  void onlyH2FilesAreCompactedOnline() {
    try (Database db = Database.open("jdbc:h2:mem:online-compaction", "", "", 2)) {
      assertThat(db.compact(Duration.ofSeconds(1))).isEmpty();
    }
    assertThat(H2Files.h2File("jdbc:h2:file:/x/hub;LOCK_TIMEOUT=10000")).isEqualTo(Path.of("/x/hub.mv.db"));
    assertThat(H2Files.h2File("jdbc:h2:./data/hub")).isEqualTo(Path.of("data/hub.mv.db").toAbsolutePath());
    assertThat(H2Files.h2File("jdbc:h2:~/hub")).isEqualTo(Path.of(System.getProperty("user.home"), "hub.mv.db"));
  }

  private static int count(java.sql.Connection c) throws java.sql.SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM filler")) {
      rs.next();
      return rs.getInt(1);
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
