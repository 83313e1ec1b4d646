package vn.lienthong.server.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The wall clock, except that once {@linkplain #arm armed} the next reading on a thread whose name
 * starts with a prefix throws the given {@link Error} (as an OutOfMemoryError or StackOverflowError
 * would surface inside a background job): a way to make the hub's jobs meet an Error.
 */
public final class TrapClock extends Clock {

  private final String threadPrefix;
  private final AtomicReference<Error> armed = new AtomicReference<>();
  private volatile CountDownLatch fired = new CountDownLatch(1);

  public TrapClock(String threadPrefix) {
    this.threadPrefix = threadPrefix;
  }

  /** The next reading on a matching thread throws {@code error}; {@link #fired()} counts down then. */
  public void arm(Error error) {
    fired = new CountDownLatch(1);
    armed.set(error);
  }

  public CountDownLatch fired() {
    return fired;
  }

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
    if (Thread.currentThread().getName().startsWith(threadPrefix)) {
      Error e = armed.getAndSet(null);
      if (e != null) {
        fired.countDown();
        throw e;
      }
    }
    return Instant.now();
  }
}
