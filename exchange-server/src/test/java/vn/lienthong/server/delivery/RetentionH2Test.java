package vn.lienthong.server.delivery;

import java.nio.file.Path;
import java.time.Duration;
import vn.lienthong.server.support.HubFixture;
import vn.lienthong.server.support.MutableClock;

class RetentionH2Test extends RetentionTest {
  @Override
  HubFixture start(Path dataDir, MutableClock clock) {
    return HubFixture.h2(dataDir, clock, Duration.ofMinutes(5));
  }
}
