package vn.lienthong.client;


import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.sample.pki.DemoSet.FINANCE;
import static vn.lienthong.sample.pki.DemoSet.PROVINCE;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.xml.security.signature.XMLSignature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.client.dx.Dx;
import vn.lienthong.core.edxml.EdxmlReader;
import vn.lienthong.core.edxml.EnvelopeSigner;
import vn.lienthong.core.edxml.EnvelopeVerifier;
import vn.lienthong.core.edxml.VerificationResult;
import vn.lienthong.core.pki.SigningKey;
import vn.lienthong.core.validation.SignatureReport;
import vn.lienthong.core.validation.ValidationPolicy;
import vn.lienthong.core.validation.ValidationReport;
import vn.lienthong.core.validation.Verifier;
import vn.lienthong.sample.interop.SoftHsmToken;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.sample.services.SampleCaServer;

/**
 * The unit's keys on a PKCS#11 token (SoftHSM 2), as clerks keep them: one token holds the
 * province's system key, the chairman's signing key and the province's seal key, each with its
 * chain. The library authenticates the mutual TLS handshake and signs envelopes on the token, and
 * {@code dx sign}, {@code dx seal} and {@code dx send} with {@code --pkcs11} sign on it end to end.
 * One token for the whole class: SoftHSM reads its configuration once per process. Skipped with
 * the reason where SoftHSM or OpenSC's pkcs11-tool is missing; failed under CI=true (.ci/run
 * installs them). Surefire sets SOFTHSM2_CONF.
 */
class Pkcs11ClientTest {

  static final String PIN = "123456";

  @TempDir
  static Path dir;
  static SampleCaServer ca;
  static SamplePki pki;
  static TestHub hub;
  static Path config;
  /** The same token under another provider name, for {@code dx send}, which runs in this JVM. */
  static Path dxConfig;

  @BeforeAll
  static void start() throws Exception {
    SoftHsmToken.require();
    Clock clock = Clock.systemUTC();
    ca = SampleCaServer.bind(0, clock);
    pki = DemoSet.generator(KeyKind.EC_P256, ca.urls()).clock(clock).build().generate();
    ca.start(pki);
    Map<String, Credential> keys = new LinkedHashMap<>();
    keys.put("system", pki.system(PROVINCE));
    keys.put("chairman", pki.credential(DemoSet.CHAIRMAN));
    keys.put("seal", pki.seal(PROVINCE));
    config = SoftHsmToken.create(dir, "unit", PIN, keys);
    dxConfig = Files.writeString(dir.resolve("token-dx.cfg"),
        Files.readString(config).replace("name = SoftHSM-unit", "name = SoftHSM-dx"));
    hub = TestHub.start(dir.resolve("hub"), pki);
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.close();
    }
    if (ca != null) {
      ca.close();
    }
  }

  @Test
  void aKeyOnATokenAuthenticatesAndSignsTheEnvelope() throws Exception {
    SigningKey onToken = SigningKey.fromPkcs11(config, PIN.toCharArray(), "system");
    assertThat(onToken.provider()).isPresent();
    assertThat(onToken.certificate()).isEqualTo(pki.system(PROVINCE).certificate());
    try (ExchangeClient client = ExchangeClient.builder().hub(hub.address()).identity(onToken)
        .trustedRoots(pki.trustAnchors()).build()) {
      Path envelope = DocumentBuilder.from(PROVINCE, "UBND tỉnh", Clock.systemUTC()).to(FINANCE, "Sở Tài chính")
          .documentId("P11-1").subject("V/v ký bằng thiết bị")
          .write(EnvelopeSigner.of(onToken), dir.resolve("p11.edxml"));
      assertThat(verifyEnvelope(envelope)).isEqualTo(new VerificationResult.Valid(onToken.certificate(),
          XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA256));
      assertThat(client.send(envelope).recipients()).isEqualTo(1);
      assertThat(client.traces("P11-1").of(FINANCE).orElseThrow().delivery()).isEqualTo("PENDING");
    }
    SigningKey again = SigningKey.fromPkcs11(config, PIN.toCharArray(), "system");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ExchangeClient.builder().identity(again))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("load the token once");
  }

  @Test
  void dxSignsSealsAndSendsWithTheKeysOnTheToken() throws Exception {
    Path draft = dir.resolve("to-trinh.pdf");
    try (PDDocument doc = new PDDocument()) {
      doc.addPage(new PDPage());
      doc.save(draft.toFile());
    }
    Path signed = dir.resolve("signed.pdf");
    Path sealed = dir.resolve("sealed.pdf");
    String[] token = {"--pkcs11", config.toString(), "--password", PIN};
    Run sign = dx(concat(new String[] {"sign", draft.toString(), "-o", signed.toString(), "--alias", "chairman",
        "--image", image("sample-signature.png").toString(), "--name", "Phạm Văn Mẫu", "--position", "Chủ tịch"},
        token));
    assertThat(sign.exit()).as(sign.err()).isZero();
    Run seal = dx(concat(new String[] {"seal", signed.toString(), "-o", sealed.toString(), "--alias", "seal",
        "--image", image("sample-seal.png").toString(), "--organization", "Ủy ban nhân dân tỉnh Quảng Ninh"}, token));
    assertThat(seal.exit()).as(seal.err()).isZero();
    ValidationReport report = Verifier.builder(pki.trustAnchors()).policy(ValidationPolicy.decree30()).build()
        .verify(sealed);
    assertThat(report.verdict().passed()).as(report.verdict().toString()).isTrue();
    assertThat(report.signatures()).extracting(SignatureReport::role)
        .contains(SignatureReport.Role.SIGNER, SignatureReport.Role.ORGANIZATION_SEAL);

    Path envelope = dir.resolve("dx-p11.edxml");
    Run send = dx("send", "--hub", hub.address(), "--pkcs11", dxConfig.toString(), "--password", PIN, "--alias",
        "system", "--trust", TestHub.pem(pki.trustAnchors(), dir.resolve("roots.pem")).toString(), "--to", FINANCE,
        "--id", "P11-DX", "--code", "8/UBND-VP", "--subject", "V/v gửi bằng thiết bị", "--envelope",
        envelope.toString(), sealed.toString());
    assertThat(send.exit()).as(send.err()).isZero();
    assertThat(send.out()).contains("P11-DX").contains("1 recipients");
    assertThat(verifyEnvelope(envelope)).isEqualTo(new VerificationResult.Valid(pki.system(PROVINCE).certificate(),
        XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA256));
  }

  record Run(int exit, String out, String err) {}

  static Run dx(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Dx.run(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), args);
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static VerificationResult verifyEnvelope(Path envelope) throws Exception {
    Path out = Files.createTempDirectory(dir, "read");
    return EnvelopeVerifier.create().verify(EdxmlReader.builder().attachmentDirectory(out).build().read(envelope));
  }

  private static String[] concat(String[] a, String[] b) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray(new String[0]);
  }

  private static Path image(String name) throws Exception {
    try (InputStream in = Pkcs11ClientTest.class.getResourceAsStream("/vn/lienthong/sample/images/" + name)) {
      return Files.write(dir.resolve(name), in.readAllBytes());
    }
  }
}
