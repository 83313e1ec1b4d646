package vn.lienthong.server;

import java.net.ServerSocket;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.configuration.jsse.TLSServerParameters;
import org.apache.cxf.configuration.security.ClientAuthentication;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngineFactory;
import vn.lienthong.core.pki.TimeStampClient;
import vn.lienthong.server.api.ExchangeEndpoint;
import vn.lienthong.server.audit.AuditAnchoring;
import vn.lienthong.server.audit.AuditLog;
import vn.lienthong.server.audit.AuditTrail;
import vn.lienthong.server.auth.AuditedCallerResolver;
import vn.lienthong.server.auth.Caller;
import vn.lienthong.server.auth.CallerResolver;
import vn.lienthong.core.pki.RevocationClient;
import vn.lienthong.server.api.WsSecurityInterceptor;
import vn.lienthong.server.auth.JdbcReplayCache;
import vn.lienthong.server.auth.RevocationChecker;
import vn.lienthong.server.auth.SecurityConfig;
import vn.lienthong.server.auth.SignedCallerResolver;
import vn.lienthong.server.auth.TlsCallerResolver;
import vn.lienthong.server.delivery.Inbox;
import vn.lienthong.server.delivery.Retention;
import vn.lienthong.server.delivery.Tracking;
import vn.lienthong.core.evidence.EvidenceSeal;
import vn.lienthong.server.evidence.AcceptedMessage;
import vn.lienthong.server.evidence.EvidenceBundles;
import vn.lienthong.server.evidence.EvidenceHook;
import vn.lienthong.server.evidence.EvidenceService;
import vn.lienthong.server.evidence.EvidenceSetup;
import vn.lienthong.server.evidence.Receipt;
import vn.lienthong.server.intake.Intake;
import vn.lienthong.server.health.Alerts;
import vn.lienthong.server.health.Metrics;
import vn.lienthong.server.health.MetricsServlet;
import vn.lienthong.server.intake.IntakeChecks;
import vn.lienthong.server.intake.IntakePolicy;
import vn.lienthong.server.intake.PdfVerification;
import vn.lienthong.server.intake.PendingChecks;
import vn.lienthong.server.intake.Recheck;
import vn.lienthong.server.registry.Groups;
import vn.lienthong.server.registry.Registry;
import vn.lienthong.server.registry.UnitTree;
import vn.lienthong.server.routing.Router;
import vn.lienthong.server.store.Database;
import vn.lienthong.server.store.PayloadStore;

/**
 * A running hub: the database, the payload store and the SOAP endpoint over HTTPS with client
 * certificates. Built by {@link #start}; {@link #close} stops it.
 */
public final class Hub implements AutoCloseable {

  /** The path of the endpoint under the hub's address. */
  public static final String PATH = "/exchange";

  private final Database db;
  private final Registry registry;
  private final Bus bus;
  private final Server server;
  private final String address;
  private final int port;
  private final java.util.concurrent.ScheduledExecutorService purger;
  private final EvidenceService evidence;

  /** Each hook in turn; a failing one is logged and does not stop the other. */
  private static EvidenceHook both(EvidenceHook first, EvidenceHook second) {
    return new EvidenceHook() {
      @Override
      public void accepted(Receipt receipt) {
        run(() -> first.accepted(receipt), receipt);
        run(() -> second.accepted(receipt), receipt);
      }

      @Override
      public void accepted(AcceptedMessage message) {
        run(() -> first.accepted(message), message.receipt());
        run(() -> second.accepted(message), message.receipt());
      }

      private void run(Runnable hook, Receipt receipt) {
        try {
          hook.run();
        } catch (RuntimeException e) {
          org.slf4j.LoggerFactory.getLogger(Hub.class).warn("Evidence for message {} failed (the message is "
              + "stored; its audit row holds it)", receipt.messageId(), e);
        }
      }
    };
  }

  private final Extras extras;

  /** The parts of a running hub tests and tools reach: alerts, metrics, the pending-check job. */
  private record Extras(Alerts alerts, Metrics metrics, Recheck recheck, String metricsAddress) {}

  private static void purgeQuietly(Retention retention) {
    try {
      int n = retention.purge();
      if (n > 0) {
        org.slf4j.LoggerFactory.getLogger(Hub.class).info("Retention: forgot {} messages", n);
      }
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(Hub.class).warn("Retention run failed; retried in an hour", e);
    }
  }

  private Hub(Database db, Registry registry, Bus bus, Server server, String address, int port,
      java.util.concurrent.ScheduledExecutorService purger, EvidenceService evidence, Extras extras) {
    this.evidence = evidence;
    this.purger = purger;
    this.extras = extras;
    this.db = db;
    this.registry = registry;
    this.bus = bus;
    this.server = server;
    this.address = address;
    this.port = port;
  }

  /**
   * Opens the database (migrating it), cleans temporary payload files and serves.
   *
   * @param clock the one clock of the hub
   * @param random the one source of randomness (receipt ids, lease tokens)
   */
  public static Hub start(HubConfig config, TlsMaterial tls, Clock clock, RandomGenerator random,
      EvidenceHook evidence) {
    return start(config, tls, SecurityConfig.DEFAULT, clock, random, evidence, null);
  }

