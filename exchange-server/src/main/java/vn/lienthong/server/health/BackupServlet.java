package vn.lienthong.server.health;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Objects;
import org.apache.cxf.Bus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienthong.server.auth.Caller;
import vn.lienthong.server.auth.CallerResolver;
import vn.lienthong.server.delivery.Ledger;
import vn.lienthong.server.store.Backup;
import vn.lienthong.server.store.Database;

/**
 * {@code POST /backup}: an administrator takes an online backup of a hub on H2 ({@link Backup}:
 * a complete data directory under {@code backup.dir}). Audited by the administrator's unit:
 * {@code BACKUP} before it is taken (so the backup holds the request), then {@code BACKUP_TAKEN}
 * with its name or {@code BACKUP_FAILED} with the reason. The guard header
 * {@value AcknowledgeServlet#HEADER} is required (see {@link AcknowledgeServlet}). 200 with one
 * line naming the backup; 409 when backups cannot be taken here now (PostgreSQL, another backup
 * running); 500 when writing failed (nothing is left of it).
 *
 * <pre>curl --cert admin.pem --key admin.key -X POST -H 'X-Lienthong-Admin: backup' https://HUB/backup</pre>
 */
public final class BackupServlet extends AdminServlet {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(BackupServlet.class);

  /** The path under the hub's address. */
  public static final String PATH = "/backup";

  private final transient Backup backup;
  private final transient Database db;
  private final transient Clock clock;

  public BackupServlet(Bus bus, CallerResolver callers, Backup backup, Database db, Clock clock) {
    super(bus, callers, "POST");
    this.backup = Objects.requireNonNull(backup, "backup");
    this.db = Objects.requireNonNull(db, "db");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  void answer(HttpServletRequest request, HttpServletResponse response, Caller admin) throws IOException {
    if (request.getHeader(AcknowledgeServlet.HEADER) == null) {
      response.sendError(400, "the header " + AcknowledgeServlet.HEADER + " is required");
      return;
    }
    if (backup.unavailable().isPresent()) {
      response.sendError(409, backup.unavailable().get());
      return;
    }
    audit(admin, "BACKUP", "requested, into " + backup.root());
    Backup.Result r;
    try {
      r = backup.run();
    } catch (IllegalStateException e) {
      audit(admin, "BACKUP_FAILED", e.getMessage());
      response.sendError(409, e.getMessage());
      return;
    } catch (UncheckedIOException e) {
      LOG.error("Backup failed", e);
      audit(admin, "BACKUP_FAILED", e.getMessage());
      response.sendError(500, e.getMessage());
      return;
    }
    LOG.info("Backup {} taken by {}: database {} bytes, {} payloads, {} bytes ({})", r.directory(),
        admin.unit().value(), r.databaseBytes(), r.payloads(), r.payloadBytes(), r.linked() ? "linked" : "copied");
    // (the backup holds the request's entry, not this one)
    audit(admin, "BACKUP_TAKEN", r.directory().getFileName().toString());
    text(response, "text/plain; charset=utf-8", r.directory() + ": database " + r.databaseBytes() + " bytes, "
        + r.payloads() + " payloads, " + r.payloadBytes() + " bytes" + (r.linked() ? " (hard links)" : "") + "\n");
  }

  /** An audit entry by the administrator; the request fails if it cannot be written (nothing unaudited happens). */
  private void audit(Caller admin, String action, String detail) {
    db.inTransaction(c -> {
      Ledger.audit(c, clock.instant(), admin.unit(), action, null, detail);
      return null;
    });
  }
}
