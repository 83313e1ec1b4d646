package vn.lienthong.server;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.server.intake.IntakePolicy;

/**
 * The hub's settings. {@link Settings} reads them from a file, the environment and flags.
 *
 * @param dataDir where the H2 database (default) and the payload store live
 * @param jdbcUrl null for the embedded H2 database under {@code dataDir}
 * @param demo whether to start with the demo defaults (sample PKI, sample CA services, sample units)
 * @param keyStore PKCS#12 file with the hub's TLS key and chain (when not in demo mode)
 * @param trustAnchors PEM file of the roots client certificates must chain to (when not in demo mode)
 * @param administrators units whose system certificates hold the administrator role
 * @param hubOrganId the identifier the hub writes into trace headers
 * @param lease how long a handed-out message stays reserved for its poller
 * @param retention how long confirmed messages are kept; zero keeps them forever
 * @param auditTsa the RFC 3161 TSA that anchors the audit chain; null: no periodic anchoring
 * @param auditAnchorEvery how often the audit chain is anchored (when {@code auditTsa} is set)
 * @param auditors units whose system certificates hold the auditor role
 * @param intake the PDF policy, the SHA-1 envelope rule and what to do when OCSP/CRL are down
 */
public record HubConfig(String host, int port, Path dataDir, String jdbcUrl, String jdbcUser, String jdbcPassword,
    int poolSize, boolean demo, Path keyStore, String keyStorePassword, Path trustAnchors, Set<OrganId> administrators,
    OrganId hubOrganId, Duration lease, long maxEnvelopeBytes, Duration retention, URI auditTsa,
    Duration auditAnchorEvery, Set<OrganId> auditors, IntakePolicy intake) {

  public HubConfig {
    auditors = Set.copyOf(auditors);
    Objects.requireNonNull(intake, "intake");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(dataDir, "dataDir");
    administrators = Set.copyOf(administrators);
    Objects.requireNonNull(hubOrganId, "hubOrganId");
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(auditAnchorEvery, "auditAnchorEvery");
    if (auditTsa != null && (auditAnchorEvery.isZero() || auditAnchorEvery.isNegative())) {
      throw new IllegalArgumentException("auditAnchorEvery must be positive when auditTsa is set");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (maxEnvelopeBytes <= 0 || poolSize <= 0) {
      throw new IllegalArgumentException("maxEnvelopeBytes and poolSize must be positive");
    }
  }

  /** Settings with the default intake policy. */
  public HubConfig(String host, int port, Path dataDir, String jdbcUrl, String jdbcUser, String jdbcPassword,
      int poolSize, boolean demo, Path keyStore, String keyStorePassword, Path trustAnchors,
      Set<OrganId> administrators, OrganId hubOrganId, Duration lease, long maxEnvelopeBytes, Duration retention,
      URI auditTsa, Duration auditAnchorEvery, Set<OrganId> auditors) {
    this(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, poolSize, demo, keyStore, keyStorePassword,
        trustAnchors, administrators, hubOrganId, lease, maxEnvelopeBytes, retention, auditTsa, auditAnchorEvery,
        auditors, IntakePolicy.defaults());
  }

  /** Settings without auditors, with the default intake policy. */
  public HubConfig(String host, int port, Path dataDir, String jdbcUrl, String jdbcUser, String jdbcPassword,
      int poolSize, boolean demo, Path keyStore, String keyStorePassword, Path trustAnchors,
      Set<OrganId> administrators, OrganId hubOrganId, Duration lease, long maxEnvelopeBytes, Duration retention,
      URI auditTsa, Duration auditAnchorEvery) {
    this(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, poolSize, demo, keyStore, keyStorePassword,
        trustAnchors, administrators, hubOrganId, lease, maxEnvelopeBytes, retention, auditTsa, auditAnchorEvery,
        Set.of());
  }

  /** The same settings with another intake policy. */
  public HubConfig withIntake(IntakePolicy policy) {
    return new HubConfig(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, poolSize, demo, keyStore,
        keyStorePassword, trustAnchors, administrators, hubOrganId, lease, maxEnvelopeBytes, retention, auditTsa,
        auditAnchorEvery, auditors, policy);
  }

  /** Settings without audit anchoring. */
  public HubConfig(String host, int port, Path dataDir, String jdbcUrl, String jdbcUser, String jdbcPassword,
      int poolSize, boolean demo, Path keyStore, String keyStorePassword, Path trustAnchors,
      Set<OrganId> administrators, OrganId hubOrganId, Duration lease, long maxEnvelopeBytes, Duration retention) {
    this(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, poolSize, demo, keyStore, keyStorePassword,
        trustAnchors, administrators, hubOrganId, lease, maxEnvelopeBytes, retention, null, Duration.ZERO, Set.of());
  }

  /** The same settings with {@code auditors} as the units holding the auditor role. */
  public HubConfig withAuditors(Set<OrganId> units) {
    return new HubConfig(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, poolSize, demo, keyStore,
        keyStorePassword, trustAnchors, administrators, hubOrganId, lease, maxEnvelopeBytes, retention, auditTsa,
        auditAnchorEvery, units, intake);
  }

  /** The JDBC URL to use: the configured one, or H2 in {@code dataDir}. */
  public String effectiveJdbcUrl() {
    if (jdbcUrl != null && !jdbcUrl.isBlank()) {
      return jdbcUrl;
    }
    // durability: Database checkpoints every H2 transaction before the hub answers
    return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("hub") + ";LOCK_TIMEOUT=10000";
  }

  /** Where payloads live. */
  public Path payloadDir() {
    return dataDir.resolve("payloads");
  }
}
