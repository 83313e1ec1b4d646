package vn.lienthong.core.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.SamplePki;

/**
 * Certificates' keys become BouncyCastle's once, verify what their private keys signed, and are
 * bounded; certificates parsed from their encoding are the same object, with the same key, again.
 */
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

  @Test
  void aCertificateIsParsedOnceAndKeepsItsKey() throws Exception {
    VerificationKeys keys = new VerificationKeys(1);
    X509Certificate chairman = PKI.certificate(DemoSet.CHAIRMAN);
    X509Certificate parsed = keys.certificate(chairman.getEncoded());
    assertThat(parsed.getClass().getName()).startsWith("org.bouncycastle.");
    assertThat(parsed).isEqualTo(chairman);
    assertThat(parsed.getPublicKey().getClass().getName()).startsWith("org.bouncycastle.");
    assertThat(keys.certificate(chairman.getEncoded())).isSameAs(parsed);
    assertThat(parsed.getPublicKey()).isSameAs(parsed.getPublicKey());

    keys.certificate(PKI.certificate(SamplePki.TSA).getEncoded());
    assertThat(keys.certificate(chairman.getEncoded())).as("forgotten beyond the capacity")
        .isNotSameAs(parsed).isEqualTo(parsed);
  }

  @Test
  void onlyExactlyOneCertificateIsAccepted() throws Exception {
    VerificationKeys keys = new VerificationKeys(4);
    byte[] der = PKI.certificate(DemoSet.CHAIRMAN).getEncoded();
    byte[] trailing = Arrays.copyOf(der, der.length + 1);
    assertThatThrownBy(() -> keys.certificate(trailing)).isInstanceOf(CertificateException.class)
        .hasMessageContaining("not one DER certificate");
    assertThatThrownBy(() -> keys.certificate(Arrays.copyOf(der, der.length / 2)))
        .isInstanceOf(CertificateException.class);
    assertThatThrownBy(() -> keys.certificate("-- no certificate --".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(CertificateException.class);
    assertThat(keys.certificate(der).getEncoded()).as("the refusals were not remembered").isEqualTo(der);
  }
}
