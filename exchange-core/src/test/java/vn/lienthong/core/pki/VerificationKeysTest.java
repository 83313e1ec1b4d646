package vn.lienthong.core.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import org.junit.jupiter.api.Test;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.SamplePki;

/** Certificates' keys become BouncyCastle's once, verify what their private keys signed, and are bounded. */
class VerificationKeysTest {

  private static final byte[] DATA = "công văn".getBytes(StandardCharsets.UTF_8);
  private static final SamplePki PKI = SamplePki.demo();

  @Test
  void aCertificatesKeyIsConvertedOnceAndVerifiesItsSignatures() throws Exception {
    Credential chairman = PKI.credential(DemoSet.CHAIRMAN);
    VerificationKeys keys = new VerificationKeys(4);
    PublicKey key = keys.of(chairman.certificate());
    assertThat(key.getClass().getName()).startsWith("org.bouncycastle.");
    assertThat(key.getEncoded()).isEqualTo(chairman.certificate().getPublicKey().getEncoded());
    assertThat(keys.of(chairman.certificate())).isSameAs(key);

    String method = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    Signature signer = Signature.getInstance(method);
    signer.initSign(chairman.privateKey());
    signer.update(DATA);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance(method, CryptoProviders.bouncyCastle());
    verifier.initVerify(key);
    verifier.update(DATA);
    assertThat(verifier.verify(signature)).isTrue();
    verifier.initVerify(keys.of(PKI.certificate(SamplePki.TSA)));
    verifier.update(DATA);
    assertThat(verifier.verify(signature)).as("another certificate's key").isFalse();
  }

  @Test
  void theLeastRecentlyUsedKeyIsForgottenBeyondTheCapacity() {
    VerificationKeys keys = new VerificationKeys(1);
    PublicKey first = keys.of(PKI.certificate(DemoSet.CHAIRMAN));
    keys.of(PKI.certificate(SamplePki.TSA));
    assertThat(keys.of(PKI.certificate(DemoSet.CHAIRMAN))).isNotSameAs(first).isEqualTo(first);
    assertThatThrownBy(() -> new VerificationKeys(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
