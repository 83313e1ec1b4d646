package vn.lienthong.server;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.sample.pki.DemoSet.HA_LONG;
import static vn.lienthong.sample.pki.DemoSet.PROVINCE;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import vn.lienthong.server.support.H2HubTest;
import vn.lienthong.server.support.RawSoap;
import vn.lienthong.server.support.TestPki;

/**
 * Clients that open an upload and then send nothing more (or a byte now and then): each holds one
 * of Jetty's threads while CXF waits for the rest of the body. They must not stop the other units'
 * calls for longer than a timeout.
 */
class SlowClientsTest extends H2HubTest {

  static final int STALLED = 230;

  SSLContext tls() {
    return tls(PROVINCE);
  }

  static SSLContext tls(String unit) {
    return RawSoap.context(TestPki.PKI.system(unit), TestPki.PKI.trustAnchors());
  }

  SSLSocket open() throws Exception {
    URI u = URI.create(hub.hub().address());
    SSLSocket s = (SSLSocket) tls().getSocketFactory().createSocket(u.getHost(), u.getPort());
    s.setSoTimeout(5000);
    try {
      s.startHandshake();
    } catch (java.io.IOException e) {
      s.close();
      throw e;
    }
    return s;
  }

  String head(long length) {
    URI u = URI.create(hub.hub().address());
    return "POST /exchange HTTP/1.1\r\nHost: " + u.getHost() + ":" + u.getPort()
        + "\r\nContent-Type: text/xml; charset=UTF-8\r\nSOAPAction: \"\"\r\nContent-Length: " + length + "\r\n\r\n";
  }

  /** A stalled upload: headers and the start of a large body, then nothing. */
  SSLSocket stalled() throws Exception {
    SSLSocket s = open();
    OutputStream out = s.getOutputStream();
    out.write((head(50_000_000) + "<soap:Envelope xmlns:soap=\"" + RawSoap.SOAP + "\">")
        .getBytes(StandardCharsets.UTF_8));
    out.flush();
    return s;
  }

  /** A normal signed GetPendingMessages on a connection of its own: the status line, or null after {@code timeoutMs}. */
  String normalCall(String unit, int timeoutMs) throws Exception {
    byte[] body = RawSoap.bytes(RawSoap.sign(RawSoap.pendingRequest(1), TestPki.PKI.system(unit),
        Clock.systemUTC(), true, true));
    URI u = URI.create(hub.hub().address());
    try (SSLSocket s = (SSLSocket) tls(unit).getSocketFactory().createSocket(u.getHost(), u.getPort())) {
      s.setSoTimeout(timeoutMs);
      OutputStream out = s.getOutputStream();
      out.write((head(body.length).replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n"))
          .getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      byte[] buf = new byte[4096];
      int n;
      while ((n = in.read(buf)) > 0) {
        b.write(buf, 0, n);
      }
      String answer = b.toString(StandardCharsets.UTF_8);
      return answer.isEmpty() ? "(closed without an answer)" : answer.substring(0, answer.indexOf('\r'));
    } catch (SocketTimeoutException e) {
      return null;
    }
  }

  @Test
  void stalledUploadsDoNotStopOtherUnitsCalls() throws Exception {
    assertThat(normalCall(HA_LONG, 30_000)).isEqualTo("HTTP/1.1 200 OK");
    List<SSLSocket> slow = new ArrayList<>();
    try {
      String refused = "";
      for (int i = 0; i < STALLED; i++) {
        try {
          slow.add(stalled());
        } catch (java.io.IOException e) {
          refused = " (the hub stopped completing TLS handshakes after " + slow.size() + ": " + e + ")";
          break;
        }
      }
      System.out.println(slow.size() + " stalled uploads open" + refused);
      Thread.sleep(2000); // every one of them dispatched to CXF, which blocks reading its body
      long t0 = System.nanoTime();
      String status = normalCall(HA_LONG, 30_000);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.println("another unit's call with " + slow.size() + " stalled uploads: " + status + " after " + ms + " ms");
      assertThat(status).as("another unit's call with %d stalled uploads open, after %d ms", slow.size(), ms)
          .isEqualTo("HTTP/1.1 200 OK");
      assertThat(ms).isLessThan(15_000);
      // the stalling certificate itself is told at once to come back later
      assertThat(normalCall(PROVINCE, 30_000)).isEqualTo("HTTP/1.1 503 Service Unavailable");
    } finally {
      for (SSLSocket s : slow) {
        s.close();
      }
    }
  }
}
