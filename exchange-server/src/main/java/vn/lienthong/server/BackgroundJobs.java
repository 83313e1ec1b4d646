package vn.lienthong.server;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienthong.core.pki.TimeStampClient;
import vn.lienthong.server.audit.AuditAnchoring;
import vn.lienthong.server.delivery.Retention;
import vn.lienthong.server.evidence.EvidenceService;
import vn.lienthong.server.intake.Recheck;
import vn.lienthong.server.store.CompactionSchedule;
import vn.lienthong.server.store.Database;
import vn.lienthong.server.store.PayloadStore;

/**
 * The hub's background jobs. Pending PDF checks run on a daemon thread of their own; retention, H2
 * compaction, audit anchoring and pending time stamps on another. A re-check while OCSP and CRL
 * accept and never answer takes 40 s per PDF (4 certificates' OCSP and CRL, 5 s each), up to 200
 * PDFs a run: on one thread it held up the other jobs for hours.
 */
final class BackgroundJobs {

  private static final Logger LOG = LoggerFactory.getLogger(BackgroundJobs.class);

  private final List<ScheduledExecutorService> threads;

  private BackgroundJobs(List<ScheduledExecutorService> threads) {
    this.threads = threads;
  }

  /** @param sealed null when the hub seals no evidence */
  static BackgroundJobs schedule(Database db, PayloadStore payloads, Recheck recheck, EvidenceService sealed,
      List<X509Certificate> tsaRoots, HubConfig config, Clock clock) {
    ScheduledExecutorService rechecks = daemonThread("hub-recheck");
    recheck.schedule(rechecks, config.intake().recheckEvery());
    ScheduledExecutorService jobs = daemonThread("hub-background");
    if (!config.retention().isZero()) {
      Retention retention = new Retention(db, payloads, clock, config.retention());
      jobs.scheduleWithFixedDelay(() -> purgeQuietly(retention), 1, 60, TimeUnit.MINUTES);
    }
    if (db.inH2File()) {
      new CompactionSchedule(db, clock, config.compactAt(), config.compactAboveBytes()).schedule(jobs);
    }
    if (config.auditTsa() != null) {
      new AuditAnchoring(db, new TimeStampClient(config.auditTsa(), clock, new SecureRandom(),
          Duration.ofSeconds(10), tsaRoots), clock).schedule(jobs, config.auditAnchorEvery());
    }
    if (sealed != null) {
      sealed.schedule(jobs, Duration.ofMinutes(1));
    }
    return new BackgroundJobs(List.of(rechecks, jobs));
  }

  /** No new runs; a running one goes on (while requests drain). */
  void stopScheduling() {
    threads.forEach(ScheduledExecutorService::shutdown);
  }

  /** Interrupts the running jobs. */
  void interrupt() {
    threads.forEach(ScheduledExecutorService::shutdownNow);
  }

  /** Waits for the interrupted jobs to end, at most {@code wait}. */
  void awaitEnd(Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    for (ScheduledExecutorService t : threads) {
      if (!t.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        LOG.warn("A background job did not end within {} s of closing", wait.toSeconds());
      }
    }
  }

  private static ScheduledExecutorService daemonThread(String name) {
    return Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  private static void purgeQuietly(Retention retention) {
    try {
      int n = retention.purge();
      if (n > 0) {
        LOG.info("Retention: forgot {} messages", n);
      }
    } catch (RuntimeException | Error e) {
      // an Error escaping would cancel the schedule for good, silently
      LOG.warn("Retention run failed; retried in an hour", e);
    }
  }
}
