package vn.lienthong.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.server.support.Calls.*;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.server.store.PayloadStore;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubFixture;
import vn.lienthong.server.support.MutableClock;

/** Retention on a real database ({@code RetentionH2Test}, {@code RetentionPostgresTest}). */
abstract class RetentionTest {

  @TempDir Path dir;
  final MutableClock clock = new MutableClock(Instant.now());
  HubFixture hub;

  abstract HubFixture start(Path dataDir, MutableClock clock);

  @BeforeEach
  void startHub() {
    hub = start(dir.resolve("hub"), clock);
  }

  @AfterEach
  void stopHub() {
    if (hub != null) {
      hub.close();
    }
  }

  Retention retention(PayloadStore payloads) {
    return new Retention(hub.hub().database(), payloads, clock, Duration.ofDays(30));
  }

  PayloadStore payloads() {
    return new PayloadStore(dir.resolve("hub").resolve("payloads"));
  }

  @Test
  void messagesNobodyWaitsForAreForgottenAfterTheRetentionPeriodAndTheRestIsKept() throws Exception {
    try (PayloadStore payloads = payloads()) {
      Retention retention = retention(payloads);
      send(hub.client(DemoSet.PROVINCE), document("OLD-1"));
      confirm(hub.client(DemoSet.HA_LONG), pending(hub.client(DemoSet.HA_LONG)).get(0));
      send(hub.client(DemoSet.PROVINCE), document("OLD-2"));
      clock.advance(Duration.ofDays(40));

      // OLD-1's status 01 still waits in the sender's inbox; OLD-2 still waits in the recipient's
      assertThat(retention.purge()).isZero();
      confirm(hub.client(DemoSet.PROVINCE), pending(hub.client(DemoSet.PROVINCE)).get(0));
      assertThat(retention.purge()).isEqualTo(2);

      assertThat(count(hub.hub().database(), "message")).isEqualTo(1);
      assertThat(count(hub.hub().database(), "delivery")).isEqualTo(1);
      assertThat(count(hub.hub().database(), "trace_event")).isZero();
      assertThat(payloadFiles(dir.resolve("hub"))).isEqualTo(1);
      assertThat(pending(hub.client(DemoSet.HA_LONG))).extracting(m -> m.getDocumentId()).containsExactly("OLD-2");
    }
  }

  /**
   * A payload no message refers to (an intake that failed after storing it, or one a run kept
   * because it had just been re-used) goes once nobody touched it for the period; a later run
   * finds it, not only the run that forgot its message.
   */
  @Test
  void aPayloadNoMessageRefersToGoesOnceUntouchedForThePeriod() throws Exception {
    try (PayloadStore payloads = payloads()) {
      Retention retention = retention(payloads);
      send(hub.client(DemoSet.PROVINCE), document("KEPT-1"));   // waited for: its payload stays
      PayloadStore.Staged orphan = payloads.stage("<edXMLEnvelope>mồ côi</edXMLEnvelope>".getBytes(
          java.nio.charset.StandardCharsets.UTF_8));
      payloads.commit(orphan);   // stored, then the intake's transaction failed
      retention.purge();         // today: nothing is old enough; the daily sweep ran
      assertThat(payloads.contains(orphan.sha256())).isTrue();

      clock.advance(Duration.ofDays(40));
      java.nio.file.Files.setLastModifiedTime(payloads.path(orphan.sha256()),
          java.nio.file.attribute.FileTime.from(clock.instant().minus(Duration.ofDays(35))));
      retention.purge();
      assertThat(payloads.contains(orphan.sha256())).isFalse();
      assertThat(payloadFiles(dir.resolve("hub"))).isEqualTo(1);
      assertThat(pending(hub.client(DemoSet.HA_LONG))).extracting(m -> m.getDocumentId()).containsExactly("KEPT-1");
    }
  }

