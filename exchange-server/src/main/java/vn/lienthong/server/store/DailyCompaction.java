package vn.lienthong.server.store;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts an H2 database in files once a day at a set local time (the clock's zone) while the hub
 * runs: without space re-use its file grows by every transaction ({@link Database#compact}), and a
 * hub is not restarted to shrink it. Work waits for the compaction (seconds), it does not fail.
 */
public final class DailyCompaction {

  private static final Logger LOG = LoggerFactory.getLogger(DailyCompaction.class);
  /** How long the compaction waits for running work before it gives up until the next day. */
  static final Duration MAX_WAIT = Duration.ofSeconds(30);

  private final Database db;
  private final Clock clock;
  private final LocalTime at;

  public DailyCompaction(Database db, Clock clock, LocalTime at) {
    this.db = Objects.requireNonNull(db, "db");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.at = Objects.requireNonNull(at, "at");
  }

  /** Schedules the next run on {@code jobs}; each run schedules the one after it. */
  public void schedule(ScheduledExecutorService jobs) {
    long delay = untilNext(ZonedDateTime.now(clock), at).toMillis();
    jobs.schedule(() -> {
      runQuietly();
      if (!jobs.isShutdown()) {
        schedule(jobs);
      }
    }, delay, TimeUnit.MILLISECONDS);
  }

  /** From {@code now} to the next {@code at} of the local day, strictly later (tomorrow's when it is {@code at} now). */
  static Duration untilNext(ZonedDateTime now, LocalTime at) {
    ZonedDateTime next = now.toLocalDate().atTime(at).atZone(now.getZone());
    if (!next.isAfter(now)) {
      next = now.toLocalDate().plusDays(1).atTime(at).atZone(now.getZone());
    }
    return Duration.between(now, next);
  }

  private void runQuietly() {
    long start = clock.millis();
    try {
      db.compact(MAX_WAIT).ifPresentOrElse(
          c -> LOG.info("H2 file compacted while running: {} → {} bytes in {} ms", c.bytesBefore(), c.bytesAfter(),
              clock.millis() - start),
          () -> LOG.warn("H2 compaction skipped: running work did not finish within {}; next in a day", MAX_WAIT));
    } catch (RuntimeException e) {
      LOG.error("H2 compaction failed; next in a day", e);
    }
  }
}
