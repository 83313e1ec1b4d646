package vn.lienthong.server.audit;

import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienthong.server.store.Database;

/**
 * Records an event that stores nothing else as one audit entry in its own small transaction: a
 * refusal (a refused request, a failed authentication) after the fact, best effort; a read (a
 * hand-out, another unit's traces or messages, the audit log, an evidence bundle) before its
 * answer, or no answer: nothing is read unaudited.
 */
public final class AuditTrail {

  private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

  private final Database db;
  private final Clock clock;

  public AuditTrail(Database db, Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Appends the entry of a read about to be answered. A database failure propagates (the hub's
   * {@code UNAVAILABLE}): the caller must not answer.
   */
  public void recordRead(String actor, String action, Long subject, String detail) {
    db.inTransaction(c -> AuditChain.append(c, clock.instant(), actor, action, subject, detail));
  }

  /**
   * Appends the entry of a refusal; never throws for a database failure (logged instead): it does
   * not replace the caller's own outcome.
   */
  public void recordRefusal(String actor, String action, Long subject, String detail) {
    try {
      db.inTransaction(c -> AuditChain.append(c, clock.instant(), actor, action, subject, detail));
    } catch (RuntimeException e) {
      LOG.error("Audit entry {} by {} not recorded: {}", action, actor, e.toString());
    }
  }
}
