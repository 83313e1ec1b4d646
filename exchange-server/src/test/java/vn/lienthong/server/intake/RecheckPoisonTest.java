package vn.lienthong.server.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.server.support.Calls.send;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.services.SampleCaServer;
import vn.lienthong.server.Hub;
import vn.lienthong.server.HubConfig;
import vn.lienthong.server.evidence.EvidenceHook;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubFixture;
import vn.lienthong.server.support.TestPki;

/**
 * One pending check the re-check cannot handle (its stored envelope unreadable, or over a
 * {@code max.envelope.mb} an operator lowered since) must not hold up every check after it: before,
 * it threw out of the run each time, and the checks behind it (oldest first) were never completed,
 * so a seal revoked while OCSP was down was never found.
 */
class RecheckPoisonTest {

  @TempDir Path dir;

  @AfterEach
  void servicesBack() {
    down(false);
  }

  static void down(boolean down) {
    TestPki.SERVICES.setDown(SampleCaServer.Service.OCSP, down);
    TestPki.SERVICES.setDown(SampleCaServer.Service.CRL, down);
  }

  @Test
  void anUnreadableStoredEnvelopeDoesNotHoldUpTheChecksAfterIt() throws Exception {
    Path data = dir.resolve("hub");
    try (HubFixture hub = HubFixture.h2(data, Clock.systemUTC(), Duration.ofMinutes(5))) {
      byte[] one = envelope("POISON-1", 20_000, 51);
      byte[] two = envelope("POISON-2", 20_000, 52);
      down(true);
      send(hub.client(DemoSet.PROVINCE), one);
      send(hub.client(DemoSet.PROVINCE), two);
      assertThat(pending(hub.hub())).isEqualTo(2);
      // the first message's stored envelope is damaged (a disk error, a bad restore)
      Path stored = findPayload(data, payloadOf(hub.hub(), "POISON-1"));
      Files.write(stored, new byte[] {'<'});
      down(false);

      int completed = hub.hub().recheck().runOnce();
      assertThat(completed).as("the second check completed").isEqualTo(1);
      assertThat(pending(hub.hub())).isEqualTo(1);
    }
  }

  @Test
  void aStoredEnvelopeOverALoweredLimitIsStillRechecked() throws Exception {
    Path data = dir.resolve("hub");
    HubConfig config = HubFixture.config(data, null, Duration.ofMinutes(5));
    try (HubFixture hub = HubFixture.start(config, Clock.systemUTC(), EvidenceHook.NONE)) {
      byte[] one = envelope("LARGE-1", 1_500_000, 53);
      byte[] two = envelope("SMALL-2", 20_000, 54);
      down(true);
      send(hub.client(DemoSet.PROVINCE), one);
      send(hub.client(DemoSet.PROVINCE), two);
      assertThat(pending(hub.hub())).isEqualTo(2);
    }
    down(false);
    // the operator lowers max.envelope.mb to 1 and restarts
    try (Hub hub = Hub.start(config.toBuilder().maxEnvelopeBytes(1L << 20).build(), HubFixture.tls(TestPki.PKI),
        Clock.systemUTC(), new SecureRandom(), EvidenceHook.NONE)) {
      assertThat(hub.recheck().runOnce()).isEqualTo(2);
      assertThat(pending(hub)).isZero();
    }
  }

  byte[] envelope(String id, int size, long seed) {
    Attachment a = Envelopes.pdf(dir.resolve("files"), "vb.pdf", size, seed, DemoSet.PROVINCE);
    return Envelopes.signed(Envelopes.document(DemoSet.PROVINCE, id, List.of(DemoSet.HA_LONG), List.of(a)),
        List.of(a));
  }

  static long pending(Hub hub) {
    return hub.database().autoCommit(PendingChecks::countPending);
  }

  static String payloadOf(Hub hub, String documentId) {
    return hub.database().autoCommit(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT payload_sha256 FROM message WHERE document_id = ?")) {
        ps.setString(1, documentId);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getString(1);
        }
      }
    });
  }

  static Path findPayload(Path data, String sha) throws Exception {
    List<Path> found = new ArrayList<>();
    try (var files = Files.walk(data.resolve("payloads"))) {
      files.filter(p -> p.getFileName().toString().equals(sha)).forEach(found::add);
    }
    assertThat(found).hasSize(1);
    return found.get(0);
  }
}
