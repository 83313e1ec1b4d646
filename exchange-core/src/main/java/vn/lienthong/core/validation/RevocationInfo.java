package vn.lienthong.core.validation;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The revocation data a validation used for one certificate.
 *
 * @param certificateSerial the serial of the certificate it is about, hexadecimal
 * @param origin where it came from: {@code embedded} (the document's DSS or CMS), {@code cache},
 *     or the URL it was fetched from
 * @param producedAt when the response or CRL was produced (OCSP producedAt, CRL thisUpdate)
 * @param thisUpdate the time the status is known to be correct
 * @param nextUpdate when newer data is promised; null when the source promises none
 * @param revocationTime when the certificate was revoked; null unless {@code REVOKED}
 * @param reason the RFC 5280 reason when revoked, else empty
 */
public record RevocationInfo(
    String certificateSerial,
    Source source,
    String origin,
    Status status,
    Instant producedAt,
    Instant thisUpdate,
    Instant nextUpdate,
    Instant revocationTime,
    String reason) {

  /** The kind of revocation data. */
  public enum Source {
    OCSP,
    CRL
  }

  /** What the data says of the certificate. */
  public enum Status {
    GOOD,
    REVOKED,
    UNKNOWN
  }

  public RevocationInfo {
    requireNonNull(certificateSerial, "certificateSerial");
    requireNonNull(source, "source");
    requireNonNull(origin, "origin");
    requireNonNull(status, "status");
    requireNonNull(producedAt, "producedAt");
    requireNonNull(thisUpdate, "thisUpdate");
    requireNonNull(reason, "reason");
    if ((status == Status.REVOKED) != (revocationTime != null)) {
      throw new IllegalArgumentException("revocationTime is required exactly when REVOKED");
    }
  }
}
