package vn.lienthong.server;

import java.net.MalformedURLException;
import java.net.URL;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.databinding.AbstractDataBinding;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngineFactory;
import vn.lienthong.core.evidence.EvidenceSeal;
import vn.lienthong.core.pki.RevocationClient;
import vn.lienthong.core.pki.TimeStampClient;
import vn.lienthong.server.api.ExchangeEndpoint;
import vn.lienthong.server.api.SoapXmlBudget;
import vn.lienthong.server.api.TypedFaults;
import vn.lienthong.server.api.WsSecurityInterceptor;
import vn.lienthong.server.audit.AuditLog;
import vn.lienthong.server.audit.AuditTrail;
import vn.lienthong.server.auth.AuditedCallerResolver;
import vn.lienthong.server.auth.Caller;
import vn.lienthong.server.auth.CallerResolver;
import vn.lienthong.server.auth.JdbcReplayCache;
import vn.lienthong.server.auth.RevocationChecker;
import vn.lienthong.server.auth.SecurityConfig;
import vn.lienthong.server.auth.SignedCallerResolver;
import vn.lienthong.server.auth.TlsCallerResolver;
import vn.lienthong.server.delivery.Inbox;
import vn.lienthong.server.delivery.Tracking;
import vn.lienthong.server.evidence.EvidenceBundles;
import vn.lienthong.server.evidence.EvidenceHook;
import vn.lienthong.server.evidence.EvidenceService;
import vn.lienthong.server.evidence.EvidenceSetup;
import vn.lienthong.server.health.AcknowledgeServlet;
import vn.lienthong.server.health.BackupServlet;
import vn.lienthong.server.health.Alerts;
import vn.lienthong.server.health.Metrics;
import vn.lienthong.server.health.MetricsServlet;
import vn.lienthong.server.intake.Intake;
import vn.lienthong.server.intake.IntakeChecks;
import vn.lienthong.server.intake.IntakePolicy;
import vn.lienthong.server.intake.PdfVerification;
import vn.lienthong.server.intake.PendingChecks;
import vn.lienthong.server.intake.Recheck;
import vn.lienthong.server.registry.Groups;
import vn.lienthong.server.registry.Registry;
import vn.lienthong.server.registry.UnitTree;
import vn.lienthong.server.routing.Router;
import vn.lienthong.server.store.Backup;
import vn.lienthong.server.store.Database;
import vn.lienthong.server.store.PayloadStore;

/**
 * A running hub: the database, the payload store and the SOAP endpoint over HTTPS with client
 * certificates. Built by {@link #start}; {@link #close} stops it.
 */
public final class Hub implements AutoCloseable {

  /** The path of the endpoint under the hub's address. */
  public static final String PATH = "/exchange";

  // Caller checks run on the wall clock, like the TLS handshake (JSSE) and WSS4J's Timestamp
  // check: certificate validity, OCSP freshness and replay expiry are about real time between
  // machines; the injected clock is the hub's business time (leases, receipts), which tests move.
  private static final Clock WALL = Clock.systemUTC();

  /** Binary values shorter than this go inline as base64 rather than as MTOM parts. */
  static final int INLINE_BINARY = 64 * 1024;

  private final Parts parts;
  private final Bus bus;
  private final Server server;
  private final String address;
  private final int port;
  private final String metricsAddress;
  private final BackgroundJobs jobs;
  /** On close, refuses new requests (503) while those in progress finish. */
  private final GracefulStop graceful;

  /** The hub's services over its database, built before the transport, in the order they depend on each other. */
  /** @param tsaRoots what the TSAs' certificates must chain to: see {@link #tsaRoots} */
  private record Parts(Database db, PayloadStore payloads, Registry registry, RevocationChecker revocation,
      CallerResolver callers, EvidenceService sealed, Alerts alerts, Recheck recheck, Metrics metrics,
      ExchangeEndpoint endpoint, List<X509Certificate> tsaRoots) {}

  private Hub(Parts parts, Bus bus, Server server, String address, int port, String metricsAddress,
      BackgroundJobs jobs, GracefulStop graceful) {
    this.parts = parts;
    this.graceful = graceful;
    this.bus = bus;
    this.server = server;
    this.address = address;
    this.port = port;
    this.metricsAddress = metricsAddress;
    this.jobs = jobs;
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
    PayloadStore payloads = null;
    try {
      payloads = new PayloadStore(config.payloadDir());
      payloads.cleanTemporary(clock.instant());
      Parts parts = assemble(db, payloads, config, tls.trustAnchors(), security, clock, random, evidence, setup);
      return serve(parts, config, tls, security, clock);
    } catch (RuntimeException e) {
      if (payloads != null) {
        payloads.close();
      }
      db.close();
      throw e;
    }
  }

