package vn.lienthong.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.server.support.HubFixture;

/** Hub.close stops serving: the port is released, and a hub can start on it again. */
class HubCloseTest {

  @TempDir Path dir;

  @Test
  void closeReleasesThePort() throws Exception {
    HubFixture fixture = HubFixture.h2(dir.resolve("hub"), Clock.systemUTC(), Duration.ofMinutes(5));
    int port = fixture.hub().port();
    fixture.close();
    Thread.sleep(500);

    assertThatThrownBy(() -> {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      }
    }).as("connecting to the port of a closed hub").isInstanceOf(ConnectException.class);
  }

  @Test
  void aClosedHubsPortServesTheNextHub() {
    HubFixture first = HubFixture.h2(dir.resolve("a"), Clock.systemUTC(), Duration.ofMinutes(5));
    int port = first.hub().port();
    first.close();

    HubConfig again = HubFixture.config(dir.resolve("b"), null, Duration.ofMinutes(5)).toBuilder().port(port).build();
    try (HubFixture second = HubFixture.start(again, Clock.systemUTC(), vn.lienthong.server.evidence.EvidenceHook.NONE)) {
      assertThat(second.hub().port()).isEqualTo(port);
    }
  }
}
