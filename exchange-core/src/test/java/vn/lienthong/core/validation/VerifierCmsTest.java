package vn.lienthong.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.pki.DigestAlgorithm;
import vn.lienthong.core.pki.RevocationClient;
import vn.lienthong.core.pki.TimeStampClient;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.sample.services.SampleCaServer;

/** Detached CAdES files (.p7s beside their content) through the {@link Verifier}. */
class VerifierCmsTest {

  @TempDir static Path dir;
  static final Clock CLOCK = Clock.systemUTC();
  static SampleCaServer server;
  static SamplePki pki;
  static Path content;
  static Credential seal;

  @BeforeAll
  static void start() throws Exception {
    server = SampleCaServer.bind(0, CLOCK);
    pki = DemoSet.generator(KeyKind.EC_P256, server.urls()).clock(CLOCK).build().generate();
    server.start(pki);
    seal = pki.seal(DemoSet.PROVINCE);
    byte[] bytes = new byte[300_000];
    new Random(7).nextBytes(bytes);
    content = Files.write(dir.resolve("bao-cao.docx"), bytes);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Verifier.Builder verifier() {
    return Verifier.builder(pki.trustAnchors()).policy(ValidationPolicy.basic());
  }

  static Path fresh(String name) throws Exception {
    Path copy = dir.resolve(name);
    Files.copy(content, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return copy;
  }

  static TimeStampClient tsa() {
    return new TimeStampClient(server.urls().tsa(), CLOCK, new SecureRandom(),
        Duration.ofSeconds(10));
  }

  @Test
  void aDetachedCadesSignatureMadeWithBouncyCastlePasses() throws Exception {
    Path p7s = DetachedCms.sign(fresh("plain.docx"), seal);

    ValidationReport report = verifier().build().verify(p7s);

    assertThat(report.verdict()).isEqualTo(Verdict.PASSED);
    assertThat(report.documentType()).isEqualTo("CMS");
    SignatureReport signature = report.signatures().get(0);
    assertThat(signature.kind()).isEqualTo(SignatureReport.Kind.CADES);
    assertThat(signature.format()).isEqualTo("CAdES-BASELINE-B");
    assertThat(signature.role()).isEqualTo(SignatureReport.Role.ORGANIZATION_SEAL);
  }

  @Test
  void aSignatureTimestampMakesItBaselineT() throws Exception {
    Path p7s = DetachedCms.sign(fresh("stamped.docx"), seal);
    byte[] imprint = MessageDigest.getInstance("SHA-256").digest(DetachedCms.signatureValue(p7s));
    DetachedCms.addUnsigned(p7s, DetachedCms.timestamp(
        tsa().stamp(DigestAlgorithm.SHA256, imprint).encoded()));

    ValidationReport report = verifier().build().verify(p7s);

    assertThat(report.verdict()).isEqualTo(Verdict.PASSED);
    SignatureReport signature = report.signatures().get(0);
    assertThat(signature.format()).isEqualTo("CAdES-BASELINE-T");
    assertThat(signature.timestamps()).singleElement()
        .matches(t -> t.verdict().passed() && t.tsa().contains("CN="));
  }

  @Test
  void aTimestampOverOtherBytesProvesNothing() throws Exception {
    Path p7s = DetachedCms.sign(fresh("bad-stamp.docx"), seal);
    byte[] other = MessageDigest.getInstance("SHA-256")
        .digest("some other bytes".getBytes(StandardCharsets.UTF_8));
    DetachedCms.addUnsigned(p7s, DetachedCms.timestamp(
        tsa().stamp(DigestAlgorithm.SHA256, other).encoded()));

    ValidationReport report = verifier().build().verify(p7s);

    assertThat(report.verdict()).isEqualTo(Verdict.of(Indication.INDETERMINATE,
        SubIndication.NO_POE));
    assertThat(decisive(report.signatures().get(0)))
        .containsExactly(CheckId.TIMESTAMP_IMPRINT_MATCHES);
    assertThat(report.signatures().get(0).format()).isEqualTo("CAdES-BASELINE-B");
  }

  @Test
  void changedContentIsAHashFailure() throws Exception {
    Path file = fresh("changed.docx");
    Path p7s = DetachedCms.sign(file, seal);
    byte[] bytes = Files.readAllBytes(file);
    bytes[1000] ^= 1;
    Files.write(file, bytes);

    assertThat(verifier().build().verify(p7s).verdict()).isEqualTo(
        Verdict.of(Indication.TOTAL_FAILED, SubIndication.HASH_FAILURE));
  }

  @Test
  void missingContentIsSignedDataNotFound() throws Exception {
    Path file = fresh("gone.docx");
    Path p7s = DetachedCms.sign(file, seal);
    Files.delete(file);

    assertThat(verifier().build().verify(p7s).verdict()).isEqualTo(
        Verdict.of(Indication.INDETERMINATE, SubIndication.SIGNED_DATA_NOT_FOUND));
  }

  @Test
  void embeddedOcspAnswersFromTheRealRespondersPassOffline() throws Exception {
    Path p7s = DetachedCms.sign(fresh("ocsp-good.docx"), seal);
    DetachedCms.addUnsigned(p7s, DetachedCms.revocationValues(List.of(
        genuine(seal.certificate(), pki.certificate(SamplePki.GOV_CA)),
        genuine(pki.certificate(SamplePki.GOV_CA), pki.certificate(SamplePki.GOV_ROOT)))));

    ValidationReport report = verifier().revocationMode(RevocationMode.OFFLINE).build()
        .verify(p7s);

    assertThat(report.verdict()).isEqualTo(Verdict.PASSED);
    assertThat(report.signatures().get(0).revocations()).hasSize(2)
        .allMatch(r -> r.origin().equals("embedded"));
  }

  @Test
  void anOcspAnswerSignedByAnUnauthorizedResponderIsNotBelieved() throws Exception {
    X509Certificate ca = pki.certificate(SamplePki.GOV_CA);
    assertNotBelieved("ocsp-forged.docx", forged(seal.certificate(), ca, pki.seal(DemoSet.HA_LONG)));
  }

  /** The responder is looked for by the name the answer gives first; a false name changes nothing. */
  @Test
  void anOcspAnswerNamingTheCaButSignedByAnotherKeyIsNotBelieved() throws Exception {
    X509Certificate ca = pki.certificate(SamplePki.GOV_CA);
    assertNotBelieved("ocsp-misnamed.docx", forged(seal.certificate(), ca, pki.seal(DemoSet.HA_LONG), ca));
  }

  /** A document sealed with {@code answer} about the seal embedded: the answer is not authentic. */
  private void assertNotBelieved(String name, byte[] answer) throws Exception {
    Path p7s = DetachedCms.sign(fresh(name), seal);
    DetachedCms.addUnsigned(p7s, DetachedCms.revocationValues(List.of(answer,
        genuine(pki.certificate(SamplePki.GOV_CA), pki.certificate(SamplePki.GOV_ROOT)))));

    ValidationReport report = verifier().revocationMode(RevocationMode.OFFLINE).build()
        .verify(p7s);

    assertThat(report.verdict()).isEqualTo(Verdict.of(Indication.INDETERMINATE,
        SubIndication.TRY_LATER));
    assertThat(decisive(report.signatures().get(0)))
        .containsExactly(CheckId.REVOCATION_DATA_AUTHENTIC);
  }

  static List<CheckId> decisive(SignatureReport signature) {
    return signature.checks().stream().filter(CheckResult::isDecisive).map(CheckResult::id)
        .toList();
  }

  static byte[] genuine(X509Certificate cert, X509Certificate issuer) throws Exception {
    return new RevocationClient(CLOCK, new SecureRandom(), Duration.ofSeconds(5))
        .fetch(cert, issuer).encoded();
  }

  /** A "good" answer about {@code cert}, signed by a key its CA never made a responder. */
  static byte[] forged(X509Certificate cert, X509Certificate issuer, Credential responder)
      throws Exception {
    return forged(cert, issuer, responder, responder.certificate());
  }

  /** The same, its ResponderID naming {@code namedAs}. */
  static byte[] forged(X509Certificate cert, X509Certificate issuer, Credential responder,
      X509Certificate namedAs) throws Exception {
    CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
        .get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(issuer),
        cert.getSerialNumber());
    Instant now = Instant.now();
    BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(
        X500Name.getInstance(namedAs.getSubjectX500Principal().getEncoded())));
    builder.addResponse(id, CertificateStatus.GOOD, Date.from(now),
        Date.from(now.plusSeconds(3600)), null);
    BasicOCSPResp basic = builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
            .build(responder.privateKey()),
        new X509CertificateHolder[] {new JcaX509CertificateHolder(responder.certificate())},
        Date.from(now));
    return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
  }
}
