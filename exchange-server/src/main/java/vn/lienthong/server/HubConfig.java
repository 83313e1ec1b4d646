package vn.lienthong.server;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;
import java.util.Set;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.server.intake.IntakePolicy;

/**
 * The hub's settings. {@link Settings} reads them from a file, the environment and flags; code
 * builds them with {@link #builder()}, whose defaults are the settings' built-in defaults, and
 * derives one config from another with {@link #toBuilder()}. Every value is checked here, so a
 * wrong one fails when the config is built, not when the hub is half started.
 *
 * @param host the interface to listen on
 * @param port the HTTPS port, 0..65535; 0 picks any free port
 * @param dataDir where the H2 database (default) and the payload store live
 * @param jdbcUrl null for the embedded H2 database under {@code dataDir}
 * @param poolSize database connections, positive
 * @param demo whether {@link Main} starts the demo services (sample PKI, sample CA services, sample
 *     units); {@link Hub#start} itself does not read it
 * @param keyStore PKCS#12 file with the hub's TLS key and chain (when not in demo mode)
 * @param trustAnchors PEM file of the roots client certificates must chain to (when not in demo mode)
 * @param administrators units whose system certificates hold the administrator role
 * @param hubOrganId the identifier the hub writes into trace headers
 * @param lease how long a handed-out message stays reserved for its poller, positive
 * @param maxEnvelopeBytes the largest envelope accepted, positive
 * @param retention how long confirmed messages are kept; zero keeps them forever
 * @param compactAt the local time an H2 database in files is compacted every day while the hub
 *     runs; null: not daily (PostgreSQL ignores it)
 * @param compactAboveBytes an H2 file larger than this is compacted while the hub runs; 0: not by
 *     size (PostgreSQL ignores it)
 * @param auditTsa the RFC 3161 TSA that anchors the audit chain; null: no periodic anchoring
 * @param auditAnchorEvery how often the audit chain is anchored (positive when {@code auditTsa} is set)
 * @param auditors units whose system certificates hold the auditor role
 * @param intake the PDF policy, the SHA-1 envelope rule and what to do when OCSP/CRL are down
 * @param shutdownDrain how long {@link Hub#close} lets the requests in progress finish (new ones are
 *     refused meanwhile) before it stops serving; zero: not at all
 * @param backupDir where online backups go ({@code POST /backup}); null: {@code backups} beside
 *     {@code dataDir}
 */
