package vn.lienthong.server.registry;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;

/**
 * A certificate registered for a unit (its system certificate: TLS client and envelope
 * signatures).
 *
 * @param sha256 the SHA-256 of the DER encoding, lower-case hex: how the certificate is named
 */
public record UnitCertificate(String sha256, String subject, Instant notAfter, boolean revoked,
    X509Certificate certificate) {
  public UnitCertificate {
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(notAfter, "notAfter");
    Objects.requireNonNull(certificate, "certificate");
  }
}
