package vn.lienthong.bench.hub;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The load generator's options, from {@code --key=value} arguments (see {@link #USAGE}).
 *
 * @param clients concurrent unit clients (threads, each with its own {@code ExchangeClient})
 * @param units how many units the clients act as (client {@code i} is unit {@code i % units})
 * @param mix {@code null} for the document cycle, else the weights of send, poll, fetch, confirm
 * @param documentKib size of the PDF attached to each document
 * @param fanOut recipients per document
 * @param warmUp how long to run at least before measuring
 * @param warmUpMax how long to run at most before measuring while the JIT compilers are busy ({@link WarmUp})
 * @param duration how long to measure
 * @param jdbcUrl the hub's database in process: null for H2 in a temporary directory
 * @param pgAdminUrl a PostgreSQL maintenance database: the hub gets a fresh database there
 * @param hubUrl an external hub (demo PKI) instead of one in process
 * @param hubPid the external hub's process id, for its CPU time and resident memory
 * @param fanOutAll when positive, the scenario "one document to every unit", repeated that often
 * @param label the scenario's name in the report
 * @param markdown a file the report's markdown row is appended to (null: none)
 * @param pdf a file to attach instead of a generated signed PDF (null: generated)
 * @param evidence whether the hub in process seals a receipt for every accepted message and
 *     time-stamps it at the sample TSA, as {@code java -jar} on the server's jar does
 * @param history confirmed documents written into each unit's inbox before the load ({@link History})
 */
