package vn.lienthong.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.pki.TimeStampClient;
import vn.lienthong.server.audit.AuditAnchoring;
import vn.lienthong.server.audit.AuditChain;
import vn.lienthong.server.support.TestPki;

/**
 * An audit anchor (a TSA's token over the chain's head) is shown to auditors as soon as it is
 * stored ({@code GetAuditLog}), so it must survive a power loss as every acknowledged write does.
 * Modelled as in {@link FailedSyncTest}: H2's file system {@code fsyncfail:} keeps only what an
 * fsync wrote ({@link FailingSyncFilePath#powerLoss}).
 */
class AnchorPowerLossTest {

  @TempDir Path dir;

  @BeforeEach
  void register() {
    FailingSyncFilePath.register();
    FailingSyncFilePath.reset();
  }

  @AfterEach
  void reset() {
    FailingSyncFilePath.reset();
  }

  /** Before: the anchor's insert ran with auto-commit, never followed by the hub's checkpoint: gone. */
  @Test
  void aStoredAnchorSurvivesAPowerLoss() throws Exception {
    String url = "jdbc:h2:fsyncfail:" + dir.resolve("hub").toAbsolutePath();
    try (Database db = Database.open(url, "", "", 2)) {
      for (long k = 0; k < 3; k++) {
        long subject = k;
        db.inTransaction(c -> AuditChain.append(c, Instant.now(), "000.00.00.H49", "SEND", subject, "entry " + subject));
      }
      AuditAnchoring anchoring = new AuditAnchoring(db, new TimeStampClient(TestPki.SERVICES.urls().tsa(),
          Clock.systemUTC(), new SecureRandom(), Duration.ofSeconds(5)), Clock.systemUTC());
      assertThat(anchoring.anchor()).as("anchored (and so shown to auditors)")
          .hasValueSatisfying(a -> assertThat(a.seq()).isEqualTo(3));
      // the power goes: nothing more is written
      try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
        s.execute("SHUTDOWN IMMEDIATELY");
      } catch (SQLException expected) {
        // the connection goes with the database
      }
    }
    FailingSyncFilePath.powerLoss();
    try (Connection c = DriverManager.getConnection("jdbc:h2:" + dir.resolve("hub").toAbsolutePath(), "", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM audit_event), "
            + "(SELECT COUNT(*) FROM audit_anchor WHERE seq = 3)")) {
      rs.next();
      assertThat(rs.getInt(1)).as("the audit entries (each checkpointed)").isEqualTo(3);
      assertThat(rs.getInt(2)).as("the anchor over the head after the power loss").isEqualTo(1);
    }
  }
}
