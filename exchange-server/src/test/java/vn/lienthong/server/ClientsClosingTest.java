package vn.lienthong.server;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.sample.pki.DemoSet.HA_LONG;

import java.io.OutputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import javax.net.ssl.SSLSocket;
import org.apache.cxf.Bus;
import org.junit.jupiter.api.Test;
import vn.lienthong.server.support.H2HubTest;
import vn.lienthong.server.support.RawHttps;
import vn.lienthong.server.support.RawSoap;
import vn.lienthong.server.support.TestPki;

/**
 * Requests closed by their clients at every phase of {@link BodyGate} (read ahead, pipelined,
 * 100-continue, streaming, after a 413) leave nothing counted in progress and no place held.
 */
class ClientsClosingTest extends H2HubTest {

  BodyGate gate() throws Exception {
    Field f = Hub.class.getDeclaredField("bus");
    f.setAccessible(true);
    Bus bus = (Bus) f.get(hub.hub());
    return JettyTls.server(bus, hub.hub().port()).getDescendant(BodyGate.class);
  }

  void nothingLeft(BodyGate gate, int permits) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while ((hub.hub().requestsInProgress() > 0 || gate.streamingAvailable() < permits) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(hub.hub().requestsInProgress()).as("requests in progress").isZero();
    assertThat(gate.streamingAvailable()).as("streaming permits").isEqualTo(permits);
  }

  byte[] pending() throws Exception {
    return RawSoap.bytes(RawSoap.sign(RawSoap.pendingRequest(1), TestPki.PKI.system(HA_LONG), Clock.systemUTC(),
        true, true));
  }

  @Test
  void clientsClosingAtEveryPhaseLeaveNothingInProgress() throws Exception {
    BodyGate gate = gate();
    int permits = gate.streamingAvailable();
    RawHttps http = new RawHttps(hub.hub().address());
    byte[] call = pending();
    // 1. pipelined: a whole call, then a large upload that stops, on one connection
    try (SSLSocket s = http.open(HA_LONG)) {
      OutputStream out = s.getOutputStream();
      out.write(http.head(call.length).getBytes(StandardCharsets.ISO_8859_1));
      out.write(call);
      out.write((http.head(50_000_000) + "<soap:Envelope").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      Thread.sleep(1500);
    }
    nothingLeft(gate, permits);
    // 2. pipelined: a whole call, then a small body with Expect: 100-continue that stops
    try (SSLSocket s = http.open(HA_LONG)) {
      OutputStream out = s.getOutputStream();
      out.write(http.head(call.length).getBytes(StandardCharsets.ISO_8859_1));
      out.write(call);
      out.write((http.head(4000).replace("\r\n\r\n", "\r\nExpect: 100-continue\r\n\r\n"))
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      Thread.sleep(1500);
      out.write("<soap:Envelope".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      Thread.sleep(500);
    }
    nothingLeft(gate, permits);
    // 3. chunked, past 64 KiB (streams from there), then the client goes
    try (SSLSocket s = http.open(HA_LONG)) {
      OutputStream out = s.getOutputStream();
      out.write(http.head(0).replace("Content-Length: 0", "Transfer-Encoding: chunked").getBytes(StandardCharsets.ISO_8859_1));
      byte[] block = " ".repeat(30_000).getBytes(StandardCharsets.ISO_8859_1);
      out.write(("e\r\n<soap:Envelope\r\n").getBytes(StandardCharsets.ISO_8859_1));
      for (int i = 0; i < 3; i++) {
        out.write((Integer.toHexString(block.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(block);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
      }
      out.flush();
      Thread.sleep(1500);
      assertThat(gate.streamingAvailable()).isEqualTo(permits - 1);
    }
    nothingLeft(gate, permits);
    // 4. a declared large body sent in part, then the client goes
    try (SSLSocket s = http.stalled(HA_LONG, 50_000_000, 200_000)) {
      Thread.sleep(1500);
      assertThat(gate.streamingAvailable()).isEqualTo(permits - 1);
    }
    nothingLeft(gate, permits);
    // 5. a declared large body, the answer 413 is not read
    try (SSLSocket s = http.stalled(HA_LONG, Long.MAX_VALUE / 2, 100)) {
      Thread.sleep(500);
    }
    nothingLeft(gate, permits);
    // and the next call is answered
    assertThat(http.pendingCall(HA_LONG, 10_000)).isEqualTo("HTTP/1.1 200 OK");
  }
}
