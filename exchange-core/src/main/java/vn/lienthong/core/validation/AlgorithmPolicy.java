package vn.lienthong.core.validation;

import static java.util.Objects.requireNonNull;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;

/**
 * Which hash algorithms and key sizes are acceptable, and until when (Circular 15/2025/TT-BKHCN:
 * SHA-2 or SHA-3, RSA of at least 2048 bits, ECDSA of at least 256). An algorithm acceptable only
 * until a date makes a signature acceptable only with proof that it existed before that date.
 *
 * @param digestsUntil the accepted digest algorithms (JCA names such as {@code SHA-256}, upper
 *     case) and the last day each is accepted ({@link LocalDate#MAX} for no limit); a digest not
 *     in the map is never accepted
 * @param minRsaBits the smallest RSA modulus accepted today
 * @param minEcBits the smallest elliptic curve accepted
 * @param shortRsaUntil the last day an RSA key shorter than {@code minRsaBits} (but at least 1024
 *     bits) was accepted
 */
public record AlgorithmPolicy(
    Map<String, LocalDate> digestsUntil, int minRsaBits, int minEcBits, LocalDate shortRsaUntil) {

  /** The hub's default: SHA-2 and SHA-3 without limit, SHA-1 until 2019, RSA 2048, EC 256. */
  public static final AlgorithmPolicy DEFAULT = new AlgorithmPolicy(
      Map.of("SHA-224", LocalDate.MAX, "SHA-256", LocalDate.MAX, "SHA-384", LocalDate.MAX,
          "SHA-512", LocalDate.MAX, "SHA3-256", LocalDate.MAX, "SHA3-384", LocalDate.MAX,
          "SHA3-512", LocalDate.MAX, "SHA-1", LocalDate.of(2018, 12, 31)),
      2048, 256, LocalDate.of(2013, 12, 31));

  public AlgorithmPolicy {
    digestsUntil = Map.copyOf(new TreeMap<>(requireNonNull(digestsUntil, "digestsUntil")));
    requireNonNull(shortRsaUntil, "shortRsaUntil");
    if (minRsaBits < 1024 || minEcBits < 160) {
      throw new IllegalArgumentException("minRsaBits must be >= 1024 and minEcBits >= 160");
    }
  }

  /** Whether a digest algorithm is acceptable for a signature proven to exist at {@code time}. */
  public boolean acceptsDigest(String algorithm, Instant time) {
    LocalDate until = digestsUntil.get(normalize(algorithm));
    return until != null && !day(time).isAfter(until);
  }

  /** Whether a digest algorithm is acceptable with no limit in time (a current algorithm). */
  public boolean isCurrentDigest(String algorithm) {
    return LocalDate.MAX.equals(digestsUntil.get(normalize(algorithm)));
  }

  /** Whether a public key is strong enough for a signature proven to exist at {@code time}. */
  public boolean acceptsKey(PublicKey key, Instant time) {
    int bits = keyBits(key);
    if (key instanceof RSAPublicKey) {
      return bits >= minRsaBits || (bits >= 1024 && !day(time).isAfter(shortRsaUntil));
    }
    if (key instanceof ECPublicKey) {
      return bits >= minEcBits;
    }
    return false; // DSA and others are not allowed for official documents
  }

  /**
   * What makes a certificate too weak to rely on at {@code time}: its issuer's signature over it
   * (the digest) or its own key; empty when both are acceptable. For certificates presented by a
   * caller (the TLS client, a WS-Security signer), which the JDK accepts down to RSA-1024 and
   * SHA-1.
   */
  public Optional<String> weakness(X509Certificate certificate, Instant time) {
    Optional<String> digest = signatureDigest(certificate);
    if (digest.isEmpty() || !acceptsDigest(digest.get(), time)) {
      return Optional.of("signed with " + certificate.getSigAlgName());
    }
    if (!acceptsKey(certificate.getPublicKey(), time)) {
      return Optional.of("a " + keyBits(certificate.getPublicKey()) + "-bit " + certificate.getPublicKey().getAlgorithm()
          + " key (at least RSA " + minRsaBits + " or EC " + minEcBits + ")");
    }
    return Optional.empty();
  }

  /** The digest algorithm of a certificate's signature, e.g. {@code SHA-256}; empty if unknown. */
  public static Optional<String> signatureDigest(X509Certificate c) {
    try {
      byte[] params = c.getSigAlgParams(); // RSASSA-PSS names its digest there
      ASN1ObjectIdentifier oid = new ASN1ObjectIdentifier(c.getSigAlgOID());
      AlgorithmIdentifier sigAlg = params == null ? new AlgorithmIdentifier(oid)
          : new AlgorithmIdentifier(oid, ASN1Primitive.fromByteArray(params));
      AlgorithmIdentifier digest = new DefaultDigestAlgorithmIdentifierFinder().find(sigAlg);
      return digest == null ? Optional.empty() : Optional.of(normalize(
          new DefaultAlgorithmNameFinder().getAlgorithmName(digest.getAlgorithm())));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /** The size of a key in bits: the RSA modulus or the EC field size; 0 if unknown. */
  public static int keyBits(PublicKey key) {
    if (key instanceof RSAPublicKey rsa) {
      return rsa.getModulus().bitLength();
    }
    if (key instanceof ECPublicKey ec) {
      return ec.getParams().getCurve().getField().getFieldSize();
    }
    return 0;
  }

  /** {@code sha256}, {@code SHA256}, {@code SHA-256} all name SHA-256. */
  static String normalize(String algorithm) {
    String a = algorithm.toUpperCase(Locale.ROOT).replace("_", "-");
    if (a.startsWith("SHA3")) {
      return a.startsWith("SHA3-") ? a : "SHA3-" + a.substring(4);
    }
    if (a.startsWith("SHA") && !a.startsWith("SHA-")) {
      a = "SHA-" + a.substring(3);
    }
    return a;
  }

  private static LocalDate day(Instant time) {
    return time.atOffset(ZoneOffset.UTC).toLocalDate();
  }
}
