package vn.lienthong.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.server.support.Calls.count;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.server.HubConfig;
import vn.lienthong.server.evidence.EvidenceHook;
import vn.lienthong.server.support.HubFixture;
import vn.lienthong.server.support.TestPki;

/** A hub configured with a TSA anchors its audit chain by itself, and the anchors verify. */
class AuditAnchoringHubTest {

  @TempDir Path dir;

  @Test
  void theHubAnchorsPeriodically() throws Exception {
    // the test PKI's TSA: the hub trusts its root (a TSA it does not trust anchors nothing)
    HubConfig c = HubFixture.config(dir.resolve("hub"), null, Duration.ofMinutes(5));
    HubConfig anchored = c.toBuilder().auditAnchoring(TestPki.SERVICES.urls().tsa(), Duration.ofMillis(200)).build();
    try (HubFixture hub = HubFixture.start(anchored, Clock.systemUTC(), EvidenceHook.NONE)) {
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (count(hub.hub().database(), "audit_anchor") == 0 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(count(hub.hub().database(), "audit_anchor")).isPositive();
      AuditVerification v = new AuditLog(hub.hub().database(), TestPki.PKI.trustAnchors()).verify();
      assertThat(v.ok()).as(v.reason()).isTrue();
      assertThat(v.entries()).isPositive();
    }
  }
}
