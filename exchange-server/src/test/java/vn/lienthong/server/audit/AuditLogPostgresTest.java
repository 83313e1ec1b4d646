package vn.lienthong.server.audit;

import java.nio.file.Path;
import vn.lienthong.server.support.TestDatabases;

class AuditLogPostgresTest extends AuditLogTest {

  @Override
  TestDatabases.Jdbc jdbc(Path dir) {
    return TestDatabases.freshPostgres();
  }
}