  /** The registry, the caller checks, evidence, the intake chain and the endpoint, over the database and payloads. */
  private static Parts assemble(Database db, PayloadStore payloads, HubConfig config, List<X509Certificate> roots,
      SecurityConfig security, Clock clock, RandomGenerator random, EvidenceHook evidence, EvidenceSetup setup) {
    Registry registry = new Registry(db, clock);
    Groups groups = new Groups(db, clock);
    Router router = new Router(new UnitTree(db), groups);
    RevocationChecker revocation = new RevocationChecker(
        new RevocationClient(WALL, new SecureRandom(), Duration.ofSeconds(5)), WALL, security, roots);
    CallerResolver callers = new AuditedCallerResolver(new SignedCallerResolver(registry, config.administrators(),
        config.auditors(), revocation, WALL), new AuditTrail(db, clock));
    List<X509Certificate> tsaRoots = tsaRoots(roots, setup);
    EvidenceService sealed = setup == null ? null : evidenceService(db, setup, tsaRoots, clock, random);
    EvidenceHook hooks = sealed == null ? evidence : EvidenceHooks.both(sealed, evidence);
    Alerts alerts = new Alerts();
    IntakePolicy policy = config.intake();
    PdfVerification pdfs = new PdfVerification(roots, policy.pdfPolicy(), clock, Duration.ofSeconds(5));
    Intake intake = new Intake(db, payloads, router, IntakeChecks.standard(registry, policy, pdfs, alerts),
        hooks, clock, random, config.maxEnvelopeBytes());
    Recheck recheck = new Recheck(db, payloads, pdfs, alerts, clock, config.hubOrganId(), config.maxEnvelopeBytes());
    Metrics metrics = metrics(db, alerts, sealed);
    Inbox inbox = new Inbox(db, clock, random, config.lease());
    Tracking tracking = new Tracking(db, payloads, clock, random, hooks);
    EvidenceBundles bundles = sealed == null ? null : new EvidenceBundles(db, tracking, sealed,
        payloads.temporaryDirectory(), clock,
        new RevocationClient(WALL, new SecureRandom(), Duration.ofSeconds(5)));
    ExchangeEndpoint endpoint = new ExchangeEndpoint(callers, intake, inbox, tracking, registry, router,
        config.hubOrganId(), new AuditLog(db, tsaRoots), new AuditTrail(db, clock), sealed, bundles);
    return new Parts(db, payloads, registry, revocation, callers, sealed, alerts, recheck, metrics, endpoint,
        tsaRoots);
  }

  /**
   * The roots a TSA's certificate must chain to before the hub uses its stamps: the hub's trust
   * anchors and, with evidence, the root its own seal's chain ends at (configured with the seal).
   * A stamp no verifier trusting these roots would accept is treated as a TSA that did not answer.
   */
  private static List<X509Certificate> tsaRoots(List<X509Certificate> roots, EvidenceSetup setup) {
    List<X509Certificate> out = new ArrayList<>(roots);
    if (setup != null) {
      X509Certificate top = setup.chain().get(setup.chain().size() - 1);
      if (top.getSubjectX500Principal().equals(top.getIssuerX500Principal()) && !out.contains(top)) {
        out.add(top);
      }
    }
    return List.copyOf(out);
  }

  /** Signed receipts and delivery evidence: the seal of {@code setup}, time-stamped by its TSA. */
  private static EvidenceService evidenceService(Database db, EvidenceSetup setup, List<X509Certificate> tsaRoots,
      Clock clock, RandomGenerator random) {
    SecureRandom sealRandom = random instanceof SecureRandom s ? s : new SecureRandom();
    return new EvidenceService(db, new EvidenceSeal(setup.seal(), sealRandom),
        new TimeStampClient(setup.tsa(), clock, new SecureRandom(), Duration.ofSeconds(5), tsaRoots), clock);
  }

  private static Metrics metrics(Database db, Alerts alerts, EvidenceService sealed) {
    return new Metrics(alerts).gauge("lienthong_pending_checks",
        "PDF signature checks waiting for OCSP/CRL", () -> db.autoCommit(PendingChecks::countPending))
        .gauge("lienthong_pending_timestamps", "signed receipts and delivery evidence waiting for the TSA",
            () -> sealed == null ? 0 : sealed.pendingTimestamps());
  }