  /**
   * As above, and with {@code setup} (null: none) the hub seals a receipt for every accepted
   * message and delivery evidence for every confirmation, time-stamped by its TSA, and answers
   * {@code GetEvidence}; pending time stamps are retried every minute.
   */
  public static Hub start(HubConfig config, TlsMaterial tls, Clock clock, RandomGenerator random,
      EvidenceHook evidence, EvidenceSetup setup) {
    return start(config, tls, SecurityConfig.DEFAULT, clock, random, evidence, setup);
  }

  /**
   * As {@link #start(HubConfig, TlsMaterial, Clock, RandomGenerator, EvidenceHook, EvidenceSetup)},
   * with the caller checks' settings (revocation cache and policy, timestamp skew).
   */
  public static Hub start(HubConfig config, TlsMaterial tls, SecurityConfig security, Clock clock,
      RandomGenerator random, EvidenceHook evidence, EvidenceSetup setup) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(security, "security");
    Database db = Database.open(config.effectiveJdbcUrl(), config.jdbcUser(), config.jdbcPassword(),
        config.poolSize());
    try {
      PayloadStore payloads = new PayloadStore(config.payloadDir());
      payloads.cleanTemporary();
      Registry registry = new Registry(db, clock);
      Groups groups = new Groups(db, clock);
      Router router = new Router(new UnitTree(db), groups);
      // Caller checks run on the wall clock, like the TLS handshake (JSSE) and WSS4J's Timestamp
      // check: certificate validity, OCSP freshness and replay expiry are about real time between
      // machines; the injected clock is the hub's business time (leases, receipts), which tests move.
      Clock wall = Clock.systemUTC();
      RevocationChecker revocation = new RevocationChecker(
          new RevocationClient(wall, new java.security.SecureRandom(), Duration.ofSeconds(5)), wall, security);
      CallerResolver callers = new AuditedCallerResolver(new SignedCallerResolver(registry, config.administrators(),
          config.auditors(), revocation), new AuditTrail(db, clock));
      EvidenceService sealed = setup == null ? null : new EvidenceService(db, new EvidenceSeal(setup.sealKey(),
          setup.chain(), random instanceof java.security.SecureRandom s ? s : new java.security.SecureRandom()),
          new TimeStampClient(setup.tsa(), clock, new java.security.SecureRandom(), Duration.ofSeconds(5)), clock);
      EvidenceHook hooks = sealed == null ? evidence : both(sealed, evidence);
      Alerts alerts = new Alerts();
      IntakePolicy intakePolicy = config.intake();
      PdfVerification pdfs = new PdfVerification(tls.trustAnchors(), intakePolicy.pdfPolicy(), clock,
          Duration.ofSeconds(5));
      Intake intake = new Intake(db, payloads, router, IntakeChecks.standard(registry, intakePolicy, pdfs, alerts),
          hooks, clock, random, config.maxEnvelopeBytes());
      Recheck recheck = new Recheck(db, payloads, pdfs, alerts, clock, config.hubOrganId(), config.maxEnvelopeBytes());
      Metrics metrics = new Metrics(alerts).gauge("lienthong_pending_checks",
          "PDF signature checks waiting for OCSP/CRL", () -> db.autoCommit(PendingChecks::countPending))
          .gauge("lienthong_pending_timestamps", "signed receipts and delivery evidence waiting for the TSA",
              () -> sealed == null ? 0 : sealed.pendingTimestamps());
      Inbox inbox = new Inbox(db, clock, random, config.lease());
      Tracking tracking = new Tracking(db, payloads, clock, random, hooks);
      EvidenceBundles bundles = sealed == null ? null : new EvidenceBundles(db, tracking, sealed,
          payloads.root().resolve("tmp"), clock,
          new RevocationClient(wall, new java.security.SecureRandom(), Duration.ofSeconds(5)));
      ExchangeEndpoint endpoint = new ExchangeEndpoint(callers, intake, inbox, tracking, registry, groups,
          config.hubOrganId(), new AuditLog(db), sealed, bundles);
      int port = config.port() == 0 ? freePort() : config.port();
      Bus bus = BusFactory.newInstance().createBus();
      configureTls(bus, config.host(), port, tls);
      String address = "https://" + config.host() + ":" + port + PATH;
      JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
      factory.setBus(bus);
      factory.setServiceBean(endpoint);
      factory.setAddress(address);
      factory.getProperties(true).put("mtom-enabled", Boolean.TRUE);
      factory.getProperties().put("attachment-directory", payloads.root().resolve("tmp").toString());
      factory.getProperties().put("attachment-memory-threshold", String.valueOf(256 * 1024));
      // WS-Security (issue 6): Timestamp + Signature over Body and Timestamp, replay cache in the database
      factory.getInInterceptors().add(new WsSecurityInterceptor(tls.trustAnchors(), wall,
          new JdbcReplayCache(db, wall, security.skew().multipliedBy(2)), security.skew().toSeconds(), callers));
      Server server = factory.create();
      String metricsAddress = "https://" + config.host() + ":" + port + MetricsServlet.PATH;
      bus.getExtension(JettyHTTPServerEngineFactory.class).retrieveJettyHTTPServerEngine(port)
          .addServant(new java.net.URL(metricsAddress), new MetricsServlet(bus, metrics, scrapers(registry, config, revocation, db, clock)));
      java.util.concurrent.ScheduledExecutorService purger =
          java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hub-background");
            t.setDaemon(true);
            return t;
          });
      recheck.schedule(purger, intakePolicy.recheckEvery());
      if (!config.retention().isZero()) {
        Retention retention = new Retention(db, payloads, clock, config.retention());
        purger.scheduleWithFixedDelay(() -> purgeQuietly(retention), 1, 60, java.util.concurrent.TimeUnit.MINUTES);
      }
      if (config.auditTsa() != null) {
        new AuditAnchoring(db, new TimeStampClient(config.auditTsa(), clock, new java.security.SecureRandom(),
            Duration.ofSeconds(10)), clock).schedule(purger, config.auditAnchorEvery());
      }
      if (sealed != null) {
        sealed.schedule(purger, Duration.ofMinutes(1));
      }
      return new Hub(db, registry, bus, server, address, port, purger, sealed,
          new Extras(alerts, metrics, recheck, metricsAddress));
    } catch (java.net.MalformedURLException e) {
      db.close();
      throw new IllegalStateException(e);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /**
   * Who may scrape {@code /metrics}: a scrape is a plain HTTPS GET, so the TLS client certificate
   * alone (registered or an administrator, not revoked at its CA), without WS-Security.
   */
  private static CallerResolver scrapers(Registry registry, HubConfig config, RevocationChecker revocation,
      Database db, Clock clock) {
    TlsCallerResolver tls = new TlsCallerResolver(registry, config.administrators(), config.auditors());
    return new AuditedCallerResolver(credentials -> {
      Caller caller = tls.resolve(credentials);
      revocation.require(caller.certificate(), credentials.tlsChain());
      return caller;
    }, new AuditTrail(db, clock));
  }

  private static void configureTls(Bus bus, String host, int port, TlsMaterial tls) {
    try {
      char[] pw = "hub".toCharArray();
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("hub", tls.key(), pw, tls.chain().toArray(new X509Certificate[0]));
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, pw);
      KeyStore anchors = KeyStore.getInstance("PKCS12");
      anchors.load(null, null);
      List<X509Certificate> roots = tls.trustAnchors();
      for (int i = 0; i < roots.size(); i++) {
        anchors.setCertificateEntry("root-" + i, roots.get(i));
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(anchors);
      TLSServerParameters params = new TLSServerParameters();
      params.setKeyManagers(kmf.getKeyManagers());
      params.setTrustManagers(tmf.getTrustManagers());
      ClientAuthentication auth = new ClientAuthentication();
      auth.setWant(true);
      auth.setRequired(true);
      params.setClientAuthentication(auth);
      // TLS 1.3, and 1.2 for older clients; nothing older
      params.setIncludeProtocols(List.of("TLSv1.3", "TLSv1.2"));
      JettyHTTPServerEngineFactory engines = bus.getExtension(JettyHTTPServerEngineFactory.class);
      engines.setTLSServerParametersForPort(host, port, params);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot configure TLS: " + e.getMessage(), e);
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The endpoint's address, e.g. {@code https://127.0.0.1:8443/exchange}. */
  public String address() {
    return address;
  }

  /** The HTTPS port. */
  public int port() {
    return port;
  }

  /** The registry (for loading a directory at start-up and for tests). */
  public Registry registry() {
    return registry;
  }

  /**
   * The evidence service (signed receipts, delivery evidence, pending time stamps), when the hub
   * was started with an {@link EvidenceSetup}.
   */
  public java.util.Optional<EvidenceService> evidence() {
    return java.util.Optional.ofNullable(evidence);
  }

  /** The hub's alerts ({@code ocsp-unavailable}, {@code pdf-check-failed}, …). */
  public Alerts alerts() {
    return extras.alerts();
  }

  /** The hub's metrics, also served at {@link #metricsAddress()}. */
  public Metrics metrics() {
    return extras.metrics();
  }

  /** The job completing pending PDF checks (scheduled every {@code intake.recheck.minutes}). */
  public Recheck recheck() {
    return extras.recheck();
  }

  /** Where the metrics are served, e.g. {@code https://127.0.0.1:8443/metrics} (administrators only). */
  public String metricsAddress() {
    return extras.metricsAddress();
  }

  /** The database (for tests and tools). */
  public Database database() {
    return db;
  }

  @Override
  public void close() {
    try {
      purger.shutdownNow();
      server.destroy();
      bus.shutdown(true);
    } finally {
      db.close();
    }
  }
}
