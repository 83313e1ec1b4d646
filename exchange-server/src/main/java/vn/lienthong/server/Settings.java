package vn.lienthong.server;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.sample.pki.CaUrls;

/**
 * Reads the hub's configuration from, in rising precedence: built-in defaults, a properties file
 * ({@code --config=FILE}, else {@code ./hub.properties} when present), environment variables
 * ({@code LIENTHONG_HUB_} + the key in upper case with {@code .} and {@code -} as {@code _}, e.g.
 * {@code LIENTHONG_HUB_DB_URL}) and flags ({@code --db.url=…}).
 */
public final class Settings {

  /** The demo hub's auditor: Hội đồng nhân dân tỉnh, which supervises the province's committee. */
  public static final String DEMO_AUDITOR = "000.00.01.H49";

  /** A time later than any this hub will run at: a duration must still add to it. */
  private static final Instant LATEST_NOW = Instant.parse("3000-01-01T00:00:00Z");

  /** Every key, with its default and meaning (printed by {@code --help}). */
  public static final Map<String, String[]> KEYS = keys();

  private final Map<String, String> values;

  private Settings(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  private static Map<String, String[]> keys() {
    Map<String, String[]> k = new LinkedHashMap<>();
    k.put("demo", new String[] {"true", "demo defaults: sample PKI for TLS, sample CA services, the 970 sample units"});
    k.put("host", new String[] {"127.0.0.1", "interface to listen on"});
    k.put("port", new String[] {"8443", "HTTPS port (0: any free port)"});
    k.put("data.dir", new String[] {"./data", "H2 database and payload store"});
    k.put("backup.dir", new String[] {"", "where POST /backup writes online backups (H2); empty: backups/ beside "
        + "data.dir"});
    k.put("db.url", new String[] {"", "JDBC URL (jdbc:postgresql://…); empty: H2 under data.dir"});
    k.put("db.user", new String[] {"", "database user"});
    k.put("db.password", new String[] {"", "database password"});
    k.put("db.pool", new String[] {"16", "database connections"});
    k.put("tls.keystore", new String[] {"", "PKCS#12 file with the hub's TLS key and chain (not demo)"});
    k.put("tls.password", new String[] {"", "its password"});
    k.put("tls.trust", new String[] {"", "PEM file of the roots client certificates must chain to (not demo)"});
    k.put("admins", new String[] {"000.00.00.H49", "OrganIds whose system certificates are administrators"});
    k.put("hub.id", new String[] {"hub.H49", "the identifier the hub writes in trace headers"});
    k.put("lease.seconds", new String[] {"300", "how long a handed-out message stays reserved"});
    k.put("max.envelope.mb", new String[] {"2048", "largest envelope accepted, in MiB"});
    k.put("retention.days", new String[] {"0", "days confirmed messages are kept; 0 keeps them forever"});
    k.put("db.compact.at", new String[] {"03:00", "local time (HH:mm) the embedded H2 file is compacted every day "
        + "while the hub runs (work waits for it); off: not daily"});
    k.put("db.compact.above.mb", new String[] {"1024", "the embedded H2 file is also compacted while the hub runs "
        + "when it grows past this size (looked at every minute); 0: not by size"});
    k.put("audit.tsa", new String[] {"", "RFC 3161 TSA anchoring the audit log; empty: the sample TSA in demo mode, "
        + "else none"});
    k.put("audit.anchor.minutes", new String[] {"60", "minutes between audit anchors"});
    k.put("auditors", new String[] {"", "OrganIds whose system certificates are auditors (read the audit log, any "
        + "document's traces and evidence); empty: " + DEMO_AUDITOR + " in demo mode, else none"});
    k.put("evidence.seal.keystore", new String[] {"", "PKCS#12 file with the hub's seal key and chain, which signs "
        + "receipts and evidence; empty: the sample PKI's hub-seal in demo mode, else no signed evidence"});
    k.put("evidence.seal.pkcs11", new String[] {"", "instead of a key store: a SunPKCS11 configuration file "
        + "(library, slot) of the token that holds the seal key and its chain; the key never leaves it"});
    k.put("evidence.seal.password", new String[] {"", "the key store's password, or the token's user PIN"});
    k.put("evidence.seal.alias", new String[] {"", "the seal key's alias (label on a token); empty: the only key"});
    k.put("evidence.tsa", new String[] {"", "RFC 3161 TSA time-stamping receipts and evidence; empty: the sample "
        + "TSA in demo mode"});
    k.put("revocation.cache.seconds", new String[] {"300", "how long an OCSP/CRL answer about a caller's "
        + "certificate is reused"});
    k.put("revocation.unavailable", new String[] {"accept", "when neither OCSP nor CRL answers about a caller's "
        + "certificate: accept (on the registry's status, logged as a warning) or refuse"});
    k.put("wss.skew.seconds", new String[] {"300", "how far a WS-Security Timestamp may lie in the past or future"});
    k.put("intake.policy", new String[] {"decree30", "policy PDF attachments must pass: decree30, or a policy "
        + "properties file (ValidationPolicy.load)"});
    k.put("intake.envelope.sha1", new String[] {"refuse", "envelopes signed with SHA-1: refuse, or warn (accept, "
        + "audit a warning)"});
    k.put("intake.when-unavailable", new String[] {"accept", "when OCSP/CRL are down: accept (checks pending, "
        + "re-run later, alert raised) or refuse (VERIFICATION_UNAVAILABLE)"});
    k.put("intake.recheck.minutes", new String[] {"5", "minutes between runs of the pending checks"});
    k.put("shutdown.drain.seconds", new String[] {"30", "on stop (SIGTERM), how long requests in progress may "
        + "finish while new ones are refused (503); 0: cut off at once"});
    return java.util.Collections.unmodifiableMap(k);
  }

  /** Reads the settings for {@code args} and {@code env}. */
  public static Settings read(String[] args, Map<String, String> env) throws IOException {
    Map<String, String> v = new LinkedHashMap<>();
    KEYS.forEach((key, def) -> v.put(key, def[0]));
    Map<String, String> flags = new LinkedHashMap<>();
    for (String a : args) {
      if (!a.startsWith("--") || !a.contains("=")) {
        throw new IllegalArgumentException("Expected --key=value, got " + a);
      }
      flags.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
    }
    boolean named = flags.containsKey("config");
    Path file = named ? Path.of(flags.remove("config")) : Path.of("hub.properties");
    if (named && !Files.isRegularFile(file)) {
      // a typo or an unmounted volume must not start the hub on its defaults (demo: the sample roots)
      throw new IllegalArgumentException("config: no such file " + file.toAbsolutePath());
    }
    if (Files.isRegularFile(file)) {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(r);
      }
      p.stringPropertyNames().forEach(key -> v.put(known(key), p.getProperty(key).strip()));
    }
    for (String key : KEYS.keySet()) {
      String name = "LIENTHONG_HUB_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
      if (env.containsKey(name)) {
        v.put(key, env.get(name).strip());
      }
    }
    flags.forEach((key, value) -> v.put(known(key), value.strip()));
    return new Settings(v);
  }

