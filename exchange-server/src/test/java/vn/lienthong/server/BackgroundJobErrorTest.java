package vn.lienthong.server;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.server.support.Calls.count;
import static vn.lienthong.server.support.Calls.send;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.services.SampleCaServer;
import vn.lienthong.server.evidence.EvidenceHook;
import vn.lienthong.server.intake.IntakePolicy;
import vn.lienthong.server.intake.PendingChecks;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubFixture;
import vn.lienthong.server.support.TestPki;
import vn.lienthong.server.support.TrapClock;

/**
 * An Error inside a background job (an OutOfMemoryError while re-checking a large PDF, a
 * StackOverflowError on a hostile one) ends that run; the job runs again at its next turn. Before,
 * the Error escaped into {@code scheduleWithFixedDelay}, which cancelled the job for good, silently.
 */
class BackgroundJobErrorTest {

  @TempDir Path dir;

  @AfterEach
  void servicesBack() {
    down(false);
  }

  static void down(boolean down) {
    TestPki.SERVICES.setDown(SampleCaServer.Service.OCSP, down);
    TestPki.SERVICES.setDown(SampleCaServer.Service.CRL, down);
  }

  @Test
  void theRecheckRunsAgainAfterAnError() throws Exception {
    TrapClock clock = new TrapClock("hub-") /* the re-check's thread: hub-background, since hub-recheck */;
    Attachment pdf = Envelopes.pdf(dir.resolve("files"), "vb.pdf", 20_000, 41, DemoSet.PROVINCE);
    HubConfig config = HubFixture.config(dir.resolve("hub"), null, Duration.ofMinutes(5)).toBuilder()
        .intake(new IntakePolicy(IntakePolicy.defaults().pdfPolicy(), IntakePolicy.EnvelopeSha1.REFUSE,
            IntakePolicy.WhenUnavailable.ACCEPT, Duration.ofMillis(300)))
        .build();
    try (HubFixture hub = HubFixture.start(config, clock, EvidenceHook.NONE)) {
      down(true);
      send(hub.client(DemoSet.PROVINCE), Envelopes.signed(Envelopes.document(DemoSet.PROVINCE, "JOB-ERR-1",
          List.of(DemoSet.HA_LONG), List.of(pdf)), List.of(pdf)));
      assertThat(pendingChecks(hub)).isEqualTo(1);

      clock.arm(new OutOfMemoryError("Java heap space (test)"));
      assertThat(clock.fired().await(20, TimeUnit.SECONDS)).as("the re-check met the Error").isTrue();
      down(false);

      assertThat(eventually(() -> pendingChecks(hub) == 0, Duration.ofSeconds(20)))
          .as("the re-check completed the pending check after the Error").isTrue();
    }
  }

  @Test
  void auditAnchoringGoesOnAfterAnError() throws Exception {
    TrapClock clock = new TrapClock("hub-background");
    HubConfig config = HubFixture.config(dir.resolve("hub"), null, Duration.ofMinutes(5)).toBuilder()
        .auditAnchoring(TestPki.SERVICES.urls().tsa(), Duration.ofMillis(200)).build();
    clock.arm(new StackOverflowError("test"));
    try (HubFixture hub = HubFixture.start(config, clock, EvidenceHook.NONE)) {
      assertThat(clock.fired().await(20, TimeUnit.SECONDS)).as("anchoring met the Error").isTrue();
      // the audit chain moves on (a unit's registration is audited); anchoring should follow it
      Attachment pdf = Envelopes.pdf(dir.resolve("files"), "vb.pdf", 20_000, 42, DemoSet.PROVINCE);
      send(hub.client(DemoSet.PROVINCE), Envelopes.signed(Envelopes.document(DemoSet.PROVINCE, "JOB-ERR-2",
          List.of(DemoSet.HA_LONG), List.of(pdf)), List.of(pdf)));
      assertThat(eventually(() -> count(hub.hub().database(), "audit_anchor") > 0, Duration.ofSeconds(20)))
          .as("an anchor after the Error").isTrue();
    }
  }

  static long pendingChecks(HubFixture hub) {
    return hub.hub().database().autoCommit(PendingChecks::countPending);
  }

  static boolean eventually(BooleanSupplier condition, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(100);
    }
    return condition.getAsBoolean();
  }
}
