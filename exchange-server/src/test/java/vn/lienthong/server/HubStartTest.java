package vn.lienthong.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.server.evidence.EvidenceHook;
import vn.lienthong.server.support.HubFixture;
import vn.lienthong.server.support.TestPki;

/** A hub that cannot start leaves nothing behind: no HTTP threads, no open database. */
class HubStartTest {

  @TempDir Path dir;

  @Test
  void aTakenPortFailsTheStartAndLeavesNoThreadsRunning() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      HubConfig config = HubFixture.config(dir, null, Duration.ofMinutes(5)).toBuilder()
          .port(taken.getLocalPort()).build();
      TlsMaterial tls = HubFixture.tls(TestPki.PKI); // the sample CA services start their threads here
      Set<Thread> before = Thread.getAllStackTraces().keySet();

      assertThatThrownBy(() -> Hub.start(config, tls, Clock.systemUTC(),
          new SecureRandom(), EvidenceHook.NONE)).isInstanceOf(RuntimeException.class);

      Thread.sleep(500); // Jetty's threads end shortly after the stop
      assertThat(Thread.getAllStackTraces().keySet()).as("threads the failed start left running")
          .filteredOn(t -> !before.contains(t) && t.isAlive() && !t.getName().startsWith("ForkJoinPool")
              // the JDK's HTTP clients (OCSP) have no close in Java 17: their selector ends when collected
              && !t.getName().startsWith("HttpClient-"))
          .isEmpty();
    }
    // the database was closed: the same data directory serves a hub on a free port
    try (Hub hub = Hub.start(HubFixture.config(dir, null, Duration.ofMinutes(5)), HubFixture.tls(TestPki.PKI),
        Clock.systemUTC(), new SecureRandom(), EvidenceHook.NONE)) {
      assertThat(hub.port()).isPositive();
    }
  }
}
