package vn.lienthong.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import vn.lienthong.server.error.HubError;
import vn.lienthong.server.error.HubException;
import vn.lienthong.server.support.TestDatabases;

/**
 * What a failed statement answers: a value longer than its column is the request's fault
 * ({@code INVALID_REQUEST}, not worth a retry), on H2 and PostgreSQL alike; a broken statement is
 * the hub being unavailable.
 */
class DatabaseErrorsTest {

  @Test
  void h2() {
    check(new TestDatabases.Jdbc("jdbc:h2:mem:errors-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", ""));
  }

  @Test
  void postgres() {
    check(TestDatabases.freshPostgres());
  }

  /**
   * A connection the server ends in a transaction: the failure names the server's reason. The pool
   * evicts such a connection, and restoring auto-commit on it afterwards replaced that reason with
   * its own "Connection is closed".
   */
  @Test
  void postgresConnectionEndedByTheServerKeepsItsReason() {
    TestDatabases.Jdbc jdbc = TestDatabases.freshPostgres();
    try (Database db = Database.open(jdbc.url(), jdbc.user(), jdbc.password(), 2)) {
      assertThatThrownBy(() -> db.inTransaction(c -> {
        int pid = c.unwrap(PGConnection.class).getBackendPID();
        try (Connection other = DriverManager.getConnection(jdbc.url(), jdbc.user(), jdbc.password());
            Statement s = other.createStatement()) {
          s.execute("SELECT pg_terminate_backend(" + pid + ", 10000)");
        }
        try (Statement s = c.createStatement()) {
          return s.execute("SELECT 1");
        }
      })).isInstanceOfSatisfying(HubException.class, e -> {
        assertThat(e.error()).isEqualTo(HubError.UNAVAILABLE);
        assertThat(e.getCause()).isInstanceOfSatisfying(SQLException.class, s -> assertThat(s.getSQLState())
            .as(s.toString()).matches("08...|57P01"));
      });
      boolean autoCommit = db.autoCommit(Connection::getAutoCommit);
      assertThat(autoCommit).as("auto-commit of the pool's connections").isTrue();
    }
  }

  private static void check(TestDatabases.Jdbc jdbc) {
    try (Database db = Database.open(jdbc.url(), jdbc.user(), jdbc.password(), 2)) {
      assertThatThrownBy(() -> db.inTransaction(c -> {
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO unit_group (name, updated_at) VALUES (?, CURRENT_TIMESTAMP)")) {
          ps.setString(1, "g".repeat(101));   // name VARCHAR(100)
          return ps.executeUpdate();
        }
      })).isInstanceOfSatisfying(HubException.class, e -> assertThat(e.error())
          .isEqualTo(HubError.INVALID_REQUEST));
      assertThatThrownBy(() -> db.autoCommit(c -> {
        try (PreparedStatement ps = c.prepareStatement("SELECT no_such_column FROM unit")) {
          return ps.executeQuery().next();
        }
      })).isInstanceOfSatisfying(HubException.class, e -> assertThat(e.error())
          .isEqualTo(HubError.UNAVAILABLE));
    }
  }
}
