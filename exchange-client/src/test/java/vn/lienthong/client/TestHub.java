package vn.lienthong.client;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import vn.lienthong.core.edxml.EnvelopeSigner;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.sample.units.SampleUnits;
import vn.lienthong.server.Hub;
import vn.lienthong.server.HubConfig;
import vn.lienthong.server.TlsMaterial;
import vn.lienthong.server.evidence.EvidenceHook;
import vn.lienthong.server.registry.Registry;
import vn.lienthong.server.registry.UnitData;

/**
 * A real hub in this JVM: HTTPS on loopback, H2 in a temporary directory, the 970 sample units and
 * the system certificates of the demo PKI's units; the province is its administrator.
 */
final class TestHub implements AutoCloseable {

  static final SamplePki PKI = SamplePki.demo();
  static final char[] PASSWORD = "test".toCharArray();

  private final Hub hub;

  private TestHub(Hub hub) {
    this.hub = hub;
  }

  static TestHub start(Path dir) {
    HubConfig config = new HubConfig("127.0.0.1", 0, dir.resolve("hub"), null, null, null, 4, false, null, null,
        null, Set.of(OrganId.of(DemoSet.PROVINCE)), OrganId.of("hub.H49"), Duration.ofMinutes(5), 64L << 20,
        Duration.ZERO);
    Credential tls = PKI.credential(SamplePki.HUB_TLS);
    Hub hub = Hub.start(config, new TlsMaterial(tls.privateKey(), tls.chain(), PKI.trustAnchors()),
        Clock.systemUTC(), new SecureRandom(), EvidenceHook.NONE);
    Registry registry = hub.registry();
    registry.registerAll(SampleUnits.load().stream().map(u -> new UnitData(OrganId.of(u.organId()),
        u.parent().map(OrganId::of).orElse(null), u.name(), u.kind().name(), u.email(), u.telephone(), "",
        u.address())).toList());
    for (var u : DemoSet.units()) {
      registry.addCertificate(OrganId.of(u.organId()), Registry.encoded(PKI.system(u.organId()).certificate()));
    }
    return new TestHub(hub);
  }

  int hubPort() {
    return hub.port();
  }

  String address() {
    return hub.address();
  }

  /** A client builder for a demo unit, its system key in an in-memory PKCS#12 store. */
  ExchangeClientBuilder builder(String organId) {
    return ExchangeClient.builder().hub(hub.address()).identity(keyStore(PKI.system(organId)), PASSWORD)
        .trustedRoots(PKI.trustAnchors()).retry(new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200)));
  }

  ExchangeClient client(String organId) {
    return builder(organId).build();
  }

  static EnvelopeSigner signer(String organId) {
    Credential c = PKI.system(organId);
    return EnvelopeSigner.of(c.privateKey(), c.certificate());
  }

  static KeyStore keyStore(Credential c) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("key", c.privateKey(), PASSWORD, c.chain().toArray(new X509Certificate[0]));
      return ks;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static List<X509Certificate> roots() {
    return PKI.trustAnchors();
  }

  @Override
  public void close() {
    hub.close();
  }
}
