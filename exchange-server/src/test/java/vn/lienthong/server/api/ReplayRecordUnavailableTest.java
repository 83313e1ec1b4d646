package vn.lienthong.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.server.support.Calls.assertFault;
import static vn.lienthong.server.support.Calls.pending;

import org.junit.jupiter.api.Test;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.server.api.ws.FaultCode;
import vn.lienthong.server.support.H2HubTest;

/**
 * A request whose replay record cannot be written (the database failing under it) was not judged:
 * it is {@code UNAVAILABLE}, which a client retries. It was {@code NOT_AUTHENTICATED}, which a
 * client does not retry, with an {@code AUTH_FAIL} audited against a legitimate unit whenever the
 * rest of the database worked by then.
 */
class ReplayRecordUnavailableTest extends H2HubTest {

  @Test
  void aRequestWhoseReplayRecordFailsIsUnavailableNotUnauthenticated() throws Exception {
    long authFails = authFails();
    sql("ALTER TABLE replay_cache RENAME TO replay_cache_away");
    try {
      assertFault(FaultCode.UNAVAILABLE, () -> pending(hub.client(DemoSet.HA_LONG)));
    } finally {
      sql("ALTER TABLE replay_cache_away RENAME TO replay_cache");
    }
    assertThat(authFails()).as("AUTH_FAIL entries").isEqualTo(authFails);
    assertThat(pending(hub.client(DemoSet.HA_LONG))).as("the same unit, once its request can be recorded").isEmpty();
  }

  private void sql(String statement) {
    hub.hub().database().autoCommit(c -> {
      try (var s = c.createStatement()) {
        return s.executeUpdate(statement);
      }
    });
  }

  private long authFails() {
    return hub.hub().database().autoCommit(c -> {
      try (var ps = c.prepareStatement("SELECT COUNT(*) FROM audit_event WHERE action = 'AUTH_FAIL'");
          var rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }
}
