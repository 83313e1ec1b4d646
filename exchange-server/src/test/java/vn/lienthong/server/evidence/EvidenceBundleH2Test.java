package vn.lienthong.server.evidence;

import vn.lienthong.server.support.TestDatabases;

class EvidenceBundleH2Test extends EvidenceBundleTest {
  @Override
  TestDatabases.Jdbc database() {
    return null;
  }
}
