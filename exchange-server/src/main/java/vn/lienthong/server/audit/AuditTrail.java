package vn.lienthong.server.audit;

import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienthong.server.store.Database;

/**
 * Records an event that stores nothing else (a refused request, a failed authentication, a
 * hand-out) as one audit entry in its own small transaction. A failure to record is logged and
 * does not replace the caller's own outcome.
 */
public final class AuditTrail {

  private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

  private final Database db;
  private final Clock clock;

  public AuditTrail(Database db, Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Appends one entry; never throws for a database failure (logged instead). */
  public void record(String actor, String action, Long subject, String detail) {
    try {
      db.inTransaction(c -> AuditChain.append(c, clock.instant(), actor, action, subject, detail));
    } catch (RuntimeException e) {
      LOG.error("Audit entry {} by {} not recorded: {}", action, actor, e.toString());
    }
  }
}
