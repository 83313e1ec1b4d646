package vn.lienthong.core.pki;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Certificates' public keys as BouncyCastle's own, each converted once and remembered (the least
 * recently used forgotten beyond {@code capacity}). Why: BouncyCastle verifies with a JDK key by
 * converting it on every call, and an elliptic-curve key used only once never earns the
 * precomputed tables that make verification fast; a remembered key of a signer, seal or time
 * stamp unit that signs again does (P-256: 0.08 instead of 0.2 ms a verification,
 * exchange-bench's baselines). A key is a function of its encoding alone, so nothing about trust
 * is remembered here. Thread-safe.
 */
public final class VerificationKeys {

  /** About 10 KB each once an elliptic-curve key's tables are built. */
  public static final int DEFAULT_CAPACITY = 512;

  private final Map<ByteBuffer, PublicKey> keys;

  /** Remembers at most {@code capacity} keys. */
  public VerificationKeys(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.keys = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<ByteBuffer, PublicKey> eldest) {
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
}