public record HubConfig(String host, int port, Path dataDir, String jdbcUrl, String jdbcUser, String jdbcPassword,
    int poolSize, boolean demo, Path keyStore, String keyStorePassword, Path trustAnchors, Set<OrganId> administrators,
    OrganId hubOrganId, Duration lease, long maxEnvelopeBytes, Duration retention, LocalTime compactAt,
    long compactAboveBytes, URI auditTsa, Duration auditAnchorEvery, Set<OrganId> auditors, IntakePolicy intake,
    Duration shutdownDrain, Path backupDir) {

  public HubConfig {
    Objects.requireNonNull(host, "host is required");
    check(!host.isBlank(), "host must not be blank");
    check(port >= 0 && port <= 65535, "port must be in 0..65535 (0: any free port), was " + port);
    Objects.requireNonNull(dataDir, "dataDir is required");
    check(poolSize > 0, "poolSize must be positive, was " + poolSize);
    administrators = units(administrators, "administrators");
    Objects.requireNonNull(hubOrganId, "hubOrganId is required");
    check(!Objects.requireNonNull(lease, "lease is required").isNegative() && !lease.isZero(),
        "lease must be positive, was " + lease);
    check(maxEnvelopeBytes > 0, "maxEnvelopeBytes must be positive, was " + maxEnvelopeBytes);
    check(!Objects.requireNonNull(retention, "retention is required").isNegative(),
        "retention must not be negative (zero keeps messages forever), was " + retention);
    check(compactAboveBytes >= 0, "compactAboveBytes must not be negative (0: not by size), was " + compactAboveBytes);
    check(!Objects.requireNonNull(auditAnchorEvery, "auditAnchorEvery is required").isNegative(),
        "auditAnchorEvery must not be negative, was " + auditAnchorEvery);
    check(auditTsa == null || !auditAnchorEvery.isZero(), "auditAnchorEvery must be positive when auditTsa is set");
    auditors = units(auditors, "auditors");
    Objects.requireNonNull(intake, "intake is required");
    check(!Objects.requireNonNull(shutdownDrain, "shutdownDrain is required").isNegative(),
        "shutdownDrain must not be negative (zero: requests in progress are cut off), was " + shutdownDrain);
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  private static Set<OrganId> units(Set<OrganId> units, String name) {
    Objects.requireNonNull(units, name + " is required (empty for none)");
    for (OrganId unit : units) {
      Objects.requireNonNull(unit, name + " must not contain null");
    }
    return Set.copyOf(units);
  }

  /** A builder holding the defaults of {@link Settings#KEYS} (demo on, H2 under {@code ./data}, port 8443 …). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings, to derive another config. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The JDBC URL to use: the configured one, or H2 in {@code dataDir}. */
  public String effectiveJdbcUrl() {
    if (jdbcUrl != null && !jdbcUrl.isBlank()) {
      return jdbcUrl;
    }
    // durability: Database checkpoints every H2 transaction before the hub answers
    return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("hub") + ";LOCK_TIMEOUT=10000";
  }

  /** Where online backups go: {@link #backupDir}, else {@code backups} beside {@code dataDir}. */
  public Path effectiveBackupDir() {
    Path data = dataDir.toAbsolutePath().normalize();
    return backupDir != null ? backupDir : data.getParent() == null ? data.resolve("backups")
        : data.resolveSibling("backups");
  }

  /** Where payloads live. */
  public Path payloadDir() {
    return dataDir.resolve("payloads");
  }

  /**
   * A JDBC URL fit to print: a password in it ({@code password=…} as PgJDBC and H2 take it, or
   * {@code user:password@}) masked.
   */
  public static String maskedUrl(String url) {
    if (url == null) {
      return null;
    }
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("(//[^/:@]*:)[^/@]*@", "$1***@");
  }

  /** The settings, with the passwords masked (also one written into the JDBC URL). */
  @Override
  public String toString() {
    return "HubConfig[host=" + host + ", port=" + port + ", dataDir=" + dataDir + ", jdbcUrl=" + maskedUrl(jdbcUrl)
        + ", jdbcUser=" + jdbcUser + ", jdbcPassword=" + mask(jdbcPassword) + ", poolSize=" + poolSize
        + ", demo=" + demo + ", keyStore=" + keyStore + ", keyStorePassword=" + mask(keyStorePassword)
        + ", trustAnchors=" + trustAnchors + ", administrators=" + administrators + ", hubOrganId=" + hubOrganId
        + ", lease=" + lease + ", maxEnvelopeBytes=" + maxEnvelopeBytes + ", retention=" + retention
        + ", compactAt=" + compactAt + ", compactAboveBytes=" + compactAboveBytes + ", auditTsa=" + auditTsa + ", auditAnchorEvery=" + auditAnchorEvery
        + ", auditors=" + auditors + ", intake=" + intake + ", shutdownDrain=" + shutdownDrain
        + ", backupDir=" + backupDir + "]";
  }

  private static String mask(String secret) {
    return secret == null ? "null" : "***";
  }

  /**
   * Builds a {@link HubConfig}. The defaults are those of {@link Settings#KEYS} outside demo mode's
   * derived values: {@link Settings} itself fills the sample TSA ({@code audit.tsa}) and the demo
   * auditor ({@code auditors}) when {@code demo} is on; the builder leaves both empty.
   */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 8443;
    private Path dataDir = Path.of("./data");
    private String jdbcUrl;
    private String jdbcUser;
    private String jdbcPassword;
    private int poolSize = 16;
    private boolean demo = true;
    private Path keyStore;
    private String keyStorePassword;
    private Path trustAnchors;
    private Set<OrganId> administrators = Set.of(OrganId.of("000.00.00.H49"));
    private OrganId hubOrganId = OrganId.of("hub.H49");
    private Duration lease = Duration.ofSeconds(300);
    private long maxEnvelopeBytes = 2048L << 20;
    private Duration retention = Duration.ZERO;
    private LocalTime compactAt = LocalTime.of(3, 0);
    private long compactAboveBytes = 1024L << 20;
    private URI auditTsa;
    private Duration auditAnchorEvery = Duration.ofMinutes(60);
    private Set<OrganId> auditors = Set.of();
    private IntakePolicy intake = IntakePolicy.defaults();
    private Duration shutdownDrain = Duration.ofSeconds(30);
    private Path backupDir;

    private Builder() {}

    private Builder(HubConfig c) {
      host = c.host;
      port = c.port;
      dataDir = c.dataDir;
      jdbcUrl = c.jdbcUrl;
      jdbcUser = c.jdbcUser;
      jdbcPassword = c.jdbcPassword;
      poolSize = c.poolSize;
      demo = c.demo;
      keyStore = c.keyStore;
      keyStorePassword = c.keyStorePassword;
      trustAnchors = c.trustAnchors;
      administrators = c.administrators;
      hubOrganId = c.hubOrganId;
      lease = c.lease;
      maxEnvelopeBytes = c.maxEnvelopeBytes;
      retention = c.retention;
      compactAt = c.compactAt;
      compactAboveBytes = c.compactAboveBytes;
      auditTsa = c.auditTsa;
      auditAnchorEvery = c.auditAnchorEvery;
      auditors = c.auditors;
      intake = c.intake;
      shutdownDrain = c.shutdownDrain;
      backupDir = c.backupDir;
    }

    /** The interface to listen on (default {@code 127.0.0.1}). */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** The HTTPS port (default 8443; 0: any free port). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The H2 database and payload store directory (default {@code ./data}). */
    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    /** The database: a {@code jdbc:postgresql:} URL and its credentials; a null URL (default) is H2 in the data dir. */
    public Builder database(String jdbcUrl, String jdbcUser, String jdbcPassword) {
      this.jdbcUrl = jdbcUrl;
      this.jdbcUser = jdbcUser;
      this.jdbcPassword = jdbcPassword;
      return this;
    }

    /** Database connections (default 16). */
    public Builder poolSize(int poolSize) {
      this.poolSize = poolSize;
      return this;
    }

    /** Whether {@link Main} starts the demo services (default true). */
    public Builder demo(boolean demo) {
      this.demo = demo;
      return this;
    }

    /** The TLS key store (PKCS#12) and its password, and the PEM file of trusted roots, outside demo mode. */
    public Builder tlsFiles(Path keyStore, String keyStorePassword, Path trustAnchors) {
      this.keyStore = keyStore;
      this.keyStorePassword = keyStorePassword;
      this.trustAnchors = trustAnchors;
      return this;
    }

    /** The administrators (default {@code 000.00.00.H49}). */
    public Builder administrators(Set<OrganId> administrators) {
      this.administrators = administrators;
      return this;
    }

    /** The identifier in trace headers (default {@code hub.H49}). */
    public Builder hubOrganId(OrganId hubOrganId) {
      this.hubOrganId = hubOrganId;
      return this;
    }

    /** How long a handed-out message stays reserved (default 300 s). */
    public Builder lease(Duration lease) {
      this.lease = lease;
      return this;
    }

    /** The largest envelope accepted (default 2 GiB). */
    public Builder maxEnvelopeBytes(long maxEnvelopeBytes) {
      this.maxEnvelopeBytes = maxEnvelopeBytes;
      return this;
    }

    /** How long confirmed messages are kept (default zero: forever). */
    public Builder retention(Duration retention) {
      this.retention = retention;
      return this;
    }

    /** When an H2 database in files is compacted every day (default 03:00; null: not daily). */
    public Builder compactAt(LocalTime compactAt) {
      this.compactAt = compactAt;
      return this;
    }

    /** The H2 file size over which it is compacted while running (default 1 GiB; 0: not by size). */
    public Builder compactAbove(long bytes) {
      this.compactAboveBytes = bytes;
      return this;
    }

    /** Anchors the audit chain at {@code tsa} (null, the default: no anchoring) every {@code every} (default 60 min). */
    public Builder auditAnchoring(URI tsa, Duration every) {
      this.auditTsa = tsa;
      this.auditAnchorEvery = every;
      return this;
    }

    /** The auditors (default none). */
    public Builder auditors(Set<OrganId> auditors) {
      this.auditors = auditors;
      return this;
    }

    /** The intake policy (default {@link IntakePolicy#defaults()}). */
    public Builder intake(IntakePolicy intake) {
      this.intake = intake;
      return this;
    }

    /** How long closing lets the requests in progress finish (default 30 s; zero: not at all). */
    public Builder shutdownDrain(Duration drain) {
      this.shutdownDrain = drain;
      return this;
    }

    /** Where online backups go (default: {@code backups} beside the data directory). */
    public Builder backupDir(Path dir) {
      this.backupDir = dir;
      return this;
    }

    /** The config; throws {@link IllegalArgumentException} or {@link NullPointerException} naming a wrong value. */
    public HubConfig build() {
      return new HubConfig(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, poolSize, demo, keyStore,
          keyStorePassword, trustAnchors, administrators, hubOrganId, lease, maxEnvelopeBytes, retention, compactAt,
          compactAboveBytes, auditTsa, auditAnchorEvery, auditors, intake, shutdownDrain, backupDir);
    }
  }
}
