package vn.lienthong.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.lienthong.sample.pki.DemoSet.FINANCE;
import static vn.lienthong.sample.pki.DemoSet.HOME_AFFAIRS;
import static vn.lienthong.sample.pki.DemoSet.PROVINCE;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Network failures in the middle of a send: the retry delivers the document exactly once. */
class RetryTest {

  @TempDir
  static Path dir;
  static TestHub hub;

  @BeforeAll
  static void start() {
    hub = TestHub.start(dir);
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  private static ExchangeClient through(CutProxy proxy, List<Duration> waits, int attempts) {
    String address = hub.address().replaceFirst(":\\d+/", ":" + proxy.port() + "/");
    return hub.builder(PROVINCE).hub(address).retry(new RetryPolicy(attempts, Duration.ofMillis(100),
        Duration.ofMillis(250))).sleeper(waits::add).build();
  }

  private static Path envelope(String documentId, String to) throws Exception {
    return DocumentBuilder.from(PROVINCE, "Ủy ban nhân dân tỉnh Quảng Ninh", Clock.systemUTC()).to(to, "Sở")
        .documentId(documentId).subject("Thử mạng chập chờn " + documentId)
        .attach(EndToEndTest.pdfIn(dir, documentId + ".pdf", 400_000), "application/pdf", "Tệp lớn")
        .write(TestHub.signer(PROVINCE), dir.resolve(documentId + ".edxml"));
  }

  /** Whether the hub committed a document: read from its database, claiming nothing. */
  private static boolean stored(String documentId) {
    return hub.database().autoCommit(c -> {
      try (var ps = c.prepareStatement("SELECT COUNT(*) FROM message WHERE document_id = ?")) {
        ps.setString(1, documentId);
        try (var rs = ps.executeQuery()) {
          return rs.next() && rs.getLong(1) > 0;
        }
      }
    });
  }

  private static long inboxCount(String unit, String documentId) {
    try (ExchangeClient c = hub.client(unit)) {
      return c.pending(500).messages().stream().filter(m -> m.documentId().equals(documentId)).count();
    }
  }

  @Test
  void uploadCutMidwayIsSentAgainAndDeliveredOnce() throws Exception {
    List<Duration> waits = new ArrayList<>();
    try (CutProxy proxy = new CutProxy(hub.hubPort(), 150_000, 1);
        ExchangeClient client = through(proxy, waits, 4)) {
      Receipt r = client.send(envelope("NET-1", HOME_AFFAIRS));
      assertThat(r.duplicate()).isFalse();
      assertThat(proxy.connections()).isGreaterThanOrEqualTo(2);
      assertThat(waits).containsExactly(Duration.ofMillis(100));
    }
    assertThat(inboxCount(HOME_AFFAIRS, "NET-1")).isEqualTo(1);
  }

  @Test
  void lostAnswerIsSentAgainAndAnsweredWithTheOriginalReceipt() throws Exception {
    List<Duration> waits = new ArrayList<>();
    try (CutProxy proxy = CutProxy.losingAnswers(hub.hubPort(), 400_000, () -> stored("NET-2"), 1);
        ExchangeClient client = through(proxy, waits, 4)) {
      Receipt r = client.send(envelope("NET-2", FINANCE));
      // the first attempt was stored by the hub; the retry gets its receipt back
      assertThat(r.duplicate()).isTrue();
      assertThat(waits).hasSize(1);
    }
    assertThat(inboxCount(FINANCE, "NET-2")).isEqualTo(1);
  }

  @Test
  void aNetworkThatStaysDownEndsInATransportFailureAfterBackingOff() throws Exception {
    List<Duration> waits = new ArrayList<>();
    try (CutProxy proxy = new CutProxy(hub.hubPort(), 1_000, Integer.MAX_VALUE);
        ExchangeClient client = through(proxy, waits, 4)) {
      assertThatThrownBy(() -> client.units()).isInstanceOfSatisfying(ExchangeException.class,
          e -> assertThat(e.code()).isEqualTo(FaultCode.TRANSPORT));
      assertThat(proxy.connections()).isEqualTo(4);
      assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(250));
    }
  }
}
