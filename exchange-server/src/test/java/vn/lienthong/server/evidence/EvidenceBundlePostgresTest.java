package vn.lienthong.server.evidence;

import vn.lienthong.server.support.TestDatabases;

class EvidenceBundlePostgresTest extends EvidenceBundleTest {
  @Override
  TestDatabases.Jdbc database() {
    return TestDatabases.freshPostgres();
  }
}
