package vn.lienthong.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.SamplePki;

/** Certificates held to the policy: the issuer's digest and the certificate's own key. */
class AlgorithmPolicyTest {

  static final SamplePki PKI = SamplePki.demo();
  static final Instant NOW = Instant.parse("2026-11-27T00:00:00Z");

  static X509Certificate cert(String alias) {
    return PKI.credential(alias).certificate();
  }

  @Test
  void aCurrentCertificateHasNoWeakness() {
    X509Certificate system = PKI.system(DemoSet.PROVINCE).certificate();

    assertThat(AlgorithmPolicy.signatureDigest(system)).contains("SHA-256");
    assertThat(AlgorithmPolicy.DEFAULT.weakness(system, NOW)).isEmpty();
  }

  @Test
  void aShortKeyOrASha1SignatureIsNamed() {
    assertThat(AlgorithmPolicy.DEFAULT.weakness(cert(SamplePki.BAD_RSA_1024), NOW))
        .hasValueSatisfying(w -> assertThat(w).startsWith("a 1024-bit RSA key"));
    assertThat(AlgorithmPolicy.signatureDigest(cert(SamplePki.BAD_SHA1))).contains("SHA-1");
    assertThat(AlgorithmPolicy.DEFAULT.weakness(cert(SamplePki.BAD_SHA1), NOW))
        .hasValueSatisfying(w -> assertThat(w).startsWith("signed with SHA1with"));
  }

  @Test
  void whatWasAcceptableThenIsJudgedAtItsTime() {
    Instant in2012 = Instant.parse("2012-06-01T00:00:00Z");

    assertThat(AlgorithmPolicy.DEFAULT.weakness(cert(SamplePki.BAD_RSA_1024), in2012)).isEmpty();
    assertThat(AlgorithmPolicy.DEFAULT.weakness(cert(SamplePki.BAD_SHA1), in2012)).isEmpty();
  }
}
