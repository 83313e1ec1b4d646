package vn.lienthong.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.pki.TimeStampClient;
import vn.lienthong.server.audit.AuditAnchoring;
import vn.lienthong.server.audit.AuditChain;
import vn.lienthong.server.error.HubError;
import vn.lienthong.server.error.HubException;
import vn.lienthong.server.support.TestPki;

/**
 * An fsync that fails (EIO from a failing disk, ENOSPC from a thin-provisioned volume or NFS): Linux
 * marks the pages it could not write clean, so a later fsync that succeeds does not write them and
 * does not say so (PostgreSQL's "fsyncgate"). H2's MVStore writes a chunk per commit, copy-on-write,
 * and later chunks refer to the earlier ones' pages; the hub checkpoints every commit before it
 * answers ({@code CHECKPOINT SYNC}). Modelled with H2's pluggable file system
 * ({@link FailingSyncFilePath}): writes reach "the disk" only through a successful fsync, a failed
 * one loses them, a power loss keeps only the disk.
 */
class FailedSyncTest {

  @TempDir Path dir;

  @BeforeEach
  void register() {
    FailingSyncFilePath.register();
    FailingSyncFilePath.reset();
  }

  @AfterEach
  void reset() {
    FailingSyncFilePath.reset();
  }

  private static void insert(Database db, int id) {
    insert(db, "t", id);
  }

