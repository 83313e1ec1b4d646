package vn.lienthong.client;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.sample.pki.DemoSet.HOME_AFFAIRS;
import static vn.lienthong.sample.pki.DemoSet.PROVINCE;

import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub answers 503 (Connection: close) to a certificate with 16 requests in progress; the client retries. */
class BusyRetryTest {

  @TempDir static Path dir;
  static TestHub hub;

  @BeforeAll
  static void start() {
    hub = TestHub.start(dir);
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  static SSLContext tls(String unit) throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(TestHub.keyStore(TestHub.PKI.system(unit)), TestHub.PASSWORD);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    int i = 0;
    for (var c : TestHub.PKI.trustAnchors()) {
      trust.setCertificateEntry("root" + i++, c);
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ctx;
  }

  static List<SSLSocket> stall(String unit, int n) throws Exception {
    URI u = URI.create(hub.address());
    SSLContext ctx = tls(unit);
    List<SSLSocket> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(u.getHost(), u.getPort());
      s.startHandshake();
      OutputStream out = s.getOutputStream();
      out.write(("POST " + u.getPath() + " HTTP/1.1\r\nHost: " + u.getHost() + ":" + u.getPort()
          + "\r\nContent-Type: text/xml; charset=UTF-8\r\nSOAPAction: \"\"\r\nContent-Length: 50000000\r\n\r\n"
          + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">")
          .getBytes(StandardCharsets.UTF_8));
      out.flush();
      all.add(s);
    }
    Thread.sleep(1500);
    return all;
  }

  void retriedUntilTheStalledRequestsEnd(boolean send) throws Exception {
    List<SSLSocket> stalled = stall(PROVINCE, 16);
    List<Duration> waits = new ArrayList<>();
    try (ExchangeClient client = hub.builder(PROVINCE)
        .retry(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(250)))
        .sleeper(d -> {
          waits.add(d);
          for (SSLSocket s : stalled) {
            try {
              s.close();
            } catch (java.io.IOException e) {
              // gone already
            }
          }
          Thread.sleep(1000);
        }).build()) {
      if (send) {
        Path env = DocumentBuilder.from(PROVINCE, "Ủy ban nhân dân tỉnh Quảng Ninh", Clock.systemUTC())
            .to(HOME_AFFAIRS, "Sở").documentId("BUSY-1").subject("Thử 503")
            .attach(EndToEndTest.pdfIn(dir, "busy.pdf", 400_000), "application/pdf", "Tệp")
            .write(TestHub.signer(PROVINCE), dir.resolve("busy.edxml"));
        assertThat(client.send(env).documentId()).isEqualTo("BUSY-1");
      } else {
        assertThat(client.units()).isNotNull();
      }
      assertThat(waits).as("one retry after the 503").hasSize(1);
    } finally {
      for (SSLSocket s : stalled) {
        s.close();
      }
    }
  }

  @Test
  void aSmallCallAnswered503IsRetried() throws Exception {
    retriedUntilTheStalledRequestsEnd(false);
  }

  @Test
  void aSendAnswered503IsRetried() throws Exception {
    retriedUntilTheStalledRequestsEnd(true);
  }
}
