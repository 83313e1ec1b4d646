package vn.lienthong.server.audit;

import java.nio.file.Path;
import vn.lienthong.server.support.TestDatabases;

class AuditLogH2Test extends AuditLogTest {

  @Override
  TestDatabases.Jdbc jdbc(Path dir) {
    return new TestDatabases.Jdbc("jdbc:h2:file:" + dir.resolve("hub").toAbsolutePath() + ";LOCK_TIMEOUT=10000",
        "", "");
  }
}
