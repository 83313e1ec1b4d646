package vn.lienthong.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently the client retries a call that failed on the network or with
 * {@link FaultCode#UNAVAILABLE}: at most {@code maxAttempts} attempts, waiting {@code initialDelay}
 * then twice as long each time, never more than {@code maxDelay}.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {

  /** Five attempts, 0.5 s, 1 s, 2 s, 4 s apart. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30));
  /** One attempt. */
  public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay");
    }
  }

  /** The wait before attempt {@code attempt} (2 for the first retry). */
  Duration delayBefore(int attempt) {
    Duration d = initialDelay;
    Duration half = maxDelay.dividedBy(2);
    for (int i = 2; i < attempt && !d.isZero() && d.compareTo(maxDelay) < 0; i++) {
      d = d.compareTo(half) > 0 ? maxDelay : d.multipliedBy(2); // doubling past a long bound overflowed
    }
    return d.compareTo(maxDelay) > 0 ? maxDelay : d;
  }
}