  /** Jetty with TLS on the port, the SOAP endpoint and {@code /metrics} on it, then the background jobs. */
  private static Hub serve(Parts parts, HubConfig config, TlsMaterial tls, SecurityConfig security, Clock clock) {
    int port = JettyTls.portOrFree(config.port());
    Bus bus = BusFactory.newInstance().createBus();
    try {
      JettyTls.configure(bus, config.host(), port, tls);
      GracefulStop graceful = GracefulStop.before(bus, config.host(), port, config.shutdownDrain());
      String address = "https://" + config.host() + ":" + port + PATH;
      Server server = soapEndpoint(bus, address, parts, tls, security);
      String metricsAddress = "https://" + config.host() + ":" + port + MetricsServlet.PATH;
      serveAdmin(bus, config.host(), port, parts, config, clock);
      RequestLimits limits = new RequestLimits(parts.payloads().temporaryDirectory(), RequestLimits.PER_CLIENT);
      org.eclipse.jetty.server.Server jetty = JettyTls.server(bus, port);
      long maxBody = config.maxEnvelopeBytes() + BodyGate.XML_ALLOWANCE; // also the spool's budget
      limits.setHandler(new BodyGate(maxBody, BodyGate.streamingFor(jetty.getThreadPool()),
          new BodySpool.Store(parts.payloads().temporaryDirectory(), maxBody)));
      graceful.track(bus, port, limits);
      ConnectionCap.apply(jetty);
      BackgroundJobs jobs = BackgroundJobs.schedule(parts.db(), parts.payloads(), parts.recheck(),
          parts.sealed(), parts.tsaRoots(), config, clock);
      return new Hub(parts, bus, server, address, port, metricsAddress, jobs, graceful);
    } catch (RuntimeException e) {
      stopJetty(bus, port); // a half-started Jetty (e.g. the port was taken) must not keep running
      throw e;
    }
  }

  /**
   * Stops the bus and the port's Jetty engine: the administrators' servlets sit on the engine
   * itself, and while any servant is on it CXF refuses to stop it ("still in use"), so a closed
   * hub kept its port, its threads and {@code /metrics} over a closed database.
   */
  private static void stopJetty(Bus bus, int port) {
    try {
      JettyHTTPServerEngineFactory engines = bus.getExtension(JettyHTTPServerEngineFactory.class);
      var engine = engines == null ? null : engines.retrieveJettyHTTPServerEngine(port);
      if (engine != null) {
        for (String path : List.of(MetricsServlet.PATH, AcknowledgeServlet.PATH, BackupServlet.PATH)) {
          try {
            engine.removeServant(new URL("https://" + "localhost:" + port + path));
          } catch (MalformedURLException | RuntimeException e) {
            // not added (a start that failed before), nothing to remove
          }
        }
      }
    } finally {
      bus.shutdown(true);
      JettyHTTPServerEngineFactory.destroyForPort(port);
    }
  }

  /** The SOAP endpoint over MTOM, large attachments spooled to the payload store's tmp directory. */
  private static Server soapEndpoint(Bus bus, String address, Parts parts, TlsMaterial tls,
      SecurityConfig security) {
    JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
    factory.setBus(bus);
    factory.setServiceBean(parts.endpoint());
    factory.setAddress(address);
    factory.getProperties(true).put("mtom-enabled", Boolean.TRUE);
    factory.getProperties().put("attachment-directory", parts.payloads().temporaryDirectory().toString());
    factory.getProperties().put("attachment-memory-threshold", String.valueOf(256 * 1024));
    // the SOAP XML itself (not MTOM parts) is read whole into WS-Security's DOM: bound it and the
    // large inline requests at once, or a few concurrent ones take a -Xmx256m hub out of memory
    SoapXmlBudget budget = new SoapXmlBudget(Runtime.getRuntime().maxMemory(), Duration.ofSeconds(30));
    factory.getInInterceptors().add(RequestLimits.spoolInterceptor()); // MTOM parts: removed with the request
    factory.getInInterceptors().add(budget.admit());
    factory.getInInterceptors().add(budget.release());
    factory.getOutFaultInterceptors().add(new TypedFaults());
    // WS-Security (issue 6): Timestamp + Signature over Body and Timestamp, replay cache in the database
    factory.getInInterceptors().add(new WsSecurityInterceptor(tls.trustAnchors(), WALL,
        new JdbcReplayCache(parts.db(), WALL, security.skew().multipliedBy(2)), security.skew().toSeconds(),
        parts.callers()));
    Server server = factory.create();
    // binary values under 64 KiB (certificates, sealed receipts and evidence, time-stamp tokens,
    // small envelopes) go inline as base64, larger ones as MTOM parts: as a part, a value ending
    // with a CR or LF byte lost it in Python's zeep, which strips them from each binary part (about
    // one DER value in a hundred). Not higher: CXF inlines a file under the threshold whole.
    ((AbstractDataBinding) server.getEndpoint().getService().getDataBinding()).setMtomThreshold(INLINE_BINARY);
    return server;
  }

