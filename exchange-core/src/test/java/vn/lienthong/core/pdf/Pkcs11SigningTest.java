package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.apache.xml.security.signature.XMLSignature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.sample.interop.ExternalTool;
import vn.lienthong.core.interop.Pdfsig;
import vn.lienthong.core.edxml.EdxmlReader;
import vn.lienthong.core.edxml.EdxmlWriter;
import vn.lienthong.core.edxml.Envelope;
import vn.lienthong.core.edxml.EnvelopeSigner;
import vn.lienthong.core.edxml.EnvelopeVerifier;
import vn.lienthong.core.edxml.VerificationResult;
import vn.lienthong.core.pki.PkiException;
import vn.lienthong.core.pki.SigningKey;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;

/**
 * Signing with a key on a PKCS#11 token, as clerks' USB tokens hold them: a real software token
 * (SoftHSM 2) holding the chairman's key and chain, used through the JDK's SunPKCS11 provider.
 * Surefire points SOFTHSM2_CONF at {@code target/softhsm/softhsm2.conf}, which this test writes.
 */
class Pkcs11SigningTest {

  static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";
  static final String PIN = "123456";

  @TempDir static Path dir;
  static SampleServices services;
  static Path config;
  /** A second token nobody logs in to: a token stays logged in for the whole process. */
  static Path lockedTokenConfig;

  @BeforeAll
  static void createToken() throws Exception {
    ExternalTool.require("softhsm2-util", "softhsm2");
    ExternalTool.require("pkcs11-tool", "opensc");
    services = new SampleServices(KeyKind.EC_P256);
    Path conf = Path.of(System.getenv("SOFTHSM2_CONF"));
    Path tokens = conf.getParent().resolve("tokens");
    deleteRecursively(conf.getParent());
    Files.createDirectories(tokens);
    Files.writeString(conf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
        + "log.level = ERROR\n");
    long slot = initToken("lienthong");
    lockedTokenConfig = configFor("locked", initToken("never-logged-in"));

    Credential chairman = services.pki.credential(DemoSet.CHAIRMAN);
    Path pem = dir.resolve("key.pem");
    Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64,
        "\n".getBytes()).encodeToString(chairman.privateKey().getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
    run("softhsm2-util", "--import", pem.toString(), "--token", "lienthong", "--label", "chairman",
        "--id", "01", "--pin", PIN);
    int id = 1;
    for (X509Certificate cert : chairman.chain()) {
      Path der = dir.resolve("cert-" + id + ".der");
      Files.write(der, cert.getEncoded());
      run("pkcs11-tool", "--module", LIBRARY, "--token-label", "lienthong", "--login", "--pin", PIN,
          "--write-object", der.toString(), "--type", "cert", "--id",
          String.format("%02d", id), "--label", id == 1 ? "chairman" : "ca-" + id);
      id++;
    }
    config = configFor("lienthong", slot);
  }

  /** Initializes a token in a free slot and returns the slot it was given. */
  private static long initToken(String label) throws Exception {
    ExternalTool.Result r = ExternalTool.run(dir, "softhsm2-util", "--init-token", "--free",
        "--label", label, "--so-pin", "87654321", "--pin", PIN);
    assertThat(r.exitCode()).as(r.output()).isZero();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("slot (\\d+)").matcher(r.output());
    assertThat(m.find()).as(r.output()).isTrue();
    return Long.parseLong(m.group(1));
  }

  private static Path configFor(String name, long slot) throws java.io.IOException {
    Path file = dir.resolve(name + ".cfg");
    Files.writeString(file, "name = SoftHSM-" + name + "\nlibrary = " + LIBRARY + "\nslot = "
        + slot + "\n");
    return file;
  }

  @AfterAll
  static void stop() {
    if (services != null) {
      services.close();
    }
  }

