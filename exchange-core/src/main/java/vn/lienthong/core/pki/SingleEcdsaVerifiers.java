package vn.lienthong.core.pki;

import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.RawContentVerifier;
import org.bouncycastle.operator.RuntimeOperatorException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * BouncyCastle's content verifiers for one public key, except that an ECDSA signature is verified
 * once. BouncyCastle's {@code JcaContentVerifierProviderBuilder} pairs each ECDSA verifier with a
 * "raw" twin ({@code NONEwithECDSA}) and, so that a PKCS#11 token frees the twin's session, runs
 * the twin's verification after the real one and discards its answer: every CMS signature, time
 * stamp and OCSP response cost two ECDSA verifications (measured: 45 % and 41 % of a SignerInfo
 * check). Here ECDSA gets one {@link Signature}, whose answer is the answer, as it is in
 * BouncyCastle's; the raw form is made only when BouncyCastle asks for it (a SignerInfo without
 * signed attributes, checked against a digest). Other algorithms are BouncyCastle's verifiers.
 */
final class SingleEcdsaVerifiers implements ContentVerifierProvider {

  private static final Map<ASN1ObjectIdentifier, String> ECDSA = Map.of(
      X9ObjectIdentifiers.ecdsa_with_SHA224, "SHA224withECDSA",
      X9ObjectIdentifiers.ecdsa_with_SHA256, "SHA256withECDSA",
      X9ObjectIdentifiers.ecdsa_with_SHA384, "SHA384withECDSA",
      X9ObjectIdentifiers.ecdsa_with_SHA512, "SHA512withECDSA");

  private final PublicKey key;
  private final Provider provider;
  private final X509CertificateHolder certificate;

  /**
   * @param certificate the certificate of {@code key}, or null: BouncyCastle's time-stamp token
   *     validation needs one (it checks the token's ESSCertID and the key usage against it)
   */
  SingleEcdsaVerifiers(PublicKey key, Provider provider, X509CertificateHolder certificate) {
    this.key = Objects.requireNonNull(key, "key");
    this.provider = Objects.requireNonNull(provider, "provider");
    this.certificate = certificate;
  }

  @Override
  public boolean hasAssociatedCertificate() {
    return certificate != null;
  }

  @Override
  public X509CertificateHolder getAssociatedCertificate() {
    return certificate;
  }

  @Override
  public ContentVerifier get(AlgorithmIdentifier algorithm) throws OperatorCreationException {
    String name = ECDSA.get(algorithm.getAlgorithm());
    if (name == null) {
      return new JcaContentVerifierProviderBuilder().setProvider(provider).build(key).get(algorithm);
    }
    try {
      Signature signature = Signature.getInstance(name, provider);
      signature.initVerify(key);
      return new Once(algorithm, signature);
    } catch (GeneralSecurityException e) {
      throw new OperatorCreationException("cannot verify " + name + ": " + e.getMessage(), e);
    }
  }

  /** One ECDSA verification over what is written, or (raw) over a given digest. */
  private final class Once implements ContentVerifier, RawContentVerifier {
    private final AlgorithmIdentifier algorithm;
    private final Signature signature;

    Once(AlgorithmIdentifier algorithm, Signature signature) {
      this.algorithm = algorithm;
      this.signature = signature;
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
      return algorithm;
    }

    @Override
    public OutputStream getOutputStream() {
      return new OutputStream() {
        @Override
        public void write(int b) {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          try {
            signature.update(b, off, len);
          } catch (SignatureException e) {
            throw new RuntimeOperatorException("exception in content signer: " + e.getMessage(), e);
          }
        }
      };
    }

    @Override
    public boolean verify(byte[] expected) {
      try {
        return signature.verify(expected);
      } catch (SignatureException e) {
        throw new RuntimeOperatorException("exception obtaining signature: " + e.getMessage(), e);
      }
    }

    @Override
    public boolean verify(byte[] digest, byte[] expected) {
      try {
        Signature raw = Signature.getInstance("NONEwithECDSA", provider);
        raw.initVerify(key);
        raw.update(digest);
        return raw.verify(expected);
      } catch (GeneralSecurityException e) {
        throw new RuntimeOperatorException("exception obtaining raw signature: " + e.getMessage(), e);
      }
    }
  }
}
