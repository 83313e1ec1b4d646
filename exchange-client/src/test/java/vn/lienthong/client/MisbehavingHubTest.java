package vn.lienthong.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.lienthong.sample.pki.DemoSet.PROVINCE;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A hub (or what stands in front of it) that answers wrongly, late or never. */
class MisbehavingHubTest {

  static ExchangeClient client(FakeHub fake, int attempts, Duration receive, List<Duration> waits) {
    return ExchangeClient.builder().hub(fake.address())
        .identity(TestHub.keyStore(TestHub.PKI.system(PROVINCE)), TestHub.PASSWORD)
        .trustedRoots(TestHub.PKI.trustAnchors())
        .retry(new RetryPolicy(attempts, Duration.ofMillis(10), Duration.ofMillis(20)))
        .timeouts(Duration.ofSeconds(2), receive).sleeper(waits::add).build();
  }

  static void answer(java.net.Socket s, String status, String contentType, String body) throws Exception {
    FakeHub.readHead(s.getInputStream());
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    OutputStream out = s.getOutputStream();
    out.write(("HTTP/1.1 " + status + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + b.length
        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.write(b);
    out.flush();
    Thread.sleep(200);
    s.close();
  }

  /** A reverse proxy in front of a hub being restarted answers 502/503 with an HTML page. */
  @Test
  @Timeout(60)
  void anHtmlErrorPageFromAProxyIsATransportFailureThatIsRetried() throws Exception {
    assertRetriedAsTransportFailure("502 Bad Gateway", "text/html",
        "<html><body><h1>502 Bad Gateway</h1>nginx</body></html>");
  }

  @Test
  @Timeout(60)
  void aServiceUnavailablePageIsRetried() throws Exception {
    assertRetriedAsTransportFailure("503 Service Unavailable", "text/html; charset=utf-8",
        "<html><body>Bảo trì</body></html>");
  }

  /** Every attempt (three) gets the page; the call ends as a transport failure. */
  private static void assertRetriedAsTransportFailure(String status, String contentType, String body)
      throws Exception {
    List<Duration> waits = new ArrayList<>();
    try (FakeHub fake = new FakeHub(true, s -> answer(s, status, contentType, body));
        ExchangeClient c = client(fake, 3, Duration.ofSeconds(10), waits)) {
      assertThatThrownBy(c::units).isInstanceOfSatisfying(ExchangeException.class,
          e -> assertThat(e.code()).isEqualTo(FaultCode.TRANSPORT));
      assertThat(fake.connections()).isEqualTo(3);
    }
  }

  /** Accepts TCP and never starts TLS. */
  @Test
  @Timeout(60)
  void aHubThatNeverHandshakesDoesNotHangTheCaller() throws Exception {
    List<Duration> waits = new ArrayList<>();
    try (FakeHub fake = new FakeHub(false, s -> Thread.sleep(Long.MAX_VALUE));
        ExchangeClient c = client(fake, 1, Duration.ofSeconds(3), waits)) {
      CompletableFuture<Object> call = CompletableFuture.supplyAsync(c::units);
      endsWithATransportFailure(call);
    }
  }

  /** Reads the request and never answers. */
  @Test
  @Timeout(60)
  void aHubThatNeverAnswersDoesNotHangTheCaller() throws Exception {
    List<Duration> waits = new ArrayList<>();
    try (FakeHub fake = new FakeHub(true, s -> {
      FakeHub.readHead(s.getInputStream());
      Thread.sleep(Long.MAX_VALUE);
    });
        ExchangeClient c = client(fake, 1, Duration.ofSeconds(3), waits)) {
      CompletableFuture<Object> call = CompletableFuture.supplyAsync(c::units);
      endsWithATransportFailure(call);
    }
  }

  /** Answers the status line and headers, a few bytes of the body, then nothing more. */
  @Test
  @Timeout(60)
  void aHubThatStallsInTheMiddleOfItsAnswerDoesNotHangTheCaller() throws Exception {
    List<Duration> waits = new ArrayList<>();
    try (FakeHub fake = new FakeHub(true, s -> {
      FakeHub.readHead(s.getInputStream());
      OutputStream out = s.getOutputStream();
      out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=UTF-8\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "20\r\n<soap:Envelope xmlns:soap=\"http:\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      Thread.sleep(Long.MAX_VALUE);
    });
        ExchangeClient c = client(fake, 1, Duration.ofSeconds(3), waits)) {
      CompletableFuture<Object> call = CompletableFuture.supplyAsync(c::units);
      endsWithATransportFailure(call);
    }
  }

  /**
   * An agency system interrupts a thread blocked in a call (its executor shuts down): the call ends
   * without further attempts and the thread keeps its interrupt flag.
   */
  @Test
  @Timeout(60)
  void anInterruptedCallStopsAndKeepsTheInterruptFlag() throws Exception {
    List<Duration> waits = new ArrayList<>();
    try (FakeHub fake = new FakeHub(true, s -> {
      FakeHub.readHead(s.getInputStream());
      Thread.sleep(Long.MAX_VALUE);
    });
        ExchangeClient c = client(fake, 3, Duration.ofSeconds(4), waits)) {
      AtomicReference<Throwable> failure = new AtomicReference<>();
      AtomicBoolean flag = new AtomicBoolean();
      Thread t = new Thread(() -> {
        try {
          c.units();
        } catch (Throwable e) {
          failure.set(e);
        }
        flag.set(Thread.currentThread().isInterrupted());
      });
      t.start();
      Thread.sleep(1500);
      long interruptedAt = System.nanoTime();
      t.interrupt();
      t.join(30_000);
      long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - interruptedAt);
      assertThat(failure.get()).isInstanceOf(ExchangeException.class);
      assertThat(flag).as("interrupt flag kept").isTrue();
      assertThat(fake.connections()).as("no further attempt after the interrupt").isEqualTo(1);
      assertThat(took).isLessThan(3000);
    }
  }

  /**
   * The call ends, well within the test's time, with a typed failure (AssertJ's {@code failsWithin}
   * also passes on a call that is still hanging).
   */
  static void endsWithATransportFailure(CompletableFuture<Object> call) {
    assertThatThrownBy(() -> call.get(15, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOfSatisfying(ExchangeException.class,
            e -> assertThat(e.code()).isEqualTo(FaultCode.TRANSPORT));
  }
}
