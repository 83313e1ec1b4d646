package vn.lienthong.server;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.server.support.Calls.count;
import static vn.lienthong.server.support.Calls.send;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.services.SampleCaServer;
import vn.lienthong.server.evidence.EvidenceHook;
import vn.lienthong.server.intake.IntakePolicy;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubFixture;
import vn.lienthong.server.support.TestPki;

/**
 * A re-check against OCSP and CRL servers that accept and never answer takes 40 s per pending PDF
 * (signer and seal, each certificate OCSP then CRL, 5 s each: RecheckStallMeasurement), up to 200
 * PDFs a run. It must not hold up the other background jobs (audit anchoring, time stamps,
 * retention, the H2 compaction): here a re-check stalled for 25 s while anchoring is due every 200 ms.
 */
class SlowRecheckTest {

  @TempDir Path dir;

  @AfterEach
  void servicesBack() {
    TestPki.SERVICES.setDown(SampleCaServer.Service.OCSP, false);
    TestPki.SERVICES.setDown(SampleCaServer.Service.CRL, false);
  }

  /** The wall clock; read by the re-check once armed, it stalls (as a silent OCSP responder would). */
  static final class StallingClock extends Clock {
    volatile boolean armed;
    final CountDownLatch stalled = new CountDownLatch(1);

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      if (armed && StackWalker.getInstance().walk(s -> s.anyMatch(f -> f.getClassName().endsWith(".intake.Recheck")))) {
        armed = false;
        stalled.countDown();
        try {
          Thread.sleep(25_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return Instant.now();
    }
  }

  @Test
  void aStalledRecheckDoesNotHoldUpAuditAnchoring() throws Exception {
    StallingClock clock = new StallingClock();
    Attachment pdf = Envelopes.pdf(dir.resolve("files"), "vb.pdf", 20_000, 61, DemoSet.PROVINCE);
    HubConfig config = HubFixture.config(dir.resolve("hub"), null, Duration.ofMinutes(5)).toBuilder()
        .intake(new IntakePolicy(IntakePolicy.defaults().pdfPolicy(), IntakePolicy.EnvelopeSha1.REFUSE,
            IntakePolicy.WhenUnavailable.ACCEPT, Duration.ofMillis(300)))
        .auditAnchoring(TestPki.SERVICES.urls().tsa(), Duration.ofMillis(200)).build();
    try (HubFixture hub = HubFixture.start(config, clock, EvidenceHook.NONE)) {
      TestPki.SERVICES.setDown(SampleCaServer.Service.OCSP, true);
      TestPki.SERVICES.setDown(SampleCaServer.Service.CRL, true);
      clock.armed = true;
      send(hub.client(DemoSet.PROVINCE), Envelopes.signed(Envelopes.document(DemoSet.PROVINCE, "SLOW-RECHECK-1",
          List.of(DemoSet.HA_LONG), List.of(pdf)), List.of(pdf)));
      assertThat(clock.stalled.await(20, TimeUnit.SECONDS)).as("the re-check stalls").isTrue();
      long anchors = count(hub.hub().database(), "audit_anchor");
      // the audit chain moves on (a poll is audited), and anchoring should follow it
      vn.lienthong.server.support.Calls.pending(hub.client(DemoSet.HA_LONG));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (count(hub.hub().database(), "audit_anchor") <= anchors && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(count(hub.hub().database(), "audit_anchor")).as("anchored while the re-check stalls")
          .isGreaterThan(anchors);
    }
  }
}
