package vn.lienthong.server.delivery;

import vn.lienthong.server.support.TestDatabases;

class SearchPostgresTest extends SearchTest {
  @Override
  TestDatabases.Jdbc database() {
    return TestDatabases.freshPostgres();
  }
}
