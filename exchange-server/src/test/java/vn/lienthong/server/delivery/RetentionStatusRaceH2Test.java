package vn.lienthong.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.server.support.Calls.*;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.core.edxml.StatusCode;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.server.store.Database;
import vn.lienthong.server.store.PayloadStore;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubFixture;
import vn.lienthong.server.support.MutableClock;

/**
 * A recipient's status about an old document, accepted while retention forgets that document (H2,
 * a real hub): H2 checks a foreign key against committed rows only, so unless one of the two waits
 * for the other, both commit: the status acknowledged to the recipient then names a document that
 * no longer exists, and its trace rows hang on nothing (the schema's own foreign keys broken).
 */
class RetentionStatusRaceH2Test {

  @TempDir Path dir;
  final MutableClock clock = new MutableClock(Instant.now());
  HubFixture hub;

  @AfterEach
  void stop() {
    if (hub != null) {
      hub.close();
    }
  }

  @Test
  void aStatusAcceptedWhileRetentionForgetsItsDocumentNeverOutlivesTheDocument() throws Exception {
    race(true);
  }

  @Test
  void aStatusArrivingWhileRetentionForgetsItsDocumentNeverOutlivesTheDocument() throws Exception {
    race(false);
  }

  private void race(boolean statusFirst) throws Exception {
    hub = HubFixture.h2(dir.resolve("hub"), clock, Duration.ofMinutes(5));
    Database db = hub.hub().database();
    Attachment a = Envelopes.pdf(dir.resolve("files"), "vb.pdf", 5_000, 7, DemoSet.PROVINCE);
    long doc = send(hub.client(DemoSet.PROVINCE), Envelopes.signed(Envelopes.document(DemoSet.PROVINCE, "OLD-1",
        List.of(DemoSet.HA_LONG), List.of(a)), List.of(a))).getMessageId();
    confirm(hub.client(DemoSet.HA_LONG), pending(hub.client(DemoSet.HA_LONG)).get(0));
    confirm(hub.client(DemoSet.PROVINCE), pending(hub.client(DemoSet.PROVINCE)).get(0)); // the hub's 01

    try (PayloadStore payloads = new PayloadStore(dir.resolve("hub").resolve("payloads"))) {
      Retention retention = new Retention(db, payloads,
          Clock.fixed(clock.instant().plus(Duration.ofDays(40)), ZoneOffset.UTC), Duration.ofDays(30));
      // the 01 goes first (the document is held back meanwhile by a check still pending)
      sql(db, "INSERT INTO pending_check (message_id, attachment, reason, since, attempts, outcome) VALUES ("
          + doc + ", 'vb.pdf', 'OCSP down', CURRENT_TIMESTAMP, 1, 'PENDING')");
      assertThat(retention.purge()).isEqualTo(1);
      sql(db, "DELETE FROM pending_check");

      // the two transactions meet: the audit chain's head, which each locks last, is held meanwhile
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try (Connection head = db.dataSource().getConnection()) {
        head.setAutoCommit(false);
        try (PreparedStatement ps = head.prepareStatement("SELECT last_seq FROM audit_head WHERE id = 1 FOR UPDATE");
            ResultSet rs = ps.executeQuery()) {
          rs.next();
        }
        byte[] status = Envelopes.signed(Envelopes.status(DemoSet.HA_LONG, DemoSet.PROVINCE, "OLD-1",
            StatusCode.ACCEPTED), List.of());
        java.util.concurrent.Callable<Object> report = () -> {
          try {
            return status(hub.client(DemoSet.HA_LONG), status);
          } catch (Exception e) {
            return e;
          }
        };
        Future<Object> reported = statusFirst ? threads.submit(report) : null;
        if (statusFirst) {
          Thread.sleep(3_000);
        }
        Future<Integer> purged = threads.submit(retention::purge);
        Thread.sleep(3_000);
        if (!statusFirst) {
          reported = threads.submit(report);
          Thread.sleep(3_000);
        }
        head.rollback();
        Object answer = reported.get(60, TimeUnit.SECONDS);
        int forgotten;
        try {
          forgotten = purged.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          forgotten = -1; // a failed run is retried an hour later: fine
        }
        System.out.println("status answered " + answer + "; retention forgot " + forgotten);
      } finally {
        threads.shutdownNow();
      }
    }

    // whatever the order: no status about a document that is gone, no trace of a document that is gone
    assertThat(count(db, "SELECT COUNT(*) FROM message s WHERE s.about_message_id IS NOT NULL "
        + "AND NOT EXISTS (SELECT 1 FROM message d WHERE d.id = s.about_message_id)")).isZero();
    assertThat(count(db, "SELECT COUNT(*) FROM trace_event t "
        + "WHERE NOT EXISTS (SELECT 1 FROM message d WHERE d.id = t.document_id)")).isZero();
  }

  private static void sql(Database db, String statement) {
    db.autoCommit(c -> {
      try (PreparedStatement ps = c.prepareStatement(statement)) {
        return ps.executeUpdate();
      }
    });
  }

  private static long count(Database db, String query) {
    return db.autoCommit(c -> {
      try (PreparedStatement ps = c.prepareStatement(query); ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }
}
