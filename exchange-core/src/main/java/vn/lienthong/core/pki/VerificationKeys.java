package vn.lienthong.core.pki;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Certificates' public keys as BouncyCastle's own, each converted once and remembered (the least
 * recently used forgotten beyond {@code capacity}). Why: BouncyCastle verifies with a JDK key by
 * converting it on every call, and an elliptic-curve key used only once never earns the
 * precomputed tables that make verification fast; a remembered key of a signer, seal or time
 * stamp unit that signs again does (P-256: 0.08 instead of 0.2 ms a verification,
 * exchange-bench's baselines). For code that takes the key from a certificate itself (WSS4J),
 * {@link #certificate} parses certificates with BouncyCastle once, whose objects keep their key.
 * A key or certificate is a function of its encoding alone, so nothing about trust is remembered
 * here. Thread-safe.
 */
public final class VerificationKeys {

  /** About 10 KB each once an elliptic-curve key's tables are built. */
  public static final int DEFAULT_CAPACITY = 512;

  private final Map<ByteBuffer, PublicKey> keys;
  private final Map<ByteBuffer, X509Certificate> certificates;

  /** Remembers at most {@code capacity} keys and as many certificates. */
  public VerificationKeys(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.keys = leastRecentlyUsed(capacity);
    this.certificates = leastRecentlyUsed(capacity);
  }

  private static <V> Map<ByteBuffer, V> leastRecentlyUsed(int capacity) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<ByteBuffer, V> eldest) {
        return size() > capacity;
      }
    };
  }

  /**
   * The certificate's public key as BouncyCastle's, or the key as it is when BouncyCastle cannot
   * read it (it then verifies with the key as given, as before).
   */
  public PublicKey of(X509Certificate certificate) {
    PublicKey key = certificate.getPublicKey();
    byte[] encoded = key.getEncoded();
    if (encoded == null) {
      return key;
    }
    ByteBuffer id = ByteBuffer.wrap(encoded);
    synchronized (keys) {
      PublicKey known = keys.get(id);
      if (known != null) {
        return known;
      }
    }
    PublicKey converted;
    try {
      converted = KeyFactory.getInstance(key.getAlgorithm(), CryptoProviders.bouncyCastle())
          .generatePublic(new X509EncodedKeySpec(encoded));
    } catch (GeneralSecurityException e) {
      return key;
    }
    synchronized (keys) {
      return keys.computeIfAbsent(id, k -> converted);
    }
  }

  /**
   * The certificate encoded as {@code der}, parsed by BouncyCastle the first time and the same
   * object afterwards: its {@link X509Certificate#getPublicKey} is BouncyCastle's key, kept by the
   * certificate, so verifications with it reuse its tables. For libraries that verify with the key
   * of a certificate they parse themselves (WSS4J's {@code Crypto.loadCertificate}).
   *
   * @throws CertificateException when {@code der} is not one X.509 certificate
   */
  public X509Certificate certificate(byte[] der) throws CertificateException {
    ByteBuffer id = ByteBuffer.wrap(der.clone());
    synchronized (certificates) {
      X509Certificate known = certificates.get(id);
      if (known != null) {
        return known;
      }
    }
    X509Certificate parsed = (X509Certificate) CertificateFactory.getInstance("X.509", CryptoProviders.bouncyCastle())
        .generateCertificate(new ByteArrayInputStream(id.array()));
    byte[] encoded = parsed.getEncoded();
    if (!Arrays.equals(encoded, id.array())) {
      throw new CertificateException("not one DER certificate: " + der.length + " bytes, the certificate in them "
          + encoded.length);
    }
    synchronized (certificates) {
      return certificates.computeIfAbsent(id, k -> parsed);
    }
  }
}