  @Test
  void keyOnTokenSignsAValidBtSignature() throws Exception {
    SigningKey key = SigningKey.fromPkcs11(config, PIN.toCharArray(), null);
    assertThat(key.provider()).isPresent();
    assertThat(key.certificate()).isEqualTo(services.pki.certificate(DemoSet.CHAIRMAN));
    assertThat(key.chain()).hasSize(3);
    Path in = TestPdfs.letter(dir.resolve("letter.pdf"), 1);
    Path out = dir.resolve("token-signed.pdf");

    services.signer().sign(in, out, key, SignatureOptions.builder().level(PadesLevel.B_T)
        .appearance(new Appearance.Signer(SampleServices.signatureImage(), "Phạm Văn Mẫu",
            "Chủ tịch"), Placement.atAnchor(TestPdfs.ANCHOR, 180, 110)).build());

    Pdfsig.trusting(Files.createDirectories(dir.resolve("nss")), services.pki.trustAnchors())
        .assertAllValid(out, 1, 0);
  }

  @Test
  void keyOnTokenSignsAnEnvelope() throws Exception {
    SigningKey key = SigningKey.fromPkcs11(config, PIN.toCharArray(), null);
    Envelope sample;
    try (InputStream in = Pkcs11SigningTest.class.getResourceAsStream(
        "/edxml/samples/edoc_new.edxml")) {
      sample = EdxmlReader.builder()
          .attachmentDirectory(Files.createDirectories(dir.resolve("edxml-in"))).build().read(in);
    }
    EnvelopeSigner signer = EnvelopeSigner.of(key);
    assertThat(signer.algorithm()).isEqualTo(XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA256);
    Path signed = dir.resolve("token-signed.edxml");
    try (OutputStream out = Files.newOutputStream(signed)) {
      EdxmlWriter.signing(signer).write(sample.message(), sample.attachments(), out);
    }

    Envelope read = EdxmlReader.builder()
        .attachmentDirectory(Files.createDirectories(dir.resolve("edxml-out"))).build()
        .read(signed);
    assertThat(EnvelopeVerifier.create().verify(read)).isEqualTo(new VerificationResult.Valid(
        services.pki.certificate(DemoSet.CHAIRMAN), XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA256));
  }

  @Test
  void aTokenKeyWithACertificateOfAnotherTypeIsRefused() throws Exception {
    SigningKey token = SigningKey.fromPkcs11(config, PIN.toCharArray(), null);
    // the committed demo PKI is RSA-2048: an EC key on the token cannot sign for its certificates
    SigningKey mismatched = SigningKey.of(token.privateKey(),
        java.util.List.of(vn.lienthong.sample.pki.SamplePki.demo().certificate(DemoSet.CHAIRMAN)));
    assertThatThrownBy(() -> EnvelopeSigner.of(mismatched))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("certificate's key");
  }

  @Test
  void wrongPinIsReportedAsWrongPassword() {
    assertThatThrownBy(() -> SigningKey.fromPkcs11(lockedTokenConfig, "000000".toCharArray(),
        null))
        .isInstanceOfSatisfying(PkiException.class,
            e -> assertThat(e.reason()).as(e.getMessage())
                .isEqualTo(PkiException.Reason.WRONG_PASSWORD));
  }

  @Test
  void missingTokenLibraryIsReportedAsUnavailable() throws Exception {
    Path bad = dir.resolve("bad.cfg");
    Files.writeString(bad, "name = Missing\nlibrary = " + dir.resolve("no-such-library.so") + "\n");
    assertThatThrownBy(() -> SigningKey.fromPkcs11(bad, PIN.toCharArray(), null))
        .isInstanceOfSatisfying(PkiException.class,
            e -> assertThat(e.reason()).isEqualTo(PkiException.Reason.KEYSTORE_UNAVAILABLE));
  }

  private static void run(String... command) throws Exception {
    ExternalTool.Result r = ExternalTool.run(dir, command);
    assertThat(r.exitCode()).as(String.join(" ", command) + "\n" + r.output()).isZero();
  }

  private static void deleteRecursively(Path p) throws java.io.IOException {
    if (Files.exists(p)) {
      try (var walk = Files.walk(p)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }
}
