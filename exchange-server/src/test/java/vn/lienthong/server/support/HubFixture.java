package vn.lienthong.server.support;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.server.Hub;
import vn.lienthong.server.HubConfig;
import vn.lienthong.server.TlsMaterial;
import vn.lienthong.server.api.ws.ExchangePortType;
import vn.lienthong.server.evidence.EvidenceHook;

/** A hub in this JVM over HTTPS on loopback, with the sample units and the test PKI's certificates. */
public final class HubFixture implements AutoCloseable {

  /** The administrator of test hubs: the province's committee. */
  public static final String ADMIN = DemoSet.PROVINCE;

  private final Hub hub;
  private final Map<String, ExchangePortType> clients = new ConcurrentHashMap<>();

  private HubFixture(Hub hub) {
    this.hub = hub;
  }

  /** A hub on H2 in {@code dir}. */
  public static HubFixture h2(Path dir, Clock clock, Duration lease) {
    return start(config(dir, null, lease), clock, EvidenceHook.NONE);
  }

  /** A hub on a fresh PostgreSQL database. */
  public static HubFixture postgres(Path dir, Clock clock, Duration lease) {
    return start(config(dir, TestDatabases.freshPostgres(), lease), clock, EvidenceHook.NONE);
  }

  public static HubConfig config(Path dir, TestDatabases.Jdbc jdbc, Duration lease) {
    return config(dir, jdbc, lease, 64L << 20);
  }

  public static HubConfig config(Path dir, TestDatabases.Jdbc jdbc, Duration lease, long maxEnvelopeBytes) {
    HubConfig.Builder b = HubConfig.builder().port(0).dataDir(dir).poolSize(8).demo(false)
        .administrators(Set.of(OrganId.of(ADMIN))).lease(lease).maxEnvelopeBytes(maxEnvelopeBytes);
    return (jdbc == null ? b : b.database(jdbc.url(), jdbc.user(), jdbc.password())).build();
  }

  public static TlsMaterial tls(SamplePki pki) {
    return new TlsMaterial(pki.credential(SamplePki.HUB_TLS).privateKey(), pki.credential(SamplePki.HUB_TLS).chain(),
        pki.trustAnchors());
  }

  public static HubFixture start(HubConfig config, Clock clock, EvidenceHook evidence) {
    Hub hub = Hub.start(config, tls(TestPki.PKI), clock, new SecureRandom(), evidence);
    Units.load(hub.registry());
    return new HubFixture(hub);
  }

  /** A hub on a database that has its units already (a restart, a restored backup). */
  public static HubFixture reopen(HubConfig config, Clock clock) {
    return new HubFixture(Hub.start(config, tls(TestPki.PKI), clock, new SecureRandom(), EvidenceHook.NONE));
  }

  /** A hub that seals receipts and evidence with {@code setup}. */
  public static HubFixture start(HubConfig config, Clock clock, EvidenceHook evidence,
      vn.lienthong.server.evidence.EvidenceSetup setup) {
    Hub hub = Hub.start(config, tls(TestPki.PKI), clock, new SecureRandom(), evidence, setup);
    Units.load(hub.registry());
    return new HubFixture(hub);
  }

  public Hub hub() {
    return hub;
  }

  /** The (cached) client of a unit of the test PKI. */
  public ExchangePortType client(String organId) {
    return clients.computeIfAbsent(organId, id -> HubClient.of(hub.address(), id));
  }

  @Override
  public void close() {
    hub.close();
  }
}
