package vn.lienthong.server.delivery;

import vn.lienthong.server.support.TestDatabases;

/**
 * On a PostgreSQL database whose {@code LC_CTYPE} is {@code C}, where {@code LOWER} folds ASCII
 * letters only: the search must not depend on the database's collation.
 */
class SearchPostgresTest extends SearchTest {
  @Override
  TestDatabases.Jdbc database() {
    return TestDatabases.freshPostgres("C");
  }
}
