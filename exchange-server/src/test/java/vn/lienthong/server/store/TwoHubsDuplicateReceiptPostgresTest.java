package vn.lienthong.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.server.support.Calls.count;
import static vn.lienthong.server.support.Calls.send;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.sample.services.SampleCaServer;
import vn.lienthong.server.Hub;
import vn.lienthong.server.HubConfig;
import vn.lienthong.server.api.ws.Receipt;
import vn.lienthong.server.evidence.EvidenceHook;
import vn.lienthong.server.evidence.EvidenceSetup;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubClient;
import vn.lienthong.server.support.HubFixture;
import vn.lienthong.server.support.TestDatabases;
import vn.lienthong.server.support.TestPki;

/**
 * The same document sent again to the other hub while the first hub is still sealing its receipt
 * (its TSA answering slowly, within the hub's 5 s): the contract says a duplicate gets the
 * original signed receipt.
 */
class TwoHubsDuplicateReceiptPostgresTest {

  static SampleCaServer ca;
  static SamplePki pki;
  static HttpServer slowTsa;
  static final CountDownLatch release = new CountDownLatch(1);
  static final AtomicInteger held = new AtomicInteger();

  @TempDir Path dir;

  @BeforeAll
  static void services() throws Exception {
    ca = SampleCaServer.bind(0, Clock.systemUTC());
    pki = DemoSet.generator(KeyKind.EC_P256, ca.urls()).units(DemoSet.units()).build().generate();
    ca.start(pki);
    // the sample TSA behind a proxy that holds each request until released (at most 3 s)
    slowTsa = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    slowTsa.setExecutor(Executors.newCachedThreadPool());
    slowTsa.createContext("/tsa", exchange -> {
      byte[] request = exchange.getRequestBody().readAllBytes();
      held.incrementAndGet();
      try {
        release.await(3, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      HttpURLConnection c = (HttpURLConnection) ca.urls().tsa().toURL().openConnection();
      c.setDoOutput(true);
      c.setRequestMethod("POST");
      c.setRequestProperty("Content-Type", exchange.getRequestHeaders().getFirst("Content-Type"));
      try (OutputStream out = c.getOutputStream()) {
        out.write(request);
      }
      byte[] answer;
      try (InputStream in = c.getInputStream()) {
        answer = in.readAllBytes();
      }
      exchange.getResponseHeaders().add("Content-Type", c.getContentType());
      exchange.sendResponseHeaders(c.getResponseCode(), answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    });
    slowTsa.start();
  }

  @AfterAll
  static void stop() {
    release.countDown();
    slowTsa.stop(0);
    ca.close();
  }

  static EvidenceSetup setup(URI tsa) {
    Credential seal = pki.credential(SamplePki.HUB_SEAL);
    return new EvidenceSetup(seal.privateKey(), seal.chain(), tsa);
  }

  @Test
  void aDuplicateAnsweredByTheOtherHubCarriesTheOriginalSignedReceipt() throws Exception {
    TestDatabases.Jdbc db = TestDatabases.freshPostgres();
    HubConfig config = HubFixture.config(dir.resolve("shared"), db, Duration.ofMinutes(5));
    URI slow = URI.create("http://127.0.0.1:" + slowTsa.getAddress().getPort() + "/tsa");
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (HubFixture a = HubFixture.start(config, Clock.systemUTC(), EvidenceHook.NONE, setup(slow));
        Hub b = Hub.start(config, HubFixture.tls(TestPki.PKI), Clock.systemUTC(), new SecureRandom(),
            EvidenceHook.NONE, setup(ca.urls().tsa()))) {
      String province = DemoSet.PROVINCE;
      Attachment f = Envelopes.pdf(dir.resolve("files"), "vb.pdf", 20_000, 7, province);
      byte[] envelope = Envelopes.signed(Envelopes.document(province, "DUP-1", List.of(DemoSet.HA_LONG), List.of(f)),
          List.of(f));
      Future<Receipt> first = pool.submit(() -> send(a.client(province), envelope));
      // hub A has committed the message and is sealing its receipt (its TSA request is held)
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (held.get() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(held.get()).as("hub A asked its TSA").isEqualTo(1);
      assertThat(count(a.hub().database(), "message")).isEqualTo(1);
      // the sender's retry reaches hub B (a lost answer, the load balancer's other node)
      Receipt again = send(HubClient.of(b.address(), province), envelope);
      release.countDown();
      Receipt original = first.get(30, TimeUnit.SECONDS);

      assertThat(again.isDuplicate()).isTrue();
      assertThat(again.getReceiptId()).isEqualTo(original.getReceiptId());
      assertThat(original.getSignedReceipt()).isNotEmpty();
      assertThat(again.getSignedReceipt()).as("the duplicate's signed receipt").isNotNull();
      assertThat(again.getSignedReceipt()).as("the duplicate's signed receipt is the original's")
          .isEqualTo(original.getSignedReceipt());
    } finally {
      pool.shutdownNow();
    }
  }
}
