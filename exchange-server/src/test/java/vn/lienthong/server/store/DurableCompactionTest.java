package vn.lienthong.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * H2's {@code SHUTDOWN COMPACT} writes the live data into {@code <db>.mv.db.tempFile}, fsyncs it and
 * renames it over {@code <db>.mv.db}, but never fsyncs the directory (strace: {@code fsync(tempFile)},
 * {@code rename(tempFile, db.mv.db)}, no {@code fsync} of the directory). Until the directory is
 * forced, a power loss may bring the old name back: the old inode, without every transaction the
 * hub acknowledged after the compaction (those went into the new file). So the hub forces the
 * directory itself after the compaction, before any new work runs, at start-up and while running.
 */
class DurableCompactionTest {

  @TempDir Path dir;

  /** One forced path and the H2 file's inode at that moment. */
  record Forced(String kind, Path path, Object inode) {}

  static final class Recording implements FileSync {
    final List<Forced> forced = new CopyOnWriteArrayList<>();
    final Path h2File;
    volatile Runnable onDirectory = () -> {};

    Recording(Path h2File) {
      this.h2File = h2File;
    }

    @Override
    public void forceFile(Path file) throws IOException {
      FileSync.DISK.forceFile(file);
      forced.add(new Forced("file", file, inode(h2File)));
    }

    @Override
    public void forceDirectory(Path d) throws IOException {
      FileSync.DISK.forceDirectory(d);
      forced.add(new Forced("dir", d, inode(h2File)));
      onDirectory.run();
    }
  }

  static Object inode(Path file) {
    try {
      return Files.getAttribute(file, "unix:ino");
    } catch (IOException e) {
      return null;
    }
  }

  private String url() {
    return "jdbc:h2:file:" + dir.resolve("hub").toAbsolutePath() + ";LOCK_TIMEOUT=10000";
  }

  private static void fill(Database db, int from, int count) {
    for (int i = from; i < from + count; i++) {
      int id = i;
      db.inTransaction(c -> {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO filler VALUES (?, ?)")) {
          ps.setInt(1, id);
          ps.setBytes(2, new byte[1000]);
          return ps.executeUpdate();
        }
      });
    }
  }

  private static void createFiller(Database db) {
    db.autoCommit(c -> {
      try (Statement s = c.createStatement()) {
        return s.execute("CREATE TABLE filler(id INT PRIMARY KEY, b VARBINARY(1000))");
      }
    });
  }

  @Test
  void aCompactionWhileRunningForcesTheRenamedFilesDirectoryBeforeNewWorkIsAcknowledged() throws Exception {
    Path file = dir.resolve("hub.mv.db").toAbsolutePath();
    Recording sync = new Recording(file);
    try (Database db = Database.open(url(), "", "", 2, sync)) {
      createFiller(db);
      fill(db, 0, 100);
      Object before = inode(file);
      sync.forced.clear();
      AtomicBoolean workDoneBeforeForced = new AtomicBoolean();
      AtomicReference<Thread> worker = new AtomicReference<>();
      sync.onDirectory = () -> {
        // a transaction that arrives now must not be acknowledged until the new name is durable
        Thread t = new Thread(() -> fill(db, 1000, 1));
        worker.set(t);
        t.start();
        try {
          t.join(500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        workDoneBeforeForced.set(!t.isAlive());
      };
      assertThat(db.compact(Duration.ofSeconds(10))).isPresent();
      Object after = inode(file);
      assertThat(after).as("H2 renamed a new file over the old one").isNotEqualTo(before);
      assertThat(sync.forced).as("the directory forced after the rename")
          .contains(new Forced("dir", file.getParent(), after));
      assertThat(workDoneBeforeForced).as("work waited for the forced directory").isFalse();
      worker.get().join(10_000);
      sync.onDirectory = () -> {};
      int rows = db.autoCommit(c -> {
        try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM filler")) {
          rs.next();
          return rs.getInt(1);
        }
      });
      assertThat(rows).isEqualTo(101);
    }
  }

  @Test
  void theCompactionAtStartUpForcesTheRenamedFilesDirectoryBeforeThePoolOpens() throws Exception {
    Path file = dir.resolve("hub.mv.db").toAbsolutePath();
    try (Database db = Database.open(url(), "", "", 2)) {
      createFiller(db);
      fill(db, 0, 100);
    }
    Object before = inode(file);
    Recording sync = new Recording(file);
    try (Database db = Database.open(url(), "", "", 2, sync)) {
      Object after = inode(file);
      assertThat(after).as("H2 renamed a new file over the old one").isNotEqualTo(before);
      assertThat(sync.forced).as("the directory forced after the rename")
          .contains(new Forced("dir", file.getParent(), after));
    }
  }

  /**
   * H2's other file systems on the disk ({@code nio:}, {@code async:}, {@code nioMapped:}, {@code retry:},
   * stacked, and {@code split:}, whose first part has the file's name) rename the compacted file the
   * same way. Before, the file's path kept the prefix ({@code …/nio:/…/hub.mv.db}), was no regular
   * file, and nothing was forced.
   */
  @ParameterizedTest
  @ValueSource(strings = {"nio:", "async:", "nioMapped:", "retry:", "retry:nio:", "split:", "split:28:nio:"})
  void theCompactionAtStartUpForcesTheDirectoryOnH2sOtherDiskFileSystemsToo(String prefix) throws Exception {
    Path file = dir.resolve("hub.mv.db").toAbsolutePath();
    String url = "jdbc:h2:" + prefix + dir.resolve("hub").toAbsolutePath() + ";LOCK_TIMEOUT=10000";
    try (Database db = Database.open(url, "", "", 2)) {
      createFiller(db);
      fill(db, 0, 20);
    }
    Recording sync = new Recording(file);
    try (Database db = Database.open(url, "", "", 2, sync)) {
      assertThat(db.h2FileBytes()).as("the file found").isPositive();
      Object after = inode(file);
      assertThat(sync.forced).as("the file and its directory forced after the rename")
          .contains(new Forced("file", file, after), new Forced("dir", file.getParent(), after));
    }
  }
}
