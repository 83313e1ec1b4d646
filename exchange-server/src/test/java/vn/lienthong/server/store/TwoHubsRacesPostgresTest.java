package vn.lienthong.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.server.support.Calls.send;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.core.edxml.Business;
import vn.lienthong.core.edxml.StaffInfo;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.server.Hub;
import vn.lienthong.server.HubConfig;
import vn.lienthong.server.api.ws.ExchangeFault;
import vn.lienthong.server.api.ws.ExchangePortType;
import vn.lienthong.server.api.ws.FaultCode;
import vn.lienthong.server.evidence.EvidenceHook;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubClient;
import vn.lienthong.server.support.HubFixture;
import vn.lienthong.server.support.TestDatabases;
import vn.lienthong.server.support.TestPki;

/** Races between two hubs on one PostgreSQL database and one payload store. */
class TwoHubsRacesPostgresTest {

  static final String PROVINCE = DemoSet.PROVINCE;
  static final String HA_LONG = DemoSet.HA_LONG;
  static final String FINANCE = DemoSet.FINANCE;
  static final int ROUNDS = 12;

  @TempDir Path dir;

  /** The second hub on the first one's database and store (the registry is already loaded). */
  static Hub second(HubConfig config) {
    return Hub.start(config, HubFixture.tls(TestPki.PKI), Clock.systemUTC(), new SecureRandom(), EvidenceHook.NONE);
  }

  byte[] document(String id, List<String> to, Business business) {
    Attachment a = Envelopes.pdf(dir.resolve("files"), "vanban.pdf", 20_000, id.hashCode(), PROVINCE);
    return Envelopes.signed(Envelopes.document(PROVINCE, id, to, List.of(a), business), List.of(a));
  }

  /**
   * A revocation sent to hub A and an update of the same document (adding Finance) sent to hub B
   * at the same moment: whichever order they commit in, the document must end revoked for every
   * unit that holds a copy (or the update be refused as acting on a revoked document). An update
   * that read "not revoked" before the revocation committed gave Finance a copy that was never
   * marked revoked (and Finance never gets the revocation either).
   */
  @Test
  void anUpdateRacingARevocationNeverLeavesAnUnrevokedCopy() throws Exception {
    TestDatabases.Jdbc db = TestDatabases.freshPostgres();
    HubConfig config = HubFixture.config(dir.resolve("shared"), db, Duration.ofMinutes(5));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (HubFixture a = HubFixture.start(config, Clock.systemUTC(), EvidenceHook.NONE); Hub b = second(config)) {
      ExchangePortType senderA = a.client(PROVINCE);
      ExchangePortType senderB = HubClient.of(b.address(), PROVINCE);
      List<String> unrevoked = new ArrayList<>();
      int bothAccepted = 0;
      for (int i = 0; i < ROUNDS; i++) {
        String id = "RU-" + i;
        byte[] original = document(id, List.of(HA_LONG), new Business.NewDocument("", "", false, StaffInfo.NONE));
        byte[] revocation = document(id, List.of(HA_LONG), new Business.Revocation("", "Ban hành nhầm", false,
            StaffInfo.NONE));
        byte[] update = document(id + "-U", List.of(HA_LONG), new Business.Update(id, "Bổ sung nơi nhận", false,
            new Business.UpdateDetails(false, true, List.of(new Business.ReceiverChange(OrganId.of(FINANCE), true))),
            StaffInfo.NONE));
        send(senderA, original);
        CyclicBarrier start = new CyclicBarrier(2);
        Future<Boolean> revoked = pool.submit(() -> {
          start.await();
          send(senderA, revocation);
          return true;
        });
        Future<Boolean> updated = pool.submit(() -> {
          start.await();
          try {
            send(senderB, update);
            return true;
          } catch (ExchangeFault f) {
            // acting on a document revoked meanwhile: refused, which is right
            assertThat(f.getFaultInfo().getCode()).as(f.getFaultInfo().getMessage())
                .isEqualTo(FaultCode.INVALID_REQUEST);
            return false;
          }
        });
        assertThat(revoked.get()).isTrue();
        if (updated.get()) {
          bothAccepted++;
        }
        try (Connection c = a.hub().database().dataSource().getConnection();
            PreparedStatement ps = c.prepareStatement("SELECT d.recipient FROM delivery d JOIN message m "
                + "ON m.id = d.message_id WHERE m.sender = ? AND m.document_id = ? AND m.business_type = 0 "
                + "AND NOT d.revoked")) {
          ps.setString(1, PROVINCE);
          ps.setString(2, id);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              unrevoked.add(id + " for " + rs.getString(1));
            }
          }
        }
      }
      assertThat(unrevoked).as("copies of revoked documents left unrevoked (update and revocation both "
          + "accepted in %d of %d rounds)", bothAccepted, ROUNDS).isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }
}
