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
 * Compacts an H2 database in files while the hub runs ({@link Database#compact}): without space
 * re-use its file grows by every transaction (about 100 KB per document cycle under load), and a
 * hub is not restarted to shrink it. Once a day at a set local time (the clock's zone), when
 * traffic is low; and, as a safety net for a busy day, whenever the file grows past a size, looked
 * at every minute. Work waits for a compaction (well under a second for the sample data), it does
 * not fail.
 */
public final class CompactionSchedule {

  private static final Logger LOG = LoggerFactory.getLogger(CompactionSchedule.class);
  /** How long a compaction waits for running work before it gives up until its next turn. */
  static final Duration MAX_WAIT = Duration.ofSeconds(30);
  /** How often the file's size is looked at. */
  static final Duration SIZE_CHECK = Duration.ofMinutes(1);

  private final Database db;
  private final Clock clock;
  private final LocalTime dailyAt;
  private final long aboveBytes;
  /** The file's size after the last compaction (the jobs thread alone reads and writes it). */
  private long compactedBytes;

  /**
   * @param dailyAt the local time of the daily run; null: none
   * @param aboveBytes compact when the file is larger; 0: never by size
   */
  public CompactionSchedule(Database db, Clock clock, LocalTime dailyAt, long aboveBytes) {
    this.db = Objects.requireNonNull(db, "db");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.dailyAt = dailyAt;
    if (aboveBytes < 0) {
      throw new IllegalArgumentException("aboveBytes must not be negative, was " + aboveBytes);
    }
    this.aboveBytes = aboveBytes;
  }

  /** Schedules the daily run and the size check on {@code jobs} (one thread: runs never overlap). */
  public void schedule(ScheduledExecutorService jobs) {
    schedule(jobs, SIZE_CHECK);
  }

  void schedule(ScheduledExecutorService jobs, Duration sizeCheck) {
    if (dailyAt != null) {
      scheduleDaily(jobs);
    }
    if (aboveBytes > 0) {
      jobs.scheduleWithFixedDelay(() -> {
        long size = db.h2FileBytes();
        if (due(size, aboveBytes, compactedBytes)) {
          run("the file is " + size + " bytes, over " + aboveBytes);
        }
      }, sizeCheck.toMillis(), sizeCheck.toMillis(), TimeUnit.MILLISECONDS);
      // run() lets nothing escape: a Throwable here would cancel the size check for good, silently
    }
  }

  private void scheduleDaily(ScheduledExecutorService jobs) {
    ZonedDateTime now = ZonedDateTime.now(clock);
    Duration wait = untilNext(now, dailyAt);
    // with its zone: "local time" is the clock's, and an operator should see which one it is
    LOG.info("H2 file: next daily compaction at {}", now.plus(wait));
    jobs.schedule(() -> {
      try {
        run("daily at " + dailyAt);
      } finally {
        if (!jobs.isShutdown()) {
          scheduleDaily(jobs);
        }
      }
    }, wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Whether a file of {@code size} bytes is due for compaction: over {@code above}, and more than
   * twice what the last compaction left, so that live data over the limit is not compacted again
   * every minute.
   */
  static boolean due(long size, long above, long compacted) {
    return size > above && size > 2 * compacted;
  }

  /** From {@code now} to the next {@code at} of the local day, strictly later (tomorrow's when it is {@code at} now). */
  static Duration untilNext(ZonedDateTime now, LocalTime at) {
    ZonedDateTime next = now.toLocalDate().atTime(at).atZone(now.getZone());
    if (!next.isAfter(now)) {
      next = now.toLocalDate().plusDays(1).atTime(at).atZone(now.getZone());
    }
    return Duration.between(now, next);
  }

  /** One compaction; logs what went wrong, throws nothing (an escaping Error cancelled its schedule for good). */
  private void run(String why) {
    try {
      long start = clock.millis();
      db.compact(MAX_WAIT).ifPresentOrElse(c -> {
        compactedBytes = c.bytesAfter();
        LOG.info("H2 file compacted while running ({}): {} → {} bytes in {} ms", why, c.bytesBefore(),
            c.bytesAfter(), clock.millis() - start);
        if (aboveBytes > 0 && c.bytesAfter() > aboveBytes) {
          LOG.warn("The H2 file's live data ({} bytes) is over db.compact.above.mb: raise it, or move to PostgreSQL",
              c.bytesAfter());
        }
      }, () -> LOG.warn("H2 compaction skipped ({}): running work did not finish within {}", why, MAX_WAIT));
    } catch (RuntimeException | Error e) {
      LOG.error("H2 compaction failed ({})", why, e);
    }
  }
}
