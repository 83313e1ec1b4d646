package vn.lienthong.server.health;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named alerts the hub's parts raise and clear (e.g. {@code ocsp-unavailable}), and counters.
 * A transition logs one line: WARN when an alert is raised, INFO when it is cleared; raising an
 * alert already raised only counts. {@link Metrics} exposes the state to monitoring.
 * Thread-safe; one per hub.
 */
public final class Alerts {

  private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

  /** One alert's state. */
  public record State(boolean raised, long timesRaised, String reason) {}

  private final Map<String, State> states = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

  /** Raises {@code name} (lower case, digits, hyphens) with a reason for the log; true on the transition. */
  public boolean raise(String name, String reason) {
    check(name);
    Objects.requireNonNull(reason, "reason");
    boolean[] transition = {false};
    states.compute(name, (n, s) -> {
      if (s == null || !s.raised()) {
        transition[0] = true;
        return new State(true, (s == null ? 0 : s.timesRaised()) + 1, reason);
      }
      return s;
    });
    if (transition[0]) {
      LOG.warn("ALERT raised {}: {}", name, reason);
    }
    return transition[0];
  }

  /** Clears {@code name}; true on the transition. */
  public boolean clear(String name, String reason) {
    check(name);
    boolean[] transition = {false};
    states.computeIfPresent(name, (n, s) -> {
      if (s.raised()) {
        transition[0] = true;
        return new State(false, s.timesRaised(), reason);
      }
      return s;
    });
    if (transition[0]) {
      LOG.info("ALERT cleared {}: {}", name, reason);
    }
    return transition[0];
  }

  /** Whether {@code name} is raised now. */
  public boolean isRaised(String name) {
    State s = states.get(name);
    return s != null && s.raised();
  }

  /** Every alert ever raised, by name. */
  public Map<String, State> states() {
    return new TreeMap<>(states);
  }

  /** Adds one to counter {@code name} (same naming rule as alerts). */
  public void count(String name) {
    check(name);
    counters.computeIfAbsent(name, n -> new AtomicLong()).incrementAndGet();
  }

  /** The counters, by name. */
  public Map<String, Long> counters() {
    Map<String, Long> m = new TreeMap<>();
    counters.forEach((k, v) -> m.put(k, v.get()));
    return m;
  }

  private static void check(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("alert and counter names are lower case with hyphens: " + name);
    }
  }
}