  private static String known(String key) {
    if (!KEYS.containsKey(key)) {
      throw new IllegalArgumentException("Unknown setting '" + key + "'; known: " + String.join(", ", KEYS.keySet()));
    }
    return key;
  }

  /** A setting's value. */
  public String get(String key) {
    return values.get(known(key));
  }

  /** Whether the demo defaults are on. */
  public boolean demo() {
    return bool("demo");
  }

  /** A true/false setting; anything else is refused naming the key (not read as false). */
  private boolean bool(String key) {
    String v = get(key);
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(v);
    }
    throw new IllegalArgumentException(key + " must be true or false, not '" + v + "'");
  }

  /** A whole-number setting; anything else is refused naming the key. */
  private long number(String key) {
    String v = get(key);
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, not '" + v + "'", e);
    }
  }

  /** A whole number that fits an {@code int} (a port, a pool size); anything else is refused naming the key. */
  private int intNumber(String key) {
    long n = number(key);
    if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(key + " is out of range: " + n);
    }
    return (int) n;
  }

  /** A size in MiB, in bytes; one that does not fit (it wrapped around into another size) is refused naming the key. */
  private long mebibytes(String key) {
    try {
      return Math.multiplyExact(number(key), 1L << 20);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(key + " is out of range: " + get(key) + " MiB", e);
    }
  }

  /**
   * A number of {@code unit}s; one so large that the hub could not add it to a time it may run at
   * (and twice it: the replay cache keeps rows twice the skew) is refused naming the key.
   */
  private Duration duration(String key, ChronoUnit unit) {
    long n = number(key);
    try {
      Duration d = Duration.of(n, unit);
      LATEST_NOW.plus(d.multipliedBy(2));
      return d;
    } catch (ArithmeticException | DateTimeException e) {
      throw new IllegalArgumentException(key + " is out of range: " + n, e);
    }
  }

  /** A local time of day, {@code HH:mm} (or {@code HH:mm:ss}), or {@code off} (null); anything else is refused naming the key. */
  private LocalTime timeOfDay(String key) {
    String v = get(key);
    if (v.equalsIgnoreCase("off")) {
      return null;
    }
    try {
      return LocalTime.parse(v);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(key + " must be a time of day as HH:mm (e.g. 03:00) or off, not '" + v + "'", e);
    }
  }

  /** The hub configuration these settings describe. */
  public HubConfig config() {
    return HubConfig.builder()
        .host(get("host"))
        .port(intNumber("port"))
        .dataDir(Path.of(get("data.dir")))
        .database(emptyToNull("db.url"), get("db.user"), get("db.password"))
        .poolSize(intNumber("db.pool"))
        .demo(demo())
        .tlsFiles(path("tls.keystore"), get("tls.password"), path("tls.trust"))
        .administrators(organIds("admins"))
        .hubOrganId(OrganId.of(get("hub.id")))
        .lease(duration("lease.seconds", ChronoUnit.SECONDS))
        .maxEnvelopeBytes(mebibytes("max.envelope.mb"))
        .retention(duration("retention.days", ChronoUnit.DAYS))
        .compactAt(timeOfDay("db.compact.at"))
        .compactAbove(mebibytes("db.compact.above.mb"))
        .auditAnchoring(auditTsa(), duration("audit.anchor.minutes", ChronoUnit.MINUTES))
        .auditors(auditors())
        .intake(intake())
        .shutdownDrain(duration("shutdown.drain.seconds", ChronoUnit.SECONDS))
        .backupDir(path("backup.dir"))
        .build();
  }

  /** The units that hold the auditor role ({@code auditors}; demo: {@link #DEMO_AUDITOR}). */
  public Set<OrganId> auditors() {
    Set<OrganId> auditors = organIds("auditors");
    return auditors.isEmpty() && demo() ? Set.of(OrganId.of(DEMO_AUDITOR)) : auditors;
  }

  private Set<OrganId> organIds(String key) {
    return Arrays.stream(get(key).split(",")).map(String::strip).filter(s -> !s.isEmpty())
        .map(OrganId::of).collect(Collectors.toUnmodifiableSet());
  }

  /** The TSA of receipts and evidence ({@code evidence.tsa}; demo: the sample TSA), or null. */
  public URI evidenceTsa() {
    String s = emptyToNull("evidence.tsa");
    if (s != null) {
      return URI.create(s);
    }
    return demo() ? CaUrls.loopback(CaUrls.DEMO_PORT).tsa() : null;
  }

  /** The caller checks' settings (revocation cache and policy, WS-Security timestamp skew). */
  public vn.lienthong.server.auth.SecurityConfig security() {
    String policy = get("revocation.unavailable").strip().toUpperCase(Locale.ROOT);
    if (!policy.equals("ACCEPT") && !policy.equals("REFUSE")) {
      throw new IllegalArgumentException("revocation.unavailable must be accept or refuse, not " + policy);
    }
    return new vn.lienthong.server.auth.SecurityConfig(
        duration("revocation.cache.seconds", ChronoUnit.SECONDS),
        vn.lienthong.server.auth.SecurityConfig.WhenUnavailable.valueOf(policy),
        duration("wss.skew.seconds", ChronoUnit.SECONDS));
  }

  /** The intake policy of {@code intake.*}. */
  public vn.lienthong.server.intake.IntakePolicy intake() {
    String policy = get("intake.policy").strip();
    vn.lienthong.core.validation.ValidationPolicy pdf;
    if (policy.isEmpty() || policy.equalsIgnoreCase("decree30")) {
      pdf = vn.lienthong.core.validation.ValidationPolicy.decree30();
    } else {
      try (java.io.InputStream in = Files.newInputStream(Path.of(policy))) {
        pdf = vn.lienthong.core.validation.ValidationPolicy.load(in);
      } catch (IOException e) {
        throw new IllegalArgumentException("intake.policy: cannot read " + policy + ": " + e.getMessage(), e);
      }
    }
    return new vn.lienthong.server.intake.IntakePolicy(pdf,
        choice(vn.lienthong.server.intake.IntakePolicy.EnvelopeSha1.class, "intake.envelope.sha1"),
        choice(vn.lienthong.server.intake.IntakePolicy.WhenUnavailable.class, "intake.when-unavailable"),
        duration("intake.recheck.minutes", ChronoUnit.MINUTES));
  }

  private <E extends Enum<E>> E choice(Class<E> type, String key) {
    String v = get(key).strip().toUpperCase(Locale.ROOT).replace('-', '_');
    try {
      return Enum.valueOf(type, v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": '" + get(key) + "' is not one of "
          + Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
          .collect(Collectors.joining(", ")), e);
    }
  }

  private URI auditTsa() {
    String s = emptyToNull("audit.tsa");
    if (s != null) {
      return URI.create(s);
    }
    return demo() ? CaUrls.loopback(CaUrls.DEMO_PORT).tsa() : null;
  }

  private String emptyToNull(String key) {
    String s = get(key);
    return s == null || s.isBlank() ? null : s;
  }

  private Path path(String key) {
    String s = emptyToNull(key);
    return s == null ? null : Path.of(s);
  }
}
