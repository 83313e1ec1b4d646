package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.core.pdf.VerifierPdfTest.describe;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.pki.TimeStampClient;
import vn.lienthong.core.validation.Indication;
import vn.lienthong.core.validation.RevocationInfo;
import vn.lienthong.core.validation.SignatureReport;
import vn.lienthong.core.validation.SubIndication;
import vn.lienthong.core.validation.ValidationPolicy;
import vn.lienthong.core.validation.ValidationReport;
import vn.lienthong.core.validation.VerificationContext;
import vn.lienthong.core.validation.Verdict;
import vn.lienthong.core.validation.Verifier;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;
import vn.lienthong.sample.pki.RevocationReason;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.sample.services.SampleCaServer.Service;

/**
 * PDFs signed with the sample PKI's deliberately bad certificates (signed without the signer's
 * own checks, as a forger would), stale and unreachable revocation services: each gets its
 * indication and sub-indication.
 */
class VerifierBadSignersTest {

  @TempDir static Path dir;
  static SampleServices services;
  static Path letter;

  @BeforeAll
  static void start() throws Exception {
    services = new SampleServices(KeyKind.EC_P256);
    letter = TestPdfs.letter(dir.resolve("letter.pdf"), 1);
  }

  @AfterAll
  static void stop() {
    services.close();
  }

  /** Signs with any key, skipping {@link PdfSigner}'s refusal of bad certificates. */
  static Path signUnchecked(String alias, PadesLevel level) throws Exception {
    Path out = dir.resolve(alias + "-" + level + ".pdf");
    TimeStampClient tsa = level == PadesLevel.B_B ? null : new TimeStampClient(
        services.server.urls().tsa(), services.clock, new SecureRandom(), Duration.ofSeconds(10));
    new Revisions(new CmsSignatureBuilder(new SecureRandom())).sign(letter, out,
        services.key(alias), SignatureOptions.builder().level(level).build(),
        services.clock.instant(), tsa);
    return out;
  }

  static Verdict verdictOf(Path pdf, VerificationContext context) {
    ValidationReport report = Verifier.builder(services.pki.trustAnchors())
        .clock(services.clock).policy(ValidationPolicy.basic()).build().verify(pdf, context);
    SignatureReport signature = report.signatures().get(0);
    assertThat(report.verdict()).as(describe(report)).isEqualTo(signature.verdict());
    return signature.verdict();
  }

  static Verdict verdictOf(Path pdf) {
    return verdictOf(pdf, VerificationContext.none());
  }

  @Test
  void aSealRevokedBeforeItsTimestampIsRevoked() throws Exception {
    services.server.revoke(services.pki.certificate(SamplePki.BAD_REVOKED),
        RevocationReason.KEY_COMPROMISE, Instant.now().minusSeconds(60));
    Path pdf = signUnchecked(SamplePki.BAD_REVOKED, PadesLevel.B_T);

    assertThat(verdictOf(pdf)).isEqualTo(Verdict.of(Indication.TOTAL_FAILED,
        SubIndication.REVOKED));
  }

  @Test
  void aRevokedSealWithoutProofOfExistenceIsRevokedNoPoe() throws Exception {
    services.server.revoke(services.pki.certificate(SamplePki.BAD_REVOKED),
        RevocationReason.KEY_COMPROMISE, Instant.now().minusSeconds(60));
    Path pdf = signUnchecked(SamplePki.BAD_REVOKED, PadesLevel.B_B);

    assertThat(verdictOf(pdf)).isEqualTo(Verdict.of(Indication.INDETERMINATE,
        SubIndication.REVOKED_NO_POE));
  }

  @Test
  void aSealRevokedAfterItsTimestampStillPasses() throws Exception {
    Path pdf = signUnchecked(SamplePki.sealAlias(DemoSet.HOME_AFFAIRS), PadesLevel.B_T);
    Thread.sleep(1100);
    services.server.revoke(services.pki.seal(DemoSet.HOME_AFFAIRS).certificate(),
        RevocationReason.KEY_COMPROMISE, Instant.now());

    assertThat(verdictOf(pdf)).isEqualTo(Verdict.PASSED);
  }

  @Test
  void anExpiredSealWithoutTimestampIsOutOfBoundsNoPoe() throws Exception {
    assertThat(verdictOf(signUnchecked(SamplePki.BAD_EXPIRED, PadesLevel.B_B)))
        .isEqualTo(Verdict.of(Indication.INDETERMINATE, SubIndication.OUT_OF_BOUNDS_NO_POE));
  }

  @Test
  void anExpiredSealWithATimestampAfterExpiryIsExpired() throws Exception {
    assertThat(verdictOf(signUnchecked(SamplePki.BAD_EXPIRED, PadesLevel.B_T)))
        .isEqualTo(Verdict.of(Indication.TOTAL_FAILED, SubIndication.EXPIRED));
  }

