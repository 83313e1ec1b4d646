package vn.lienthong.server;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.sample.pki.DemoSet.HA_LONG;
import static vn.lienthong.sample.pki.DemoSet.PROVINCE;

import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import vn.lienthong.server.support.H2HubTest;
import vn.lienthong.server.support.RawHttps;

/**
 * Clients that open an upload and then send nothing more (or a byte now and then): each holds one
 * of Jetty's threads while CXF waits for the rest of the body. They must not stop the other units'
 * calls for longer than a timeout.
 */
class SlowClientsTest extends H2HubTest {

  static final int STALLED = 230;

  @Test
  void stalledUploadsDoNotStopOtherUnitsCalls() throws Exception {
    RawHttps http = new RawHttps(hub.hub().address());
    assertThat(http.pendingCall(HA_LONG, 30_000)).isEqualTo("HTTP/1.1 200 OK");
    List<SSLSocket> slow = new ArrayList<>();
    try {
      String refused = "";
      for (int i = 0; i < STALLED; i++) {
        try {
          slow.add(http.stalled(PROVINCE, 50_000_000, 100));
        } catch (java.io.IOException e) {
          refused = " (the hub stopped completing TLS handshakes after " + slow.size() + ": " + e + ")";
          break;
        }
      }
      System.out.println(slow.size() + " stalled uploads open" + refused);
      Thread.sleep(2000); // every one of them dispatched to CXF, which blocks reading its body
      long t0 = System.nanoTime();
      String status = http.pendingCall(HA_LONG, 30_000);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.println("another unit's call with " + slow.size() + " stalled uploads: " + status + " after " + ms + " ms");
      assertThat(status).as("another unit's call with %d stalled uploads open, after %d ms", slow.size(), ms)
          .isEqualTo("HTTP/1.1 200 OK");
      assertThat(ms).isLessThan(15_000);
      // the stalling certificate itself is told at once to come back later
      assertThat(http.pendingCall(PROVINCE, 30_000)).isEqualTo("HTTP/1.1 503 Service Unavailable");
    } finally {
      for (SSLSocket s : slow) {
        s.close();
      }
    }
  }
}
