package vn.lienthong.server.intake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.core.edxml.EdxmlException;
import vn.lienthong.core.edxml.EdxmlReader;
import vn.lienthong.core.edxml.Envelope;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.server.delivery.Ledger;
import vn.lienthong.server.delivery.MessageRecord;
import vn.lienthong.server.delivery.Messages;
import vn.lienthong.server.health.Alerts;
import vn.lienthong.server.store.Database;
import vn.lienthong.server.store.PayloadStore;

/**
 * The job that completes pending PDF checks: it reads each pending message's stored envelope
 * again, verifies the attachment as intake would have, and records the final outcome.
 *
 * <ul>
 *   <li>still unavailable: one more attempt counted, the alert {@value PdfSignatures#ALERT} stays;
 *   <li>passed: the check is completed as PASSED (audit {@code CHECK_PASSED});
 *   <li>failed (e.g. a certificate revoked while the services were down): completed as FAILED with
 *       the verdict, audit {@code CHECK_FAILED}, the alert {@value #FAILED_ALERT} raised, and the
 *       sender sees it in GetTraces ({@code SignatureCheck}). The document stays delivered: the
 *       recipients' systems learn it from the sender, the hub does not withdraw it on its own.
 * </ul>
 *
 * When no check remains pending after a run, {@value PdfSignatures#ALERT} is cleared. Failed checks
 * stay in the database until an administrator {@linkplain #acknowledgeFailures acknowledges} them;
 * every run raises or clears {@value #FAILED_ALERT} from that state, so each hub process on the
 * database shows it, a restart does not hide it, and an acknowledgement made through one process
 * clears it in all of them by their next run.
 */
public final class Recheck {

  /** Raised while a check that completed as failed is not acknowledged by an administrator. */
  public static final String FAILED_ALERT = "pdf-check-failed";

  private static final Logger LOG = LoggerFactory.getLogger(Recheck.class);
  private static final int BATCH = 200;

  private final Database db;
  private final PayloadStore payloads;
  private final PdfVerification verification;
  private final Alerts alerts;
  private final Clock clock;
  private final OrganId hub;
  private final long maxEnvelopeBytes;

  public Recheck(Database db, PayloadStore payloads, PdfVerification verification, Alerts alerts, Clock clock,
      OrganId hub, long maxEnvelopeBytes) {
    this.db = Objects.requireNonNull(db, "db");
    this.payloads = Objects.requireNonNull(payloads, "payloads");
    this.verification = Objects.requireNonNull(verification, "verification");
    this.alerts = Objects.requireNonNull(alerts, "alerts");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.hub = Objects.requireNonNull(hub, "hub");
    this.maxEnvelopeBytes = maxEnvelopeBytes;
  }