  /** A PDF check pending, or failed and not acknowledged, keeps its message: an administrator must see it. */
  @Test
  void aMessageWithAPdfCheckPendingOrFailedAndUnacknowledgedIsKept() throws Exception {
    try (PayloadStore payloads = payloads()) {
      Retention retention = retention(payloads);
      long failed = send(hub.client(DemoSet.PROVINCE), document("CHECK-FAILED")).getMessageId();
      long waiting = send(hub.client(DemoSet.PROVINCE), document("CHECK-PENDING")).getMessageId();
      for (var m : pending(hub.client(DemoSet.HA_LONG))) {
        confirm(hub.client(DemoSet.HA_LONG), m);
      }
      pending(hub.client(DemoSet.PROVINCE)).forEach(m -> confirmQuietly(hub.client(DemoSet.PROVINCE), m));
      check(failed, "FAILED");
      check(waiting, "PENDING");
      clock.advance(Duration.ofDays(40));

      assertThat(retention.purge()).as("the two statuses 01 only").isEqualTo(2);
      assertThat(count(hub.hub().database(), "pending_check")).isEqualTo(2);
      sql("UPDATE pending_check SET acknowledged_at = CURRENT_TIMESTAMP, acknowledged_by = '000.00.00.H49' "
          + "WHERE outcome = 'FAILED'");
      assertThat(retention.purge()).as("the acknowledged failure's document").isEqualTo(1);
      assertThat(count(hub.hub().database(), "pending_check")).isEqualTo(1);
    }
  }

  static void confirmQuietly(vn.lienthong.server.api.ws.ExchangePortType client,
      vn.lienthong.server.api.ws.MessageInfo m) {
    try {
      confirm(client, m);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  void check(long messageId, String outcome) {
    sql("INSERT INTO pending_check (message_id, attachment, reason, since, attempts, outcome, verdict, completed_at) "
        + "VALUES (" + messageId + ", 'vb.pdf', 'OCSP down', CURRENT_TIMESTAMP, 1, '" + outcome + "', "
        + ("FAILED".equals(outcome) ? "'seal revoked', CURRENT_TIMESTAMP" : "NULL, NULL") + ")");
  }

  void sql(String statement) {
    hub.hub().database().autoCommit(c -> {
      try (PreparedStatement ps = c.prepareStatement(statement)) {
        return ps.executeUpdate();
      }
    });
  }

  /** Every hub process runs retention: two at once forget each message once, and say so once. */
  @Test
  void twoHubsPurgingAtOnceCountAndAuditEachMessageOnce() throws Exception {
    for (int i = 0; i < 6; i++) {
      send(hub.client(DemoSet.PROVINCE), document("OLD-" + i));
      confirm(hub.client(DemoSet.HA_LONG), pending(hub.client(DemoSet.HA_LONG)).get(0));
      confirm(hub.client(DemoSet.PROVINCE), pending(hub.client(DemoSet.PROVINCE)).get(0));
    }
    clock.advance(Duration.ofDays(40));
    ExecutorService hubs = Executors.newFixedThreadPool(2);
    try (PayloadStore one = payloads(); PayloadStore two = payloads()) {
      CyclicBarrier together = new CyclicBarrier(2);
      List<Future<Integer>> purged = new ArrayList<>();
      for (PayloadStore payloads : List.of(one, two)) {
        Retention retention = retention(payloads);
        purged.add(hubs.submit(() -> {
          together.await();
          return retention.purge();
        }));
      }
      assertThat(purged.get(0).get(60, TimeUnit.SECONDS) + purged.get(1).get(60, TimeUnit.SECONDS)).isEqualTo(12);
    } finally {
      hubs.shutdownNow();
    }
    assertThat(count(hub.hub().database(), "message")).isZero();
    assertThat(payloadFiles(dir.resolve("hub"))).isZero();
    assertThat(purgeAudited()).isEqualTo(12);
  }

  /** The messages the PURGE audit entries say were forgotten. */
  long purgeAudited() {
    return hub.hub().database().autoCommit(c -> {
      long n = 0;
      try (PreparedStatement ps = c.prepareStatement("SELECT detail FROM audit_event WHERE action = 'PURGE'");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          n += Long.parseLong(rs.getString(1).split(" ")[0]);
        }
      }
      return n;
    });
  }

  byte[] document(String id) throws Exception {
    Attachment a = Envelopes.pdf(dir.resolve("files"), "vb.pdf", 5_000, id.hashCode(), DemoSet.PROVINCE);
    return Envelopes.signed(Envelopes.document(DemoSet.PROVINCE, id, List.of(DemoSet.HA_LONG), List.of(a)), List.of(a));
  }
}
