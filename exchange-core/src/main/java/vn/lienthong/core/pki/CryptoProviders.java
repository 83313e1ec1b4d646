package vn.lienthong.core.pki;

import java.security.Provider;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * BouncyCastle's provider for the project's signature work, and the verifier builders every CMS,
 * time-stamp and OCSP signature check uses. Why not the JDK's: SunEC verifies ECDSA P-256 about
 * six times slower and signs about twice as slowly as BouncyCastle (exchange-bench's
 * {@code BaselineBenchmark}), and every Decree 30 document carries several such signatures
 * (signer, seal, their time stamps, OCSP responses, the envelope, each WS-Security request); RSA
 * is the same speed on both. The provider is a private instance, never registered in the JVM, so
 * the process's own provider order (TLS, key stores) is untouched.
 */
public final class CryptoProviders {

  private static final Provider PROVIDER = new BouncyCastleProvider();

  private CryptoProviders() {}

  /** A builder for CMS {@code SignerInfo} verifiers (signatures, time-stamp tokens). */
  public static JcaSimpleSignerInfoVerifierBuilder signerInfoVerifier() {
    return new JcaSimpleSignerInfoVerifierBuilder().setProvider(PROVIDER);
  }

  /** A builder for content verifiers (OCSP responses, certificates). */
  public static JcaContentVerifierProviderBuilder contentVerifier() {
    return new JcaContentVerifierProviderBuilder().setProvider(PROVIDER);
  }

  /** The provider itself, for APIs that take one (XML signatures, WS-Security). */
  public static Provider bouncyCastle() {
    return PROVIDER;
  }
}
