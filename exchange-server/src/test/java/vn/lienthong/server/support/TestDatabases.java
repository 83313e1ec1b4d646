package vn.lienthong.server.support;

import vn.lienthong.sample.interop.ExternalTool;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The databases tests run on: H2 always; PostgreSQL when {@code LIENTHONG_TEST_PG_URL} names a
 * server (a JDBC URL of its maintenance database, with {@code LIENTHONG_TEST_PG_USER} and
 * {@code LIENTHONG_TEST_PG_PASSWORD}). Outside CI a test without a server is skipped, saying so;
 * under {@code CI=true} it fails.
 */
public final class TestDatabases {

  private TestDatabases() {}

  /** A JDBC URL, user and password. */
  public record Jdbc(String url, String user, String password) {}

  /** Whether a PostgreSQL server is configured. */
  public static boolean postgresConfigured() {
    return System.getenv("LIENTHONG_TEST_PG_URL") != null;
  }

  /** Skips (or under CI fails) when no PostgreSQL server is configured. */
  public static void requirePostgres() {
    ExternalTool.requireAvailable(postgresConfigured(),
        "no PostgreSQL server: set LIENTHONG_TEST_PG_URL (.ci/run starts one and sets it)");
  }

  /** A new, empty PostgreSQL database on the configured server. */
  public static Jdbc freshPostgres() {
    return freshPostgres(null);
  }

  /**
   * A new, empty PostgreSQL database (UTF-8) whose collation and character classes are those of
   * {@code locale} ({@code "C"}: {@code LOWER} folds ASCII letters only), or the server's default
   * when null.
   */
  public static Jdbc freshPostgres(String locale) {
    requirePostgres();
    String admin = System.getenv("LIENTHONG_TEST_PG_URL");
    String user = System.getenv().getOrDefault("LIENTHONG_TEST_PG_USER", "postgres");
    String password = System.getenv().getOrDefault("LIENTHONG_TEST_PG_PASSWORD", "");
    String name = "hub_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(admin, user, password); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name + (locale == null ? ""
          : " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE '" + locale + "' LC_CTYPE '" + locale + "'"));
    } catch (SQLException e) {
      throw new AssertionError("Cannot create a PostgreSQL database on " + admin + ": " + e.getMessage(), e);
    }
    int slash = admin.lastIndexOf('/');
    int query = admin.indexOf('?', slash);
    String url = admin.substring(0, slash + 1) + name + (query < 0 ? "" : admin.substring(query));
    return new Jdbc(url, user, password);
  }
}