  /** Runs every {@code every} on {@code executor}; a failing run is logged and the next one tries again. */
  public void schedule(ScheduledExecutorService executor, Duration every) {
    long ms = every.toMillis();
    executor.scheduleWithFixedDelay(() -> {
      try {
        runOnce();
      } catch (RuntimeException | Error e) {
        // an Error escaping (out of memory on a large PDF, a stack overflow on a hostile one)
        // would cancel this schedule for good, silently: the run ends here, the next one comes
        LOG.error("Re-check of pending PDF checks failed; tried again in {}", every, e);
      }
    }, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** One run over the pending checks; returns how many it completed. */
  public synchronized int runOnce() {
    List<PendingChecks.Row> rows = db.autoCommit(c -> PendingChecks.pending(c, BATCH));
    int completed = 0;
    for (PendingChecks.Row row : rows) {
      try {
        if (recheck(row)) {
          completed++;
        }
      } catch (RuntimeException e) {
        // one check that cannot be done (its stored envelope unreadable, say) must not hold up the
        // ones after it, run after run: it stays pending, with this attempt and its reason
        LOG.error("Re-check of pending check {} (message {}) failed; the others go on", row.id(), row.messageId(), e);
        attemptedQuietly(row, "re-check failed: " + e.getMessage(), e);
      }
    }
    long left = db.autoCommit(PendingChecks::countPending);
    if (left == 0 && !rows.isEmpty()) {
      alerts.clear(PdfSignatures.ALERT, "every pending PDF check completed");
    }
    showFailures();
    return completed;
  }

  /**
   * An administrator has seen the failed checks (and told the recipients, or had the sender do
   * it): acknowledges every one not acknowledged yet, audits {@code CHECKS_ACKNOWLEDGED} as
   * {@code administrator} with their ids, and clears {@value #FAILED_ALERT} here (other hub
   * processes at their next run). Returns how many it acknowledged.
   */
  public synchronized int acknowledgeFailures(OrganId administrator) {
    Objects.requireNonNull(administrator, "administrator");
    List<Long> ids = db.inTransaction(c -> {
      List<Long> acknowledged = PendingChecks.acknowledgeFailures(c, clock.instant(), administrator.value());
      if (!acknowledged.isEmpty()) {
        Ledger.audit(c, clock.instant(), administrator, "CHECKS_ACKNOWLEDGED", null,
            cut("failed PDF checks " + acknowledged, 1900));
      }
      return acknowledged;
    });
    showFailures();
    return ids.size();
  }

  /** Raises or clears {@value #FAILED_ALERT} from the database: failed checks not acknowledged. */
  private void showFailures() {
    long open = db.autoCommit(PendingChecks::countUnacknowledgedFailures);
    if (open > 0) {
      alerts.raise(FAILED_ALERT, open + " failed PDF check(s) not acknowledged (POST /checks/acknowledge)");
    } else {
      alerts.clear(FAILED_ALERT, "every failed PDF check acknowledged");
    }
  }

  private boolean recheck(PendingChecks.Row row) {
    MessageRecord m = db.autoCommit(c -> Messages.byId(c, row.messageId())).orElse(null);
    if (m == null) {
      return false; // purged in between: the row went with it
    }
    Path work = payloads.newWorkDirectory();
    try {
      Optional<Attachment> a = attachment(m, row, work);
      if (a.isEmpty()) {
        return finish(row, m, false, "the stored envelope no longer holds " + row.attachment());
      }
      PdfVerification.Result r = verification.verify(a.get().file(), m.sender());
      if (r instanceof PdfVerification.Pending p) {
        db.autoCommit(c -> {
          PendingChecks.attempted(c, row.id(), clock.instant(), p.reason());
          return null;
        });
        alerts.raise(PdfSignatures.ALERT, "re-check of message " + m.id() + " still waiting: " + p.reason());
        return false;
      }
      boolean passed = r instanceof PdfVerification.Passed;
      return finish(row, m, passed, passed ? "TOTAL_PASSED" : ((PdfVerification.Failed) r).sentence());
    } finally {
      PayloadStore.deleteRecursively(work);
    }
  }

  private void attemptedQuietly(PendingChecks.Row row, String reason, RuntimeException cause) {
    try {
      db.autoCommit(c -> {
        PendingChecks.attempted(c, row.id(), clock.instant(), cut(reason, 1900));
        return null;
      });
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  /** Records the final outcome (once, even with several hub processes), audits and alerts. */
  private boolean finish(PendingChecks.Row row, MessageRecord m, boolean passed, String verdict) {
    boolean done = db.inTransaction(c -> {
      boolean first = PendingChecks.complete(c, row.id(), clock.instant(),
          passed ? PendingChecks.Outcome.PASSED : PendingChecks.Outcome.FAILED, verdict);
      if (first) {
        Ledger.audit(c, clock.instant(), hub, passed ? "CHECK_PASSED" : "CHECK_FAILED", m.id(),
            cut(row.attachment() + ": " + verdict, 1900));
      }
      return first;
    });
    if (done && !passed) {
      alerts.count("pdf-checks-failed-later");
      alerts.raise(FAILED_ALERT, "message " + m.id() + " from " + m.sender() + " (" + m.documentId() + "), "
          + row.attachment() + ": " + verdict);
    }
    return done;
  }

  /** The attachment a check is about: by its ContentId (names may repeat); a check from before V9 by name. */
  private Optional<Attachment> attachment(MessageRecord m, PendingChecks.Row row, Path work) {
    try {
      Path stored = payloads.path(m.payloadSha256());
      // accepted under the limit of its day: a max.envelope.mb lowered since must not make it unreadable
      long limit = Math.max(maxEnvelopeBytes, sizeOf(stored));
      Envelope envelope = EdxmlReader.builder().attachmentDirectory(work).maxAttachmentBytes(limit).build()
          .read(stored);
      return envelope.attachments().stream().filter(a -> row.contentId() != null
          ? a.contentId().equals(row.contentId()) : a.attachmentName().equals(row.attachment())).findFirst();
    } catch (EdxmlException e) {
      throw new IllegalStateException("The stored envelope of message " + m.id() + " cannot be read: "
          + e.getMessage(), e);
    }
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0; // the read says what is wrong
    }
  }

  static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