record LoadOptions(int clients, int units, Mix mix, int documentKib, int fanOut, Duration warmUp, Duration warmUpMax,
    Duration duration,
    String jdbcUrl, String jdbcUser, String jdbcPassword, String pgAdminUrl, String hubUrl, long hubPid,
    int fanOutAll, String label, Path markdown, Path pdf, boolean evidence, int history) {

  static final String USAGE = """
      java -cp exchange-bench/target/classes:$(cat exchange-bench/target/hub.classpath) vn.lienthong.bench.hub.HubLoad [--key=value …]
        --clients=16          concurrent unit clients (threads, one ExchangeClient each)
        --units=16            units the clients act as (client i is unit i mod units; at most the PKI's units)
        --mix=cycle           cycle: send, then poll/fetch/confirm own inbox; or weights, e.g. send:1,poll:1,fetch:1,confirm:2
        --doc-kib=100         size of the signed PDF attached to each document
        --pdf=FILE            attach this file instead of a generated signed PDF
        --fan-out=1           recipients per document
        --warm-up=10s         run at least this long before measuring; --duration=30s measured
        --warm-up-max=10m     ... and then on until the JIT compilers are idle, at most this long (= --warm-up: fixed)
        --jdbc=URL            hub database (default H2 in a temporary directory); --jdbc-user, --jdbc-password
        --pg-admin=URL        PostgreSQL maintenance database: a fresh database is created there (user/password as above)
        --hub=URL             an external hub in demo mode (java -jar exchange-server.jar) instead of one in process
        --hub-pid=PID         the external hub's process: its CPU time and VmHWM are reported
        --fan-out-all=N       scenario: N times one document to every unit (000.00.00.H49/**), time to accept
        --label=NAME          the scenario's name in the report; --markdown=FILE appends the report's table row
        --evidence=on         the hub in process seals and time-stamps a receipt per message, as java -jar does; off: none
        --history=0           confirmed documents in each unit's inbox before the load (a hub that ran for a year)
      """;

  static LoadOptions parse(String[] args) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String a : args) {
      if (!a.startsWith("--") || !a.contains("=")) {
        throw new IllegalArgumentException("not --key=value: " + a + "\n" + USAGE);
      }
      m.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
    }
    int clients = Integer.parseInt(m.getOrDefault("clients", "16"));
    LoadOptions o = new LoadOptions(clients, Integer.parseInt(m.getOrDefault("units", String.valueOf(clients))),
        Mix.parse(m.getOrDefault("mix", "cycle")), Integer.parseInt(m.getOrDefault("doc-kib", "100")),
        Integer.parseInt(m.getOrDefault("fan-out", "1")), duration(m.getOrDefault("warm-up", "10s")),
        duration(m.getOrDefault("warm-up-max", "10m")), duration(m.getOrDefault("duration", "30s")), m.get("jdbc"),
        m.getOrDefault("jdbc-user", "postgres"), m.getOrDefault("jdbc-password", ""), m.get("pg-admin"), m.get("hub"),
        Long.parseLong(m.getOrDefault("hub-pid", "0")), Integer.parseInt(m.getOrDefault("fan-out-all", "0")),
        m.getOrDefault("label", "throughput"), m.containsKey("markdown") ? Path.of(m.get("markdown")) : null,
        m.containsKey("pdf") ? Path.of(m.get("pdf")) : null, onOff(m.getOrDefault("evidence", "on")),
        Integer.parseInt(m.getOrDefault("history", "0")));
    m.keySet().removeAll(java.util.Set.of("clients", "units", "mix", "doc-kib", "fan-out", "warm-up", "warm-up-max",
        "duration", "jdbc", "jdbc-user", "jdbc-password", "pg-admin", "hub", "hub-pid", "fan-out-all", "label", "markdown", "pdf",
        "evidence", "history"));
    if (!m.isEmpty()) {
      throw new IllegalArgumentException("unknown options " + m.keySet() + "\n" + USAGE);
    }
    if (o.history < 0 || o.history > 0 && o.hubUrl != null) {
      throw new IllegalArgumentException("--history needs a hub in this process (not --hub) and a count ≥ 0\n" + USAGE);
    }
    if (o.clients < 1 || o.units < 2 || o.fanOut < 1 || o.fanOut >= o.units || o.documentKib < 1) {
      throw new IllegalArgumentException("need clients, doc-kib ≥ 1, units ≥ 2 and 1 ≤ fan-out < units\n" + USAGE);
    }
    return o;
  }

  private static boolean onOff(String s) {
    return switch (s) {
      case "on" -> true;
      case "off" -> false;
      default -> throw new IllegalArgumentException("--evidence is on or off: " + s + "\n" + USAGE);
    };
  }

  static Duration duration(String s) {
    if (s.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
    }
    if (s.endsWith("m")) {
      return Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)));
    }
    return Duration.ofSeconds(Long.parseLong(s.endsWith("s") ? s.substring(0, s.length() - 1) : s));
  }

  /** The database the report names. */
  String database() {
    if (hubUrl != null) {
      return "external hub";
    }
    return pgAdminUrl != null || jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:") ? "PostgreSQL" : "H2";
  }

  /** The weights of the four operations; {@code null} {@link #parse} result means the cycle. */
  record Mix(double send, double poll, double fetch, double confirm) {
    static Mix parse(String s) {
      if (s.equals("cycle")) {
        return null;
      }
      Map<String, Double> w = new LinkedHashMap<>();
      for (String part : s.split(",")) {
        String[] kv = part.split(":");
        w.put(kv[0].trim(), Double.parseDouble(kv[1]));
      }
      Mix mix = new Mix(w.getOrDefault("send", 0.0), w.getOrDefault("poll", 0.0), w.getOrDefault("fetch", 0.0),
          w.getOrDefault("confirm", 0.0));
      if (mix.send + mix.poll + mix.fetch + mix.confirm <= 0) {
        throw new IllegalArgumentException("a mix needs a positive weight: " + s);
      }
      return mix;
    }

    /** The operation for a uniform draw {@code u} in [0, 1). */
    Op pick(double u) {
      double x = u * (send + poll + fetch + confirm);
      if ((x -= send) < 0) {
        return Op.SEND;
      }
      if ((x -= poll) < 0) {
        return Op.POLL;
      }
      return x - fetch < 0 ? Op.FETCH : Op.CONFIRM;
    }

    @Override
    public String toString() {
      return "send:" + send + ",poll:" + poll + ",fetch:" + fetch + ",confirm:" + confirm;
    }
  }

  /** The operations of the hub the generator measures. */
  enum Op { SEND, POLL, FETCH, CONFIRM }
}
