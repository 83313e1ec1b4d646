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
import vn.lienthong.sample.services.SampleCaServer;
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

  /** The CA services (OCSP, TSA, CRLs) of {@link #PKI} on a free loopback port, up for the whole JVM. */
  static final SampleCaServer SERVICES;
  /**
   * A sample PKI generated for this JVM (EC P-256, fast) whose OCSP, TSA and CRL answer at
   * {@link #SERVICES}: the hub checks PDF signatures online, so the committed demo PKI (its
   * services on the fixed demo port) does not do for tests.
   */
  static final SamplePki PKI;

  static {
    try {
      SERVICES = SampleCaServer.bind(0, Clock.systemUTC());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    PKI = DemoSet.generator(vn.lienthong.sample.pki.KeyKind.EC_P256, SERVICES.urls()).build().generate();
    SERVICES.start(PKI);
  }

  private static final java.util.Map<String, Path> SIGNED = new java.util.concurrent.ConcurrentHashMap<>();
  static final char[] PASSWORD = "test".toCharArray();
  /** A demo unit whose certificate the hub does not know at start (for AddUnitCertificate). */
  static final String UNREGISTERED = DemoSet.PROVINCE_COUNCIL;
  /** The auditor of test hubs (also a registered unit): Văn phòng Ủy ban nhân dân tỉnh. */
  public static final String AUDITOR = "000.00.02.H49";

  private final Hub hub;
  private final SamplePki pki;

  private TestHub(Hub hub, SamplePki pki) {
    this.hub = hub;
    this.pki = pki;
  }

  static TestHub start(Path dir) {
    return start(dir, PKI);
  }

  /** A hub trusting {@code pki}'s roots, its TLS key {@code hub-tls}, the demo units' certificates registered. */
  static TestHub start(Path dir, SamplePki pki) {
    return start(dir, pki, null);
  }

  /** As above, the hub sealing receipts and evidence with {@code pki}'s hub-seal, time-stamped by {@code tsa}. */
  static TestHub start(Path dir, SamplePki pki, java.net.URI tsa) {
    return start(dir, pki, tsa, Duration.ofMinutes(5));
  }

  /** The sample PKI's hub with leases of {@code lease} (a poller outlasting its lease). */
  static TestHub start(Path dir, Duration lease) {
    return start(dir, PKI, null, lease);
  }

  private static TestHub start(Path dir, SamplePki pki, java.net.URI tsa, Duration lease) {
    vn.lienthong.server.evidence.EvidenceSetup evidence = tsa == null ? null
        : new vn.lienthong.server.evidence.EvidenceSetup(pki.credential(SamplePki.HUB_SEAL).privateKey(),
            pki.credential(SamplePki.HUB_SEAL).chain(), tsa);
    HubConfig config = HubConfig.builder().port(0).dataDir(dir.resolve("hub")).poolSize(4).demo(false)
        .administrators(Set.of(OrganId.of(DemoSet.PROVINCE))).lease(lease).maxEnvelopeBytes(512L << 20)
        .auditors(Set.of(OrganId.of(AUDITOR))).build();
    Credential tls = pki.credential(SamplePki.HUB_TLS);
    Hub hub = Hub.start(config, new TlsMaterial(tls.privateKey(), tls.chain(), pki.trustAnchors()),
        Clock.systemUTC(), new SecureRandom(), EvidenceHook.NONE, evidence);
    Registry registry = hub.registry();
    registry.registerAll(SampleUnits.load().stream().map(u -> new UnitData(OrganId.of(u.organId()),
        u.parent().map(OrganId::of).orElse(null), u.name(), u.kind().name(), u.email(), u.telephone(), "",
        u.address())).toList());
    for (var u : DemoSet.units()) {
      if (u.organId().equals(UNREGISTERED)) {
        continue;
      }
      registry.addCertificate(OrganId.of(u.organId()), Registry.encoded(pki.system(u.organId()).certificate()));
    }
    return new TestHub(hub, pki);
  }

  /** The hub's database (to tamper with the audit log behind the hub's back). */
  vn.lienthong.server.store.Database database() {
    return hub.database();
  }

  /** The hub's registry (to register what the administrator's operations would refuse or need setup for). */
  Registry registry() {
    return hub.registry();
  }

  int hubPort() {
    return hub.port();
  }

  String address() {
    return hub.address();
  }

  /** A client builder for a demo unit, its system key in an in-memory PKCS#12 store. */
  ExchangeClientBuilder builder(String organId) {
    return ExchangeClient.builder().hub(hub.address()).identity(keyStore(pki.system(organId)), PASSWORD)
        .trustedRoots(pki.trustAnchors()).retry(new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200)));
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

  /** Writes a credential as a PKCS#12 file (password {@link #PASSWORD}), as agencies keep their keys. */
  static Path pkcs12(Credential c, Path file) throws Exception {
    try (var out = java.nio.file.Files.newOutputStream(file)) {
      keyStore(c).store(out, PASSWORD);
    }
    return file;
  }

  /**
   * A Decree 30 PDF of about {@code size} bytes as {@code dir/name}: the chairman signs, {@code unit}
   * seals (PAdES B-T, {@link #PKI}); signed once per JVM and unit and size, then copied.
   */
  static Path signedPdf(Path dir, String name, String unit, int size) throws Exception {
    Path signed = SIGNED.computeIfAbsent(unit + "|" + size, k -> sign(PKI, SERVICES.urls().tsa(), unit, size));
    java.nio.file.Files.createDirectories(dir);
    return java.nio.file.Files.copy(signed, dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /** The same with another PKI and its TSA, signed now. */
  static Path signedPdf(SamplePki pki, java.net.URI tsa, Path dir, String name, String unit, int size)
      throws Exception {
    java.nio.file.Files.createDirectories(dir);
    return java.nio.file.Files.copy(sign(pki, tsa, unit, size), dir.resolve(name),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static Path sign(SamplePki pki, java.net.URI tsa, String unit, int size) {
    try {
      Path work = java.nio.file.Files.createTempDirectory("signed-pdf");
      work.toFile().deleteOnExit();
      Path plain = work.resolve("plain.pdf");
      try (var doc = new org.apache.pdfbox.pdmodel.PDDocument()) {
        var page = new org.apache.pdfbox.pdmodel.PDPage(org.apache.pdfbox.pdmodel.common.PDRectangle.A4);
        doc.addPage(page);
        try (var cs = new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page)) {
          cs.beginText();
          cs.setFont(new org.apache.pdfbox.pdmodel.font.PDType1Font(
              org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA), 12);
          cs.newLineAtOffset(70, 780);
          cs.showText("UBND TINH QUANG NINH - cong van kiem thu");
          cs.endText();
        }
        byte[] padding = new byte[Math.max(0, size - 10_000)];
        new java.util.Random(size).nextBytes(padding);
        doc.getDocumentCatalog().getCOSObject().setItem(org.apache.pdfbox.cos.COSName.getPDFName("LTPadding"),
            new org.apache.pdfbox.pdmodel.common.PDStream(doc, new java.io.ByteArrayInputStream(padding)));
        doc.save(plain.toFile());
      }
      var signer = vn.lienthong.core.pdf.PdfSigner.builder().timeStampAuthority(tsa)
          .trustAnchors(pki.trustAnchors()).build();
      var options = vn.lienthong.core.pdf.SignatureOptions.builder().level(vn.lienthong.core.pdf.PadesLevel.B_T)
          .build();
      Credential person = pki.credential(DemoSet.CHAIRMAN);
      Credential seal = pki.seal(unit);
      signer.sign(plain, work.resolve("signed.pdf"), vn.lienthong.core.pki.SigningKey.of(person.privateKey(),
          person.chain()), options);
      signer.sign(work.resolve("signed.pdf"), work.resolve("sealed.pdf"), vn.lienthong.core.pki.SigningKey.of(
          seal.privateKey(), seal.chain()), options);
      return work.resolve("sealed.pdf");
    } catch (Exception e) {
      throw new IllegalStateException("Cannot sign a test PDF: " + e.getMessage(), e);
    }
  }

  /** Writes the roots as PEM. */
  static Path pem(List<X509Certificate> roots, Path file) throws Exception {
    StringBuilder b = new StringBuilder();
    java.util.Base64.Encoder enc = java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    for (X509Certificate c : roots) {
      b.append("-----BEGIN CERTIFICATE-----\n").append(enc.encodeToString(c.getEncoded()))
          .append("\n-----END CERTIFICATE-----\n");
    }
    return java.nio.file.Files.writeString(file, b.toString());
  }

  @Override
  public void close() {
    hub.close();
  }
}
