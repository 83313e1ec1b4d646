package vn.lienthong.bench.hub;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import vn.lienthong.bench.hub.LoadOptions.Op;

/**
 * What the clients measured while recording is on: latencies per operation, documents confirmed
 * by their recipients, errors by code. Thread-safe.
 */
final class Stats {

  private final Map<Op, Latencies> latencies = new EnumMap<>(Op.class);
  private final Map<String, LongAdder> errors = new TreeMap<>();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder sent = new LongAdder();
  private final LongAdder signNanos = new LongAdder();
  private volatile boolean recording;

  Stats() {
    for (Op op : Op.values()) {
      latencies.put(op, new Latencies());
    }
  }

  void recording(boolean on) {
    recording = on;
  }

  boolean recording() {
    return recording;
  }

  void operation(Op op, long nanos) {
    if (recording) {
      latencies.get(op).add(nanos);
      if (op == Op.SEND) {
        sent.increment();
      }
    }
  }

  /** A document fetched and confirmed by one of its recipients. */
  void deliveredOne() {
    if (recording) {
      delivered.increment();
    }
  }

  /** Client-side CPU time to write and sign one envelope (not a hub operation). */
  void signed(long nanos) {
    if (recording) {
      signNanos.add(nanos);
    }
  }

  void error(Op op, String code) {
    if (recording) {
      synchronized (errors) {
        errors.computeIfAbsent(op.name().toLowerCase(java.util.Locale.ROOT) + " " + code, k -> new LongAdder()).increment();
      }
    }
  }

  long delivered() {
    return delivered.sum();
  }

  long sent() {
    return sent.sum();
  }

  double signMillisPerDocument() {
    return sent.sum() == 0 ? 0 : signNanos.sum() / 1e6 / sent.sum();
  }

  Latencies latencies(Op op) {
    return latencies.get(op);
  }

  /** "none" or "code ×n, …". */
  String errors() {
    synchronized (errors) {
      if (errors.isEmpty()) {
        return "none";
      }
      StringBuilder b = new StringBuilder();
      errors.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(" ×").append(v.sum()));
      return b.toString();
    }
  }

  /** Latency samples of one operation (nanoseconds), grown as needed. */
  static final class Latencies {
    private long[] samples = new long[1024];
    private int n;
    private final AtomicLong max = new AtomicLong();

    synchronized void add(long nanos) {
      if (n == samples.length) {
        samples = Arrays.copyOf(samples, n * 2);
      }
      samples[n++] = nanos;
      max.accumulateAndGet(nanos, Math::max);
    }

    synchronized int count() {
      return n;
    }

    /** The {@code p}-th percentile in milliseconds (nearest rank), 0 without samples. */
    synchronized double percentile(double p) {
      if (n == 0) {
        return 0;
      }
      long[] sorted = Arrays.copyOf(samples, n);
      Arrays.sort(sorted);
      int rank = (int) Math.ceil(p / 100 * n);
      return sorted[Math.max(0, Math.min(n - 1, rank - 1))] / 1e6;
    }

    /** "p50/p90/p99 ms" or "–". */
    String summary() {
      return count() == 0 ? "–" : String.format("%.0f / %.0f / %.0f", percentile(50), percentile(90), percentile(99));
    }
  }
}
