package vn.lienthong.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.lienthong.sample.pki.DemoSet.PROVINCE;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** TLS trusts only the configured roots and checks the hub's name; close() releases what a client holds. */
class TlsAndLifecycleTest {

  static ExchangeClientBuilder builder(String address) {
    List<Duration> waits = new ArrayList<>();
    return ExchangeClient.builder().hub(address)
        .identity(TestHub.keyStore(TestHub.PKI.system(PROVINCE)), TestHub.PASSWORD)
        .trustedRoots(TestHub.PKI.trustAnchors())
        .retry(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(20)))
        .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)).sleeper(waits::add);
  }

  @Test
  @Timeout(60)
  void aHubCertificateForAnotherNameIsRefused() throws Exception {
    AtomicBoolean reached = new AtomicBoolean();
    // hub-tls names localhost, 127.0.0.1 and ::1, not 127.0.0.2
    try (FakeHub fake = new FakeHub(true, InetAddress.getByName("127.0.0.2"), "127.0.0.2", s -> {
      // a request head arrived (an empty one is the client hanging up after the handshake)
      reached.set(!FakeHub.readHead(s.getInputStream()).isEmpty());
      MisbehavingHubTest.answer(s, "502 Bad Gateway", "text/html", "<html/>");
    });
        ExchangeClient c = builder(fake.address()).build()) {
      assertThatThrownBy(c::units).isInstanceOfSatisfying(ExchangeException.class,
          e -> assertThat(e.code()).isEqualTo(FaultCode.NOT_AUTHENTICATED));
      assertThat(reached).isFalse();
      assertThat(fake.connections()).isEqualTo(1);
    }
  }

  @Test
  @Timeout(60)
  void aHubCertificateOutsideTheConfiguredRootsIsRefused() throws Exception {
    AtomicBoolean reached = new AtomicBoolean();
    try (FakeHub fake = new FakeHub(true, s -> {
      // a request head arrived (an empty one is the client hanging up after the handshake)
      reached.set(!FakeHub.readHead(s.getInputStream()).isEmpty());
    });
        ExchangeClient c = builder(fake.address()).trustedRoots(List.of(TestHub.PKI.system(PROVINCE).certificate()))
            .build()) {
      assertThatThrownBy(c::units).isInstanceOfSatisfying(ExchangeException.class,
          e -> assertThat(e.code()).isEqualTo(FaultCode.NOT_AUTHENTICATED));
      assertThat(reached).isFalse();
      assertThat(fake.connections()).isEqualTo(1);
    }
  }

  @Test
  @Timeout(120)
  void closingAClientReleasesItsConnectionsAndThreads() throws Exception {
    try (FakeHub fake = new FakeHub(true, s -> MisbehavingHubTest.answer(s, "502 Bad Gateway", "text/html", "<html/>"))) {
      Set<Thread> before = Thread.getAllStackTraces().keySet();
      // closed clients an application still refers to (a field, a cache): closed is closed
      List<ExchangeClient> closed = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        try (ExchangeClient c = builder(fake.address()).retry(RetryPolicy.NONE).build()) {
          closed.add(c);
          assertThatThrownBy(c::units).isInstanceOf(ExchangeException.class);
        }
      }
      // what the client started (its call workers, an HTTP client's selector) ends with close();
      // the JDK's shared keep-alive timer may stay
      long deadline = System.nanoTime() + 5_000_000_000L;
      List<String> left;
      do {
        Thread.sleep(100);
        left = Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t) && t.isAlive())
            .map(Thread::getName).filter(n -> n.startsWith("exchange-client-call-") || n.startsWith("HttpClient-"))
            .toList();
      } while (!left.isEmpty() && System.nanoTime() < deadline);
      assertThat(left).as("threads still running after close").isEmpty();
      assertThat(closed).hasSize(10);
    }
  }
}
