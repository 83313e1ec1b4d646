package vn.lienthong.server.api;

import java.nio.file.Path;
import java.time.Duration;
import vn.lienthong.server.support.HubFixture;
import vn.lienthong.server.support.MutableClock;

class ExchangeContractPostgresTest extends ExchangeContractTest {
  @Override
  HubFixture start(Path dataDir, MutableClock clock, Duration lease) {
    return HubFixture.postgres(dataDir, clock, lease);
  }
}
