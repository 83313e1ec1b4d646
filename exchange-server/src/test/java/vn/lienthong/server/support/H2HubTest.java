package vn.lienthong.server.support;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh hub on H2 and the wall clock for every test, in a temporary directory ({@link #dir}). */
public abstract class H2HubTest {

  @TempDir protected Path dir;
  protected HubFixture hub;

  @BeforeEach
  protected void startHub() {
    hub = HubFixture.h2(dir.resolve("hub"), Clock.systemUTC(), Duration.ofMinutes(5));
  }

  @AfterEach
  protected void stopHub() {
    if (hub != null) {
      hub.close();
    }
  }
}