  /** The administrators' paths beside the SOAP endpoint: {@code /metrics}, {@code /checks/acknowledge}, {@code /backup}. */
  private static void serveAdmin(Bus bus, String host, int port, Parts parts, HubConfig config, Clock clock) {
    CallerResolver admins = tlsCallers(parts.registry(), config, parts.revocation(), parts.db(), clock);
    String base = "https://" + host + ":" + port;
    try {
      var engine = bus.getExtension(JettyHTTPServerEngineFactory.class).retrieveJettyHTTPServerEngine(port);
      engine.addServant(new URL(base + MetricsServlet.PATH), new MetricsServlet(bus, parts.metrics(), admins));
      engine.addServant(new URL(base + AcknowledgeServlet.PATH),
          new AcknowledgeServlet(bus, admins, parts.recheck()::acknowledgeFailures));
      engine.addServant(new URL(base + BackupServlet.PATH), new BackupServlet(bus, admins,
          new Backup(parts.db(), parts.payloads(), config.effectiveBackupDir(), clock), parts.db(), clock));
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Callers of the administrators' paths: a scrape or a {@code curl} is plain HTTPS, so the TLS
   * client certificate alone (registered or an administrator, not revoked at its CA), without
   * WS-Security; the servlets then require the administrator role.
   */
  private static CallerResolver tlsCallers(Registry registry, HubConfig config, RevocationChecker revocation,
      Database db, Clock clock) {
    TlsCallerResolver tls = new TlsCallerResolver(registry, config.administrators(), config.auditors(), WALL);
    return new AuditedCallerResolver(credentials -> {
      Caller caller = tls.resolve(credentials);
      revocation.require(caller.certificate(), credentials.tlsChain());
      return caller;
    }, new AuditTrail(db, clock));
  }

  /** The endpoint's address, e.g. {@code https://127.0.0.1:8443/exchange}. */
  public String address() {
    return address;
  }

  /** The HTTPS port. */
  public int port() {
    return port;
  }

  /** HTTP requests the port has begun and not yet finished (what {@link #close} waits for). */
  long requestsInProgress() {
    return graceful.inProgress();
  }

  /** The registry (for loading a directory at start-up and for tests). */
  public Registry registry() {
    return parts.registry();
  }

  /**
   * The evidence service (signed receipts, delivery evidence, pending time stamps), when the hub
   * was started with an {@link EvidenceSetup}.
   */
  public java.util.Optional<EvidenceService> evidence() {
    return java.util.Optional.ofNullable(parts.sealed());
  }

  /** The hub's alerts ({@code ocsp-unavailable}, {@code pdf-check-failed}, …). */
  public Alerts alerts() {
    return parts.alerts();
  }

  /** The hub's metrics, also served at {@link #metricsAddress()}. */
  public Metrics metrics() {
    return parts.metrics();
  }

  /** The job completing pending PDF checks (scheduled every {@code intake.recheck.minutes}). */
  public Recheck recheck() {
    return parts.recheck();
  }

  /** Where the metrics are served, e.g. {@code https://127.0.0.1:8443/metrics} (administrators only). */
  public String metricsAddress() {
    return metricsAddress;
  }

  /** The database (for tests and tools). */
  public Database database() {
    return parts.db();
  }

  /**
   * Stops serving: new requests are refused (HTTP 503, which clients retry) while those in progress
   * finish, up to {@code shutdown.drain.seconds} (an upload being received completes with its
   * receipt); then Jetty stops, a running background job may end (up to 10 s), and the store and
   * the database are closed.
   */
  @Override
  public void close() {
    try {
      jobs.stopScheduling(); // a running one goes on while requests drain
      graceful.drain();
      jobs.interrupt();
      server.destroy();
      stopJetty(bus, port);
      jobs.awaitEnd(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      parts.payloads().close();
      parts.db().close();
    }
  }
}
