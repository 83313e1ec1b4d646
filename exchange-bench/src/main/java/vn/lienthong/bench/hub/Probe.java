package vn.lienthong.bench.hub;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Resource use during the measured window: CPU time of this process (split into the load
 * clients' own threads, the sample CA services' (the TSA and OCSP responder, another machine in
 * production) and all others: the hub in process, HTTP client I/O, GC, JIT), the
 * external hub's CPU time from {@code /proc/PID/stat}, the heap in use sampled every 50 ms, and
 * the peak resident set ({@code VmHWM}) of the external hub.
 */
final class Probe implements AutoCloseable {

  private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux
  private static final int OTHER = 0;
  private static final int LOAD_CLIENT = 1;
  private static final int CA_SERVICES = 2;

  private final long hubPid;
  private final AtomicLong heapPeak = new AtomicLong();
  private final Thread sampler;
  private volatile boolean stopped;

  private Probe(long hubPid) {
    this.hubPid = hubPid;
    this.sampler = new Thread(this::sample, "probe-heap");
    sampler.setDaemon(true);
    sampler.start();
  }

  static Probe start(long hubPid) {
    return new Probe(hubPid);
  }

  private void sample() {
    var memory = ManagementFactory.getMemoryMXBean();
    while (!stopped) {
      heapPeak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Starts measuring. */
  Window open() {
    heapPeak.set(0);
    return new Window(System.nanoTime(), processCpu(), threadCpu(), externalCpu(), jitMillis(), gcMillis(),
        compilerThreadsCpuMs());
  }

  /** The measured window's start. */
  final class Window {
    private final long start;
    private final long cpu;
    private final Map<Long, long[]> threads;
    private final long external;
    private final long jit;
    private final long gc;
    private final long compilerCpu;

    private Window(long start, long cpu, Map<Long, long[]> threads, long external, long jit, long gc,
        long compilerCpu) {
      this.compilerCpu = compilerCpu;
      this.start = start;
      this.cpu = cpu;
      this.threads = threads;
      this.external = external;
      this.jit = jit;
      this.gc = gc;
    }

    Result close() {
      long seconds = System.nanoTime() - start;
      long[] byKind = new long[3];
      for (var e : threadCpu().entrySet()) {
        long[] before = threads.get(e.getKey());
        byKind[(int) e.getValue()[1]] += e.getValue()[0] - (before == null ? 0 : before[0]);
      }
      return new Result(seconds / 1e9, (processCpu() - cpu) / 1e6, byKind[LOAD_CLIENT] / 1e6, byKind[CA_SERVICES] / 1e6,
          hubPid > 0 ? (externalCpu() - external) * 1000.0 / CLOCK_TICKS_PER_SECOND : -1, heapPeak.get(),
          hubPid > 0 ? vmHwmKib() : -1, jitMillis() - jit, gcMillis() - gc,
          compilerCpu < 0 ? -1 : compilerThreadsCpuMs() - compilerCpu);
    }
  }

  /**
   * What the window measured: seconds, CPU milliseconds of this process, of its load-client
   * threads and of the sample CA services' threads, of the external hub (-1 without one), peak heap used here (bytes), external hub's
   * VmHWM (KiB, -1 without one), and this JVM's JIT compilation and GC milliseconds (a JIT still busy
   * means the warm-up was too short).
   */
  record Result(double seconds, double processCpuMs, double clientThreadsCpuMs, double caServicesCpuMs, double hubCpuMs, long heapPeak,
      long hubVmHwmKib, long jitMs, long gcMs, long compilerCpuMs) {

    /** This process's CPU without the JIT compiler threads, or empty where they cannot be told apart. */
    OptionalDouble cpuWithoutJitMs() {
      return compilerCpuMs < 0 ? OptionalDouble.empty()
          : OptionalDouble.of(processCpuMs - compilerCpuMs);
    }
  }

  /** CPU milliseconds of this JVM's JIT compiler threads (from /proc/self/task; -1 without /proc). */
  static long compilerThreadsCpuMs() {
    long ticks = 0;
    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          if (Files.readString(task.resolve("comm")).contains("CompilerThre")) {
            String stat = Files.readString(task.resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
          }
        } catch (IOException gone) {
          // a thread that ended meanwhile
        }
      }
    } catch (IOException | UnsupportedOperationException e) {
      return -1;
    }
    return ticks * 1000 / CLOCK_TICKS_PER_SECOND;
  }

  private static long jitMillis() {
    return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(g -> Math.max(0, g.getCollectionTime()))
        .sum();
  }

  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Thread id → {cpu nanoseconds, kind: {@link #OTHER}, {@link #LOAD_CLIENT} or {@link #CA_SERVICES}}. */
  private static Map<Long, long[]> threadCpu() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<Long, long[]> m = new HashMap<>();
    for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (t != null) {
        long cpu = mx.getThreadCpuTime(t.getThreadId());
        String name = t.getThreadName();
        int kind = name.startsWith("load-client-") ? LOAD_CLIENT : name.startsWith("sample-ca-services") ? CA_SERVICES
            : OTHER;
        m.put(t.getThreadId(), new long[] {Math.max(0, cpu), kind});
      }
    }
    return m;
  }

  private long externalCpu() {
    if (hubPid <= 0) {
      return 0;
    }
    try {
      String stat = Files.readString(Path.of("/proc/" + hubPid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the hub's CPU time: " + e.getMessage(), e);
    }
  }

  private long vmHwmKib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + hubPid + "/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      return -1;
    } catch (IOException e) {
      return -1;
    }
  }

  @Override
  public void close() {
    stopped = true;
    sampler.interrupt();
  }
}