  @Test
  void aSealNotYetValidIsNotYetValid() throws Exception {
    assertThat(verdictOf(signUnchecked(SamplePki.BAD_NOT_YET_VALID, PadesLevel.B_B)))
        .isEqualTo(Verdict.of(Indication.TOTAL_FAILED, SubIndication.NOT_YET_VALID));
  }

  @Test
  void aSealFromAnUntrustedRootHasNoChain() throws Exception {
    assertThat(verdictOf(signUnchecked(SamplePki.BAD_UNTRUSTED, PadesLevel.B_B)))
        .isEqualTo(Verdict.of(Indication.INDETERMINATE,
            SubIndication.NO_CERTIFICATE_CHAIN_FOUND));
  }

  @Test
  void aCertificateWithoutSigningUsageFailsItsConstraints() throws Exception {
    assertThat(verdictOf(signUnchecked(SamplePki.BAD_NO_SIGNING_USAGE, PadesLevel.B_B)))
        .isEqualTo(Verdict.of(Indication.INDETERMINATE, SubIndication.SIG_CONSTRAINTS_FAILURE));
  }

  @Test
  void anRsa1024KeyFailsTheCryptographicConstraints() throws Exception {
    assertThat(verdictOf(signUnchecked(SamplePki.BAD_RSA_1024, PadesLevel.B_B)))
        .isEqualTo(Verdict.of(Indication.INDETERMINATE,
            SubIndication.CRYPTO_CONSTRAINTS_FAILURE_NO_POE));
  }

  @Test
  void aCertificateSignedWithSha1FailsTheCryptographicConstraints() throws Exception {
    assertThat(verdictOf(signUnchecked(SamplePki.BAD_SHA1, PadesLevel.B_B)))
        .isEqualTo(Verdict.of(Indication.INDETERMINATE,
            SubIndication.CRYPTO_CONSTRAINTS_FAILURE_NO_POE));
  }

  @Test
  void anOcspAnswerPastItsNextUpdateIsStale() throws Exception {
    Path pdf = signUnchecked(SamplePki.sealAlias(DemoSet.FINANCE), PadesLevel.B_B);

    // the responder answers now, with nextUpdate in an hour; validated three hours later
    assertThat(verdictOf(pdf, VerificationContext.none().at(Instant.now().plusSeconds(3 * 3600))))
        .isEqualTo(Verdict.of(Indication.INDETERMINATE,
            SubIndication.REVOCATION_OUT_OF_BOUNDS_NO_POE));
  }

  @Test
  void withTheResponderDownTheCrlAnswers() throws Exception {
    Path pdf = signUnchecked(SamplePki.sealAlias(DemoSet.HA_LONG), PadesLevel.B_B);
    services.server.setDown(Service.OCSP, true);
    try {
      ValidationReport report = Verifier.builder(services.pki.trustAnchors())
          .policy(ValidationPolicy.basic()).build().verify(pdf);

      assertThat(report.verdict().passed()).as(describe(report)).isTrue();
      assertThat(report.signatures().get(0).revocations())
          .allMatch(r -> r.source() == RevocationInfo.Source.CRL && r.origin().endsWith(".crl"));
    } finally {
      services.server.setDown(Service.OCSP, false);
    }
  }

  @Test
  void withNoRevocationServiceAnsweringTheResultIsTryLater() throws Exception {
    Path pdf = signUnchecked(SamplePki.sealAlias(DemoSet.MONG_CAI), PadesLevel.B_B);
    services.server.setDown(Service.OCSP, true);
    services.server.setDown(Service.CRL, true);
    try {
      assertThat(verdictOf(pdf)).isEqualTo(Verdict.of(Indication.INDETERMINATE,
          SubIndication.TRY_LATER));
    } finally {
      services.server.setDown(Service.OCSP, false);
      services.server.setDown(Service.CRL, false);
    }
  }

  @Test
  void answersAreCachedUntilTheirNextUpdate() throws Exception {
    Path pdf = signUnchecked(SamplePki.sealAlias(DemoSet.PROVINCE_COUNCIL), PadesLevel.B_B);
    Verifier verifier = Verifier.builder(services.pki.trustAnchors())
        .policy(ValidationPolicy.basic()).build();
    assertThat(verifier.verify(pdf).verdict().passed()).isTrue();
    long asked = services.server.requestCount(Service.OCSP);

    ValidationReport again = verifier.verify(pdf);

    assertThat(again.verdict().passed()).isTrue();
    assertThat(services.server.requestCount(Service.OCSP)).isEqualTo(asked);
    assertThat(again.signatures().get(0).revocations()).allMatch(r -> r.origin().equals("cache"));
  }
}
