package vn.lienthong.server;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.sample.pki.DemoSet.HA_LONG;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.server.support.Calls;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.H2HubTest;
import vn.lienthong.server.support.RawHttps;
import vn.lienthong.server.support.TestPki;

/**
 * Stalled requests from many certificates at once: the per-certificate limit (16) does not help
 * against someone holding many certificates that chain to a configured root. Before 2026-11-28, 13
 * certificates × 16 stalled requests held all 200 of Jetty's threads (CXF reads a body on one) and
 * another unit's call was not answered for as long as they stayed open.
 */
class ManySlowClientsTest extends H2HubTest {

  /**
   * 23 units × 16 requests (more than Jetty's 200 threads) that send 100 bytes and stop: the i-th
   * of a unit declares {@code declared[i % declared.length]} bytes.
   */
  List<SSLSocket> stallFromEveryOtherUnit(long... declared) throws IOException {
    RawHttps http = new RawHttps(hub.hub().address());
    List<String> units = TestPki.UNITS.stream().filter(u -> !u.equals(HA_LONG)).toList();
    List<SSLSocket> slow = new ArrayList<>();
    try {
      for (String unit : units) {
        for (int i = 0; i < RequestLimits.PER_CLIENT; i++) {
          slow.add(http.stalled(unit, declared[i % declared.length], 100));
        }
      }
    } catch (IOException e) {
      System.out.println("the hub stopped completing TLS handshakes after " + slow.size() + ": " + e);
    }
    return slow;
  }

  /** Another unit's call while they are open: answered, and soon. */
  void anotherUnitIsAnswered(List<SSLSocket> slow) throws Exception {
    Thread.sleep(2000); // every request dispatched
    long t0 = System.nanoTime();
    String status = new RawHttps(hub.hub().address()).pendingCall(HA_LONG, 30_000);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.println("another unit's call with " + slow.size() + " stalled requests: " + status + " after " + ms
        + " ms");
    assertThat(status).as("another unit's call with %d stalled requests, after %d ms", slow.size(), ms)
        .isEqualTo("HTTP/1.1 200 OK");
    assertThat(ms).isLessThan(10_000);
  }

  static void closeAll(List<SSLSocket> sockets) throws IOException {
    for (SSLSocket s : sockets) {
      s.close();
    }
  }

  @Test
  void smallRequestsStalledFromManyCertificatesDoNotStopAnotherUnit() throws Exception {
    List<SSLSocket> slow = stallFromEveryOtherUnit(4_000);
    try {
      anotherUnitIsAnswered(slow);
    } finally {
      closeAll(slow);
    }
  }

  /**
   * With every streaming place held by a stalled upload, another unit's document (a 100 KB PDF,
   * its body over the size read whole) is received into a file and accepted: before, it was
   * answered 503 for as long as they stayed open.
   */
  @Test
  void largeUploadsStalledFromManyCertificatesDoNotStopAnotherUnitsDocument() throws Exception {
    List<SSLSocket> slow = stallFromEveryOtherUnit(50_000_000);
    try {
      anotherUnitIsAnswered(slow);
      Attachment pdf = Envelopes.pdf(dir.resolve("files"), "vanban.pdf", 100_000, 1, HA_LONG);
      byte[] envelope = Envelopes.signed(Envelopes.document(HA_LONG, "SPOOLED-1", List.of(DemoSet.PROVINCE),
          List.of(pdf)), List.of(pdf));
      assertThat(envelope.length).isGreaterThan(BodyGate.EAGER_BYTES);
      assertThat(Calls.send(hub.client(HA_LONG), envelope).getDocumentId()).isEqualTo("SPOOLED-1");
    } finally {
      closeAll(slow);
    }
  }

  @Test
  void stalledRequestsClosedTogetherLeaveNothingInProgress() throws Exception {
    List<SSLSocket> slow = stallFromEveryOtherUnit(4_000, 50_000_000);
    Thread.sleep(1000);
    closeAll(slow);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (hub.hub().requestsInProgress() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(hub.hub().requestsInProgress()).as("requests still counted in progress 10 s after their clients "
        + "closed").isZero();
    // and the hub closes at once: nothing left for its drain to wait for
    long t0 = System.nanoTime();
    hub.close();
    hub = null;
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000);
  }
}
