package vn.lienthong.sample.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;

/** The key types the generator can make. RSA-1024 exists only for the deliberately weak certificate. */
public enum KeyKind {
  RSA_2048("RSA", 2048),
  RSA_3072("RSA", 3072),
  /** Too short for Circular 15/2025: used only for the deliberately weak certificate. */
  RSA_1024("RSA", 1024),
  EC_P256("EC", 256);

  private final String algorithm;
  private final int bits;

  KeyKind(String algorithm, int bits) {
    this.algorithm = algorithm;
    this.bits = bits;
  }

  /** {@code RSA} or {@code EC}. */
  public String algorithm() {
    return algorithm;
  }

  /** Generates a fresh key pair from the given source of randomness. */
  public KeyPair generate(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      if (this == EC_P256) {
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      } else {
        generator.initialize(bits, random);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot generate a " + this + " key", e);
    }
  }

  /** The JCA signature algorithm for a hash ({@code SHA256}, {@code SHA1}…) and a key algorithm ({@code RSA}, {@code EC}). */
  public static String signatureAlgorithm(String keyAlgorithm, String hash) {
    return hash + ("EC".equals(keyAlgorithm) ? "withECDSA" : "withRSA");
  }
}