  private static void insert(Database db, String table, int id) {
    db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, REPEAT('x', 2000))")) {
        ps.setInt(1, id);
        return ps.executeUpdate();
      }
    });
  }

  /** What the hub's idempotency answers a sender's retry from: the row is there, "already accepted". */
  private static boolean alreadyAccepted(Database db, int id) {
    return db.autoCommit(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM t WHERE id = ?")) {
        ps.setInt(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getInt(1) == 1;
        }
      }
    });
  }

  /**
   * A document's commit whose checkpoint fails is answered "retry later" (right), but stays
   * committed in H2's memory: the sender's retry is answered "already accepted" from it, and the
   * next document is checkpointed on top of it with a successful fsync. Yet its chunk never reached
   * the disk: after a power loss both the "already accepted" document and those after it are
   * gone, or the file no longer opens.
   */
  @Test
  void aFailedFsyncIsNotBuiltOnEverythingAcknowledgedAfterItSurvivesAPowerLoss() throws Exception {
    String url = "jdbc:h2:fsyncfail:" + dir.resolve("hub").toAbsolutePath();
    List<Integer> acknowledged = new ArrayList<>();
    try (Database db = Database.open(url, "", "", 2)) {
      db.autoCommit(c -> {
        try (Statement s = c.createStatement()) {
          s.execute("CREATE TABLE u(id INT PRIMARY KEY, b VARCHAR(4000))");
          return s.execute("CREATE TABLE t(id INT PRIMARY KEY, b VARCHAR(4000))");
        }
      });
      for (int id = 1; id <= 20; id++) {
        insert(db, id);
        acknowledged.add(id);
      }
      FailingSyncFilePath.failNext.set(1);
      assertThatThrownBy(() -> insert(db, 21)).isInstanceOfSatisfying(HubException.class,
          e -> assertThat(e.error()).isEqualTo(HubError.UNAVAILABLE));
      assertThat(FailingSyncFilePath.failed.get()).isEqualTo(1);
      // the sender retries: answered "already accepted" (what the hub's idempotency does), or the
      // hub is still unavailable; either is fine as long as what it acknowledges is on the disk
      try {
        if (alreadyAccepted(db, 21)) {
          acknowledged.add(21);
        } else {
          insert(db, 21);
          acknowledged.add(21);
        }
      } catch (HubException e) {
        assertThat(e.error()).isEqualTo(HubError.UNAVAILABLE);
      }
      // later work touches other rows (another table here; in the hub, e.g. other deliveries):
      // its chunks refer to the pages of the failed one instead of writing them again
      for (int id = 22; id <= 25; id++) {
        try {
          insert(db, "u", id);
          acknowledged.add(id);
        } catch (HubException e) {
          assertThat(e.error()).isEqualTo(HubError.UNAVAILABLE);
        }
      }
      // the power goes: nothing more is written
      try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
        s.execute("SHUTDOWN IMMEDIATELY");
      } catch (SQLException expected) {
        // the connection goes with the database
      }
    }
    FailingSyncFilePath.powerLoss();
    List<Integer> found = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:h2:" + dir.resolve("hub").toAbsolutePath(), "", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM t UNION ALL SELECT id FROM u ORDER BY id")) {
      while (rs.next()) {
        found.add(rs.getInt(1));
      }
    }
    System.out.println("FailedSyncTest: acknowledged " + acknowledged + ", after the power loss " + found);
    assertThat(found).as("every acknowledged row after the power loss").containsAll(acknowledged);
  }

  /**
   * Two identical sends at once: the second reads the first's row, committed but still waiting for
   * its checkpoint, and answered "already accepted" at once; a power loss then took the document
   * its sender held a receipt for. {@link Database#awaitDurable} (which the intake calls before such
   * an answer) returns only once that commit is on the disk.
   */
  @Test
  void anAnswerBuiltOnAnotherRequestsCommitWaitsUntilThatCommitIsDurable() throws Exception {
    String url = "jdbc:h2:fsyncfail:" + dir.resolve("dup").toAbsolutePath();
    ExecutorService threads = Executors.newFixedThreadPool(2);
    CountDownLatch release = new CountDownLatch(1);
    try (Database db = Database.open(url, "", "", 4)) {
      db.autoCommit(c -> {
        try (Statement s = c.createStatement()) {
          return s.execute("CREATE TABLE t(id INT PRIMARY KEY, b VARCHAR(4000))");
        }
      });
      FailingSyncFilePath.hold = release;
      Future<?> first = threads.submit(() -> insert(db, 1));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!alreadyAccepted(db, 1)) {
        assertThat(System.nanoTime()).as("the first commit is visible").isLessThan(deadline);
        Thread.sleep(10);
      }
      assertThat(first.isDone()).as("the first request waits for its checkpoint").isFalse();

      Future<?> duplicate = threads.submit(db::awaitDurable);
      Thread.sleep(300);
      assertThat(duplicate.isDone()).as("answered before what it saw was durable").isFalse();
      release.countDown();
      duplicate.get(10, TimeUnit.SECONDS);
      first.get(10, TimeUnit.SECONDS);
    } finally {
      release.countDown();
      threads.shutdownNow();
    }
  }

  /**
   * An audit anchor is shown to auditors as soon as it is stored ({@code GetAuditLog}), so it must
   * survive a power loss. Before: its insert ran with auto-commit, never followed by the hub's
   * checkpoint: gone.
   */
  @Test
  void aStoredAnchorSurvivesAPowerLoss() throws Exception {
    String url = "jdbc:h2:fsyncfail:" + dir.resolve("hub").toAbsolutePath();
    try (Database db = Database.open(url, "", "", 2)) {
      for (long k = 0; k < 3; k++) {
        long subject = k;
        db.inTransaction(c -> AuditChain.append(c, Instant.now(), "000.00.00.H49", "SEND", subject, "entry " + subject));
      }
      AuditAnchoring anchoring = new AuditAnchoring(db, new TimeStampClient(TestPki.SERVICES.urls().tsa(),
          Clock.systemUTC(), new SecureRandom(), Duration.ofSeconds(5)), Clock.systemUTC());
      assertThat(anchoring.anchor()).as("anchored (and so shown to auditors)")
          .hasValueSatisfying(a -> assertThat(a.seq()).isEqualTo(3));
      // the power goes: nothing more is written
      try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
        s.execute("SHUTDOWN IMMEDIATELY");
      } catch (SQLException expected) {
        // the connection goes with the database
      }
    }
    FailingSyncFilePath.powerLoss();
    try (Connection c = DriverManager.getConnection("jdbc:h2:" + dir.resolve("hub").toAbsolutePath(), "", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM audit_event), "
            + "(SELECT COUNT(*) FROM audit_anchor WHERE seq = 3)")) {
      rs.next();
      assertThat(rs.getInt(1)).as("the audit entries (each checkpointed)").isEqualTo(3);
      assertThat(rs.getInt(2)).as("the anchor over the head after the power loss").isEqualTo(1);
    }
  }
}
