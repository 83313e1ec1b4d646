package vn.lienthong.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import vn.lienthong.core.pki.SigningKey;
import vn.lienthong.server.demo.Demo;
import vn.lienthong.server.error.HubException;
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
    try {
      start(args);
    } catch (IllegalArgumentException | IllegalStateException | IOException | UncheckedIOException
        | HubException e) {
      // what an operator must fix (a setting, a taken port, a database in use), in sentences: not
      // a stack trace whose first line may be a sentence meant for clients ("retry later")
      System.err.println("The hub did not start: " + causes(e));
      System.exit(1);
    }
  }

  /** The messages of {@code e} and its causes, each once, joined by "; caused by: ". */
  static String causes(Throwable e) {
    List<String> out = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
      String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (out.stream().noneMatch(o -> o.contains(m))) {
        out.add(m);
      }
    }
    return String.join("; caused by: ", out);
  }

  private static void start(String[] args) throws Exception {
    Settings settings = Settings.read(args, System.getenv());
    HubConfig config = settings.config();
    // the machine's zone: db.compact.at is a local time of day (CompactionSchedule reads it in the
    // clock's zone); with a UTC clock 03:00 was 10:00 in Hà Nội, in office hours. Instants, which
    // everything else takes from the clock, do not depend on the zone.
    Clock clock = Clock.systemDefaultZone();
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
