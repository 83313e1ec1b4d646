package vn.lienthong.core.pki;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * BouncyCastle's provider for the project's signature work, and the verifiers every CMS,
 * time-stamp and OCSP signature check uses. Why not the JDK's: SunEC verifies ECDSA P-256 about
 * six times slower and signs about twice as slowly as BouncyCastle (exchange-bench's
 * {@code BaselineBenchmark}), and every Decree 30 document carries several such signatures
 * (signer, seal, their time stamps, OCSP responses, the envelope, each WS-Security request); RSA
 * is the same speed on both. The provider is a private instance, never registered in the JVM, so
 * the process's own provider order (TLS, key stores) is untouched.
 */
public final class CryptoProviders {

  private static final Provider PROVIDER = new BouncyCastleProvider();
  // read-only after construction, so shared by every verifier: building the name generator's
  // tables per signature was 1 % of the hub's CPU
  private static final DefaultCMSSignatureAlgorithmNameGenerator SIGNATURE_NAMES =
      new DefaultCMSSignatureAlgorithmNameGenerator();
  private static final DefaultSignatureAlgorithmIdentifierFinder SIGNATURE_ALGORITHMS =
      new DefaultSignatureAlgorithmIdentifierFinder();
  private static final DigestCalculatorProvider DIGESTS = digests();

  private CryptoProviders() {}

  /**
   * A verifier of CMS {@code SignerInfo}s (signatures, time-stamp tokens) made with {@code key}:
   * BouncyCastle's, except that an ECDSA signature is verified once, not twice
   * ({@link SingleEcdsaVerifiers}).
   */
  public static SignerInformationVerifier signerInfoVerifier(PublicKey key) throws OperatorCreationException {
    return signerInfoVerifier(new SingleEcdsaVerifiers(key, PROVIDER, null));
  }

  /**
   * As {@link #signerInfoVerifier(PublicKey)}, with {@code key}'s certificate attached: BouncyCastle's
   * {@code TimeStampToken.validate} needs it (the token's ESSCertID, the key usage, the validity at
   * the token's time).
   */
  public static SignerInformationVerifier signerInfoVerifier(PublicKey key, X509CertificateHolder certificate)
      throws OperatorCreationException {
    return signerInfoVerifier(new SingleEcdsaVerifiers(key, PROVIDER, Objects.requireNonNull(certificate)));
  }

  private static SignerInformationVerifier signerInfoVerifier(ContentVerifierProvider verifiers) {
    return new SignerInformationVerifier(SIGNATURE_NAMES, SIGNATURE_ALGORITHMS, verifiers, DIGESTS);
  }

  private static DigestCalculatorProvider digests() {
    try {
      return new JcaDigestCalculatorProviderBuilder().setProvider(PROVIDER).build();
    } catch (OperatorCreationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * Content verifiers (OCSP responses) for signatures made with {@code key}; ECDSA verified once
   * ({@link SingleEcdsaVerifiers}).
   */
  public static ContentVerifierProvider contentVerifier(PublicKey key) {
    return new SingleEcdsaVerifiers(key, PROVIDER, null);
  }

  /** The provider itself, for APIs that take one (XML signatures, WS-Security). */
  public static Provider bouncyCastle() {
    return PROVIDER;
  }

  /**
   * {@code key} as this provider's own key, when its material is in memory (PKCS#8-encodable);
   * empty for a key on a token, which signs where it lives. BouncyCastle signs with a JDK key
   * too, but converts it on every signature and so recomputes the curve's fixed-point table each
   * time (a third of the cost of an ECDSA P-256 signature); its own key keeps that table.
   */
  public static Optional<PrivateKey> softwareKey(PrivateKey key) {
    byte[] encoded = "PKCS#8".equals(key.getFormat()) ? key.getEncoded() : null;
    if (encoded == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(KeyFactory.getInstance(key.getAlgorithm(), PROVIDER)
          .generatePrivate(new PKCS8EncodedKeySpec(encoded)));
    } catch (GeneralSecurityException e) {
      return Optional.empty(); // an algorithm BouncyCastle cannot read: sign with the key as it is
    }
  }
}
