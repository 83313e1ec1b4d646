package vn.lienthong.server.api;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import vn.lienthong.server.support.HubFixture;

class RegistryApiPostgresTest extends RegistryApiTest {
  @Override
  HubFixture start(Path dataDir) {
    return HubFixture.postgres(dataDir, Clock.systemUTC(), Duration.ofMinutes(5));
  }
}
