package vn.lienthong.server.api;

import java.nio.file.Path;
import java.time.Duration;
import vn.lienthong.server.support.HubFixture;
import vn.lienthong.server.support.MutableClock;

class ExchangeContractH2Test extends ExchangeContractTest {
  @Override
  HubFixture start(Path dataDir, MutableClock clock, Duration lease) {
    return HubFixture.h2(dataDir, clock, lease);
  }
}
