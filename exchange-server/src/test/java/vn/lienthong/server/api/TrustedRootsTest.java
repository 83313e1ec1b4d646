package vn.lienthong.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.junit.jupiter.api.Test;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.server.support.MutableClock;
import vn.lienthong.server.support.TestPki;

/**
 * Whom WS-Security signatures may come from: a path to the configured roots, valid now. A path
 * built once is remembered only while every certificate on it is valid, and never for a
 * certificate that has no path. A token's certificate is parsed once, with its key.
 */
class TrustedRootsTest {

  private final Credential unit = TestPki.PKI.system(TestPki.UNITS.get(0));
  private final X509Certificate leaf = unit.certificate();
  private final MutableClock clock = new MutableClock(leaf.getNotBefore().toInstant().plus(Duration.ofDays(1)));
  private final TrustedRoots roots = new TrustedRoots(TestPki.PKI.trustAnchors(), clock);

  @Test
  void aRememberedPathStillEndsWhenItsCertificatesExpire() {
    assertThatCode(() -> verify(unit.chain())).doesNotThrowAnyException();
    assertThatCode(() -> verify(List.of(leaf))).as("the path built with the intermediate is remembered")
        .doesNotThrowAnyException();

    clock.advance(Duration.between(clock.instant(), leaf.getNotAfter().toInstant()).plusSeconds(1));
    assertThatThrownBy(() -> verify(List.of(leaf))).as("remembered only while valid")
        .isInstanceOf(WSSecurityException.class);
    assertThatThrownBy(() -> verify(unit.chain())).isInstanceOf(WSSecurityException.class);
  }

  @Test
  void aCertificateOfAnotherRootIsRefusedEveryTime() {
    assertThatCode(() -> verify(unit.chain())).doesNotThrowAnyException();
    List<X509Certificate> rogue = TestPki.PKI.credential(SamplePki.BAD_UNTRUSTED).chain();
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> verify(rogue)).isInstanceOf(WSSecurityException.class);
    }
  }

  @Test
  void aTokensCertificateIsTheSameObjectWithTheSameKeyForTheSameBytes() throws Exception {
    X509Certificate first = roots.loadCertificate(new ByteArrayInputStream(leaf.getEncoded()));
    assertThat(first).isEqualTo(leaf);
    assertThat(first.getPublicKey().getClass().getName()).as("BouncyCastle's key, which keeps its tables")
        .startsWith("org.bouncycastle.");
    assertThat(roots.loadCertificate(new ByteArrayInputStream(leaf.getEncoded()))).isSameAs(first);
    assertThatCode(() -> verify(List.of(first, unit.chain().get(1)))).doesNotThrowAnyException();

    byte[] trailing = Arrays.copyOf(leaf.getEncoded(), leaf.getEncoded().length + 2);
    assertThatThrownBy(() -> roots.loadCertificate(new ByteArrayInputStream(trailing)))
        .isInstanceOf(WSSecurityException.class);
  }

  private void verify(List<X509Certificate> chain) throws WSSecurityException {
    roots.verifyTrust(chain.toArray(new X509Certificate[0]), false, List.of(), List.of());
  }
}
