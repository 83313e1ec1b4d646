package vn.lienthong.bench.hub;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.OptionalInt;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The warm-up before a measured window: at least a minimum, then until the JIT compilers' backlog
 * is gone (their queues empty, the compilers mostly idle), or a maximum.
 *
 * <p>Why: on two cores under full load the compiler threads get a small share of the CPU, and in
 * the first minutes C2 tasks waited 25–80 s in the queue. After a fixed two minutes, hot loops
 * such as CXF's MIME boundary scan and the JDK's Base64 encoder sometimes still ran interpreted
 * (44 % of one profiled run's samples), which made that run 30–50 % slower than the next. Once
 * the backlog is gone the queue still fills and empties as cooler methods become hot (C2 compiles
 * about ten methods a second for minutes), so the test is: the queues seen empty, and the
 * compilers busy for under a tenth of the last {@link #WINDOW_MS} (their threads' CPU time). One
 * empty sample was not enough: a run whose queue was seen empty at 110 s compiled for 31 s of its
 * 30 s window and measured a third low; fifteen seconds of empty samples were too much, as the
 * queue refills every few seconds for the rest of a run.
 */
final class WarmUp {

  private static final long STEP_MS = 1000;
  /** How far back the compilers' activity is looked at. */
  static final long WINDOW_MS = 15_000;
  /**
   * The share of that window the compiler threads may have used. At a quarter a run ended its
   * warm-up at 353 s and its compilers still took 23 % of a core in the window (6.8 ms per
   * document); after 8 minutes they took 2–3 %.
   */
  static final double BUSY_AT_MOST = 0.10;

  /** How the warm-up ended: its length, and whether the JIT's queues drained (false: the maximum ran out). */
  record Outcome(Duration length, boolean drained) {
    String describe() {
      return String.format("warm-up %d s, %s", length.toSeconds(),
          drained ? "until the JIT compilers' queues were empty and they mostly idle" : "the JIT compilers still "
              + "busy when it ran out (figures are low if the JIT's time in the window below is a large share of it)");
    }
  }

  private WarmUp() {}

  /**
   * Sleeps at least {@code minimum}, then until the JIT's queues are empty and its compilers were
   * mostly idle over the last {@link #WINDOW_MS}, or {@code maximum} is over; a {@code maximum} not
   * above {@code minimum} is a fixed warm-up.
   */
  static Outcome run(Duration minimum, Duration maximum) throws InterruptedException {
    return run(minimum, maximum, WarmUp::queuedCompilations, WarmUp::compilersBusyMs, System::nanoTime,
        Thread::sleep);
  }

  /**
   * Sleeps through {@code sleeper}; the queue, the compilers' busy milliseconds so far and the clock are
   * parameters for the test.
   */
  static Outcome run(Duration minimum, Duration maximum, Supplier<OptionalInt> queued, LongSupplier compiledMs,
      LongSupplier nanos, Sleeper sleeper) throws InterruptedException {
    long start = nanos.getAsLong();
    Deque<long[]> history = new ArrayDeque<>(); // {elapsed ms, compilers' busy ms}, oldest first
    while (true) {
      long elapsedMs = (nanos.getAsLong() - start) / 1_000_000;
      history.addLast(new long[] {elapsedMs, compiledMs.getAsLong()});
      // keep the newest sample at least WINDOW_MS old as the first (sleeps overrun, so samples are
      // not a whole number of steps apart)
      while (history.size() > 1 && elapsedMs - second(history)[0] >= WINDOW_MS) {
        history.removeFirst();
      }
      if (elapsedMs >= minimum.toMillis()) {
        OptionalInt n = queued.get();
        long[] first = history.peekFirst();
        boolean seenLongEnough = elapsedMs - first[0] >= WINDOW_MS;
        boolean quiet = seenLongEnough && history.peekLast()[1] - first[1] <= BUSY_AT_MOST * (elapsedMs - first[0]);
        boolean drained = n.isPresent() && n.getAsInt() == 0 && quiet;
        if (drained || elapsedMs >= maximum.toMillis() || n.isEmpty()) {
          return new Outcome(Duration.ofMillis(elapsedMs), drained);
        }
      }
      sleeper.sleep(STEP_MS);
    }
  }

  private static long[] second(Deque<long[]> history) {
    Iterator<long[]> it = history.iterator();
    it.next();
    return it.next();
  }

  /**
   * The compiler threads' CPU milliseconds so far ({@code /proc/self/task}), else the JVM's total
   * compilation time, which counts a compile's wall time: under this load a compiler thread waits
   * for a core, and that time was about three times its CPU.
   */
  private static long compilersBusyMs() {
    long cpu = Probe.compilerThreadsCpuMs();
    return cpu >= 0 ? cpu : ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
  }

  /**
   * Methods waiting in this JVM's JIT queues (the DiagnosticCommand MBean's {@code
   * compilerQueue}, as {@code jcmd} prints it), or empty where HotSpot does not offer it.
   */
  static OptionalInt queuedCompilations() {
    try {
      Object text = ManagementFactory.getPlatformMBeanServer().invoke(
          new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerQueue",
          new Object[] {new String[0]}, new String[] {String[].class.getName()});
      return OptionalInt.of(countQueued(String.valueOf(text)));
    } catch (JMException | RuntimeException e) {
      return OptionalInt.empty();
    }
  }

  /** Counts the task lines under the "… compile queue:" headings (not the compiles in progress). */
  static int countQueued(String compilerQueue) {
    int n = 0;
    boolean inQueue = false;
    for (String line : compilerQueue.split("\n")) {
      String l = line.strip();
      if (l.endsWith("compile queue:")) {
        inQueue = true;
      } else if (l.endsWith(":")) {
        inQueue = false;
      } else if (inQueue && !l.isEmpty() && Character.isDigit(l.charAt(0))) {
        n++;
      }
    }
    return n;
  }

  /** {@link Thread#sleep(long)}, replaceable in the test. */
  interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }
}
