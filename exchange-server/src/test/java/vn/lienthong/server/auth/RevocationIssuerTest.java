package vn.lienthong.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.pki.RevocationClient;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.server.support.SystemCerts;
import vn.lienthong.server.support.TestPki;

/**
 * Whom the hub asks about a caller's certificate: the certificate whose name and key issued it,
 * from the client's chain or, when the client leaves the root out (as clients do), from the
 * configured roots; never a look-alike the client slipped in.
 */
class RevocationIssuerTest {

  static final SamplePki PKI = TestPki.PKI;

  static RevocationChecker checker(List<X509Certificate> anchors) {
    return new RevocationChecker(new RevocationClient(Clock.systemUTC(), new SecureRandom(), Duration.ofSeconds(1)),
        Clock.systemUTC(), SecurityConfig.DEFAULT, anchors);
  }

  @Test
  void theIssuerIsTheOneWhoseKeySignedNotTheFirstBearingItsName() {
    Credential unit = PKI.system(DemoSet.HA_LONG);
    X509Certificate govCa = PKI.credential(SamplePki.GOV_CA).certificate();
    X509Certificate junk = SystemCerts.junkCaNamed(govCa);
    assertThat(checker(PKI.trustAnchors()).issuerOf(unit.certificate(), List.of(unit.certificate(), junk, govCa)))
        .isEqualTo(govCa);
    assertThat(checker(PKI.trustAnchors()).issuerOf(unit.certificate(), List.of(unit.certificate(), junk))).isNull();
  }

  @Test
  void aCertificateARootIssuedFindsItsIssuerAmongTheConfiguredRoots() {
    Credential root = PKI.credential(SamplePki.GOV_ROOT);
    Instant now = Instant.now();
    X509Certificate direct = SystemCerts.issue(root, DemoSet.HA_LONG, now.minusSeconds(60), now.plusSeconds(86_400),
        null).certificate();
    List<X509Certificate> presented = List.of(direct);   // the root left out of the TLS chain
    assertThat(checker(PKI.trustAnchors()).issuerOf(direct, presented)).isEqualTo(root.certificate());
    assertThat(checker(List.of()).issuerOf(direct, presented)).as("without the roots: no one to ask").isNull();
  }
}
