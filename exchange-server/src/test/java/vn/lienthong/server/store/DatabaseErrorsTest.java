package vn.lienthong.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.PreparedStatement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
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
