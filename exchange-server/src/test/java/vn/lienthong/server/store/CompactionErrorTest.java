package vn.lienthong.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.server.support.TrapClock;

/**
 * The size-triggered compaction goes on after a run that met an Error (an OutOfMemoryError while
 * H2 rewrites a large file): before, the Error cancelled the size check for good, and the file
 * then grew without bound until a restart.
 */
class CompactionErrorTest {

  @TempDir Path dir;

  @Test
  void theSizeCheckGoesOnAfterAnError() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
    ScheduledExecutorService jobs = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "jobs-under-test"));
    TrapClock clock = new TrapClock("jobs-under-test");
    clock.arm(new OutOfMemoryError("Java heap space (test)"));
    try (Database db = Database.open(url, "", "", 2)) {
      db.autoCommit(c -> {
        try (Statement s = c.createStatement()) {
          return s.execute("CREATE TABLE filler(id INT PRIMARY KEY, b VARBINARY(1000))");
        }
      });
      new CompactionSchedule(db, clock, null, 500_000).schedule(jobs, Duration.ofMillis(100));
      for (int i = 0; i < 200; i++) {
        int id = i;
        db.inTransaction(c -> {
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO filler VALUES (?, ?)")) {
            ps.setInt(1, id);
            ps.setBytes(2, new byte[1000]);
            return ps.executeUpdate();
          }
        });
      }
      assertThat(clock.fired().await(10, TimeUnit.SECONDS)).as("the first run met the Error").isTrue();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (db.h2FileBytes() > 500_000 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(db.h2FileBytes()).as("compacted by a later check").isLessThanOrEqualTo(500_000);
    } finally {
      jobs.shutdownNow();
    }
  }
}
