package vn.lienthong.server.delivery;

import vn.lienthong.server.support.TestDatabases;

class SearchH2Test extends SearchTest {
  @Override
  TestDatabases.Jdbc database() {
    return null;
  }
}
