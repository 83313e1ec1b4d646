package vn.lienthong.server.delivery;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.server.support.HubFixture;
import vn.lienthong.server.support.MutableClock;

/**
 * A fresh hub for every test, in a temporary directory, on the database the concrete class
 * chooses ({@code *H2Test}, {@code *PostgresTest}).
 */
abstract class FreshHubTest {

  @TempDir Path dir;
  HubFixture hub;

  abstract HubFixture start(Path dataDir, MutableClock clock);

  @BeforeEach
  void startHub() {
    hub = start(dir.resolve("hub"), new MutableClock(Instant.now()));
  }

  @AfterEach
  void stopHub() {
    if (hub != null) {
      hub.close();
    }
  }
}
