package vn.lienthong.server.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * The hub's metrics in the Prometheus text format (version 0.0.4): the alerts
 * ({@code lienthong_alert{name="…"} 0|1}, {@code lienthong_alert_raised_total}), the counters
 * ({@code lienthong_<name>_total}) and gauges registered by the hub's parts (e.g.
 * {@code lienthong_pending_checks}).
 */
public final class Metrics {

  private static final Pattern METRIC = Pattern.compile("[a-z_][a-z0-9_]*");

  private record Gauge(String help, LongSupplier value) {}

  private final Alerts alerts;
  private final Map<String, Gauge> gauges = new LinkedHashMap<>();

  public Metrics(Alerts alerts) {
    this.alerts = Objects.requireNonNull(alerts, "alerts");
  }

  /** Registers a gauge read at each scrape; call while the hub starts. */
  public synchronized Metrics gauge(String name, String help, LongSupplier value) {
    if (!METRIC.matcher(name).matches()) {
      throw new IllegalArgumentException("not a metric name: " + name);
    }
    gauges.put(name, new Gauge(Objects.requireNonNull(help, "help"), Objects.requireNonNull(value, "value")));
    return this;
  }

  /** The text a scrape returns. A gauge that fails is left out (and counted). */
  public synchronized String render() {
    StringBuilder b = new StringBuilder();
    gauges.forEach((name, g) -> {
      long v;
      try {
        v = g.value().getAsLong();
      } catch (RuntimeException e) {
        alerts.count("metrics-gauge-failures");
        return;
      }
      b.append("# HELP ").append(name).append(' ').append(g.help()).append('\n');
      b.append("# TYPE ").append(name).append(" gauge\n");
      b.append(name).append(' ').append(v).append('\n');
    });
    Map<String, Alerts.State> states = alerts.states();
    b.append("# HELP lienthong_alert Whether an alert is raised (1) or not (0)\n# TYPE lienthong_alert gauge\n");
    states.forEach((n, s) -> b.append("lienthong_alert{name=\"").append(n).append("\"} ").append(s.raised() ? 1 : 0)
        .append('\n'));
    b.append("# HELP lienthong_alert_raised_total How often an alert was raised\n")
        .append("# TYPE lienthong_alert_raised_total counter\n");
    states.forEach((n, s) -> b.append("lienthong_alert_raised_total{name=\"").append(n).append("\"} ")
        .append(s.timesRaised()).append('\n'));
    alerts.counters().forEach((n, v) -> {
      String name = "lienthong_" + n.replace('-', '_') + "_total";
      b.append("# TYPE ").append(name).append(" counter\n").append(name).append(' ').append(v).append('\n');
    });
    return b.toString();
  }
}
