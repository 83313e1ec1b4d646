package vn.lienthong.server.delivery;

import java.nio.file.Path;
import java.time.Duration;
import vn.lienthong.server.support.HubFixture;
import vn.lienthong.server.support.MutableClock;

class RetentionPostgresTest extends RetentionTest {
  @Override
  HubFixture start(Path dataDir, MutableClock clock) {
    return HubFixture.postgres(dataDir, clock, Duration.ofMinutes(5));
  }
}
