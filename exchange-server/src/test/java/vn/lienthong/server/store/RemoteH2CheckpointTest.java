package vn.lienthong.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.server.error.HubError;
import vn.lienthong.server.error.HubException;

/**
 * An H2 database reached over TCP ({@code jdbc:h2:tcp:}, which the hub accepts and
 * leaves as it is) has no file the hub can rewrite; one failed checkpoint must not leave every
 * later transaction refused until the hub restarts.
 */
class RemoteH2CheckpointTest {

  @TempDir Path dir;
  Server server;

  @BeforeEach
  void start() throws Exception {
    FailingSyncFilePath.register();
    FailingSyncFilePath.reset();
    server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
  }

  @AfterEach
  void stop() {
    server.stop();
    FailingSyncFilePath.reset();
  }

  private static void insert(Database db, int id) {
    db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?)")) {
        ps.setInt(1, id);
        return ps.executeUpdate();
      }
    });
  }

  @Test
  void oneFailedCheckpointOfARemoteH2DoesNotRefuseEverythingAfter() {
    String url = "jdbc:h2:tcp://localhost:" + server.getPort() + "/fsyncfail:"
        + dir.resolve("remote").toAbsolutePath();
    try (Database db = Database.open(url, "sa", "", 2)) {
      db.autoCommit(c -> {
        try (Statement s = c.createStatement()) {
          return s.execute("CREATE TABLE t(id INT PRIMARY KEY)");
        }
      });
      insert(db, 1);
      FailingSyncFilePath.failNext.set(1);
      assertThatThrownBy(() -> insert(db, 2)).isInstanceOfSatisfying(HubException.class,
          e -> assertThat(e.error()).isEqualTo(HubError.UNAVAILABLE));
      assertThat(FailingSyncFilePath.failed.get()).isEqualTo(1);
      // the disk works again: the next documents are accepted (as on PostgreSQL), or at least
      // one of the next ten is
      int accepted = 0;
      for (int id = 3; id <= 12; id++) {
        try {
          insert(db, id);
          accepted++;
        } catch (HubException e) {
          assertThat(e.error()).isEqualTo(HubError.UNAVAILABLE);
        }
      }
      assertThat(accepted).as("transactions accepted after one failed checkpoint").isPositive();
    }
  }
}
