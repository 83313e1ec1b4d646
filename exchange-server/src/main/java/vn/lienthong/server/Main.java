package vn.lienthong.server;

import java.io.InputStream;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import vn.lienthong.core.pki.SigningKey;
import vn.lienthong.server.demo.Demo;
import vn.lienthong.server.evidence.EvidenceHook;

/**
 * Starts the hub: {@code java -jar exchange-server.jar [--key=value …]}. With the demo defaults
 * (on unless {@code --demo=false}) it serves HTTPS with the sample PKI's {@code hub-tls}, trusts
 * the sample roots, starts the sample CA services and loads the sample units; otherwise the TLS
 * key store and trust anchors come from the settings. See {@link Settings} for every key.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--help")) {
      System.out.println("java -jar exchange-server.jar [--key=value …]   settings (flag > env LIENTHONG_HUB_* > "
          + "hub.properties or --config=FILE):");
      Settings.KEYS.forEach((k, v) -> System.out.printf("  --%-18s %s (default: %s)%n", k, v[1], v[0]));
      return;
    }
    Settings settings = Settings.read(args, System.getenv());
    HubConfig config = settings.config();
    Clock clock = Clock.systemUTC();
    SecureRandom random = new SecureRandom();
    Demo demo = config.demo() ? Demo.start(clock) : null;
    Hub hub;
    try {
      TlsMaterial tls = demo != null ? demo.tls() : tlsFromFiles(config);
      hub = Hub.start(config, tls, settings.security(), clock, random, EvidenceHook.NONE,
          evidenceSetup(settings, demo));
      try {
        if (demo != null) {
          demo.loadUnits(hub.registry());
        }
      } catch (RuntimeException | Error e) {
        hub.close();
        throw e;
      }
    } catch (Exception | Error e) {
      // the sample CA services' HTTP server is not a daemon: left running, the failed process
      // (its port taken, say) never ended
      if (demo != null) {
        demo.close();
      }
      throw e;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      hub.close();
      if (demo != null) {
        demo.close();
      }
    }, "hub-shutdown"));
    System.out.println("Liên Thông Exchange hub: " + hub.address() + " (port " + hub.port() + ", database "
        + (config.jdbcUrl() == null ? "H2 in " + config.dataDir().toAbsolutePath().normalize() : HubConfig.maskedUrl(config.jdbcUrl())) + ")");
    if (demo != null) {
      demo.printSummary(System.out);
    }
    System.out.flush();
  }

  /**
   * The seal and TSA of receipts and evidence: the settings' PKCS#12 key store or PKCS#11 token (one
   * of them), else the demo's hub-seal, else none.
   */
  static vn.lienthong.server.evidence.EvidenceSetup evidenceSetup(Settings settings, Demo demo) throws Exception {
    java.net.URI tsa = settings.evidenceTsa();
    String keystore = settings.get("evidence.seal.keystore");
    String token = settings.get("evidence.seal.pkcs11");
    if (!keystore.isBlank() || !token.isBlank()) {
      if (!keystore.isBlank() && !token.isBlank()) {
        throw new IllegalArgumentException("evidence.seal.keystore and evidence.seal.pkcs11 are exclusive: the seal "
            + "key is in one place");
      }
      if (tsa == null) {
        throw new IllegalArgumentException((keystore.isBlank() ? "evidence.seal.pkcs11" : "evidence.seal.keystore")
            + " needs evidence.tsa");
      }
      String alias = settings.get("evidence.seal.alias");
      char[] secret = settings.get("evidence.seal.password").toCharArray();
      SigningKey seal = keystore.isBlank()
          ? SigningKey.fromPkcs11(java.nio.file.Path.of(token), secret, alias.isBlank() ? null : alias)
          : SigningKey.fromPkcs12(java.nio.file.Path.of(keystore), secret, alias.isBlank() ? null : alias);
      return new vn.lienthong.server.evidence.EvidenceSetup(seal, tsa);
    }
    if (demo != null) {
      return demo.evidence(tsa);
    }
    System.err.println("WARNING: no evidence.seal.keystore or evidence.seal.pkcs11: receipts are not signed and "
        + "GetEvidence is unavailable");
    return null;
  }

  static TlsMaterial tlsFromFiles(HubConfig config) throws Exception {
    if (config.keyStore() == null || config.trustAnchors() == null) {
      throw new IllegalArgumentException("Without the demo defaults, tls.keystore and tls.trust are required");
    }
    char[] pw = config.keyStorePassword() == null ? new char[0] : config.keyStorePassword().toCharArray();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(config.keyStore())) {
      ks.load(in, pw);
    }
    for (String alias : java.util.Collections.list(ks.aliases())) {
      if (ks.isKeyEntry(alias)) {
        List<X509Certificate> chain = new ArrayList<>();
        for (var c : ks.getCertificateChain(alias)) {
          chain.add((X509Certificate) c);
        }
        List<X509Certificate> roots = new ArrayList<>();
        try (InputStream in = Files.newInputStream(config.trustAnchors())) {
          for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
            roots.add((X509Certificate) c);
          }
        }
        return new TlsMaterial((PrivateKey) ks.getKey(alias, pw), chain, roots);
      }
    }
    throw new IllegalArgumentException("No key in " + config.keyStore());
  }
}
