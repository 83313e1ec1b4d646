package vn.lienthong.core.validation;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import javax.security.auth.x500.X500Principal;

/**
 * A certificate as a report shows it.
 *
 * @param serialNumber hexadecimal, lower case
 * @param sha256 the SHA-256 of the DER encoding, hexadecimal: what an auditor compares
 * @param keyBits the RSA modulus or EC field size
 * @param trustAnchor whether it is one of the configured trust anchors
 */
public record CertificateInfo(
    String subject,
    String issuer,
    String serialNumber,
    Instant notBefore,
    Instant notAfter,
    String sha256,
    String keyAlgorithm,
    int keyBits,
    boolean trustAnchor) {

  public CertificateInfo {
    requireNonNull(subject, "subject");
    requireNonNull(issuer, "issuer");
    requireNonNull(serialNumber, "serialNumber");
    requireNonNull(notBefore, "notBefore");
    requireNonNull(notAfter, "notAfter");
    requireNonNull(sha256, "sha256");
    requireNonNull(keyAlgorithm, "keyAlgorithm");
  }

  /** Describes a certificate; subjects in RFC 2253 form with their Unicode characters kept. */
  public static CertificateInfo of(X509Certificate certificate, boolean trustAnchor) {
    try {
      return new CertificateInfo(
          certificate.getSubjectX500Principal().getName(X500Principal.RFC2253),
          certificate.getIssuerX500Principal().getName(X500Principal.RFC2253),
          serialHex(certificate.getSerialNumber()),
          certificate.getNotBefore().toInstant(),
          certificate.getNotAfter().toInstant(),
          HexFormat.of().formatHex(
              MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())),
          certificate.getPublicKey().getAlgorithm(),
          AlgorithmPolicy.keyBits(certificate.getPublicKey()),
          trustAnchor);
    } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
      throw new IllegalArgumentException("Cannot describe certificate", e);
    }
  }

  /**
   * A serial number in hex: as usual for a positive one; a negative one (nothing forbids a CA, or a
   * forger, to write one) as its two's-complement bytes, so that it stays hex digits.
   */
  static String serialHex(BigInteger serial) {
    return serial.signum() >= 0 ? serial.toString(16) : HexFormat.of().formatHex(serial.toByteArray());
  }
}
