package vn.lienthong.bench.hub;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import vn.lienthong.bench.hub.LoadOptions.Op;

/** A run's result as text and as one row of the markdown table {@link #MARKDOWN_HEADER} heads. */
record Report(String text, String markdownRow) {

  static final String MARKDOWN_HEADER = """
      | scenario | hub | clients × units | docs/s | CPU ms/doc | send p50/p90/p99 ms | poll | fetch | confirm | errors | heap peak |
      | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |""";

  Report(LoadOptions o, int units, long pdfBytes, Stats s, Probe.Result r) {
    this(text(o, units, pdfBytes, s, r), row(o, units, s, r));
  }

  private static String text(LoadOptions o, int units, long pdfBytes, Stats s, Probe.Result r) {
    StringBuilder b = new StringBuilder();
    b.append(String.format("measured %.1f s: %d documents sent (%.1f/s), %d deliveries fetched and confirmed "
        + "(%.1f documents/s)%n", r.seconds(), s.sent(), s.sent() / r.seconds(), s.delivered(),
        s.delivered() / r.seconds()));
    for (Op op : Op.values()) {
      var l = s.latencies(op);
      b.append(String.format("  %-8s %7d calls  p50 %7.1f ms  p90 %7.1f ms  p99 %7.1f ms%n", op.name().toLowerCase(java.util.Locale.ROOT),
          l.count(), l.percentile(50), l.percentile(90), l.percentile(99)));
    }
    b.append("  errors   ").append(s.errors()).append('\n');
    long docs = Math.max(1, s.delivered());
    long calls = 0;
    for (Op op : Op.values()) {
      calls += s.latencies(op).count();
    }
    b.append(String.format("requests: %.2f per document (each one WS-Security-signed call to the hub)%n",
        calls / (double) docs));
    b.append(String.format("CPU: this process %.1f ms per document (load-client threads %.1f, of which envelope "
        + "signing ~%.1f; sample CA services (TSA, OCSP) %.1f; other threads: hub in process, HTTP I/O, GC, JIT "
        + "%.1f)%n", r.processCpuMs() / docs, r.clientThreadsCpuMs() / docs,
        s.signMillisPerDocument() * s.sent() / docs, r.caServicesCpuMs() / docs,
        (r.processCpuMs() - r.clientThreadsCpuMs() - r.caServicesCpuMs()) / docs));
    b.append(r.cpuWithoutJitMs().isPresent()
        ? String.format("CPU: without the JIT compiler threads (%.1f ms/document in the window) %.1f ms per "
            + "document%n", r.compilerCpuMs() / (double) docs, r.cpuWithoutJitMs().getAsDouble() / docs)
        : String.format("CPU: without the JIT compiler threads: n/a (no /proc/self/task on this system)%n"));
    if (r.hubCpuMs() >= 0) {
      b.append(String.format("CPU: external hub %.1f ms per document; hub VmHWM %d MiB%n", r.hubCpuMs() / docs,
          r.hubVmHwmKib() >> 10));
    }
    b.append(String.format("heap peak in this JVM (sampled every 50 ms): %d MiB; JIT %d ms, GC %d ms in the window; "
        + "PDF %d bytes%n", r.heapPeak() >> 20, r.jitMs(), r.gcMs(), pdfBytes));
    return b.toString();
  }

  private static String row(LoadOptions o, int units, Stats s, Probe.Result r) {
    long docs = Math.max(1, s.delivered());
    String cpu = r.hubCpuMs() >= 0 ? String.format("hub %.1f", r.hubCpuMs() / docs)
        : String.format("%.1f (hub + clients; %s without JIT)", r.processCpuMs() / docs,
            r.cpuWithoutJitMs().isPresent() ? String.format("%.1f", r.cpuWithoutJitMs().getAsDouble() / docs) : "n/a");
    String heap = r.hubVmHwmKib() >= 0 ? "hub RSS " + (r.hubVmHwmKib() >> 10) + " MiB"
        : (r.heapPeak() >> 20) + " MiB";
    return String.format("| %s | %s | %d × %d | %.1f | %s | %s | %s | %s | %s | %s | %s |", o.label(), o.database(),
        o.clients(), units, s.delivered() / r.seconds(), cpu, s.latencies(Op.SEND).summary(),
        s.latencies(Op.POLL).summary(), s.latencies(Op.FETCH).summary(), s.latencies(Op.CONFIRM).summary(),
        s.errors(), heap);
  }

  static Report fanOut(LoadOptions o, int recipients, double coldMillis, List<Double> millis) {
    List<Double> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    String range = String.format("%.0f / %.0f / %.0f", sorted.get(0), sorted.get(sorted.size() / 2),
        sorted.get(sorted.size() - 1));
    String text = String.format("one document to %d units, %d times: accepted in min / median / max %s ms"
        + " (after a first send on the fresh hub: %.0f ms)", recipients, millis.size(), range, coldMillis);
    // the row sits under the "send p50/p90/p99 ms" column: say these are min / median / max
    String row = String.format("| %s | %s | 1 → %d units | – | – | min / median / max %s ms (%d sends; the first on the fresh hub %.0f) "
        + "| – | – | – | none | – |", o.label(), o.database(), recipients, range, millis.size(), coldMillis);
    return new Report(text, row);
  }
}
