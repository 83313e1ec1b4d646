package vn.lienthong.core.pki;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * A verified RFC 3161 time-stamp token.
 *
 * @param encoded the DER ContentInfo of the token, as it goes into a CMS attribute or a PDF
 *     document time stamp
 * @param time the TSA's genTime
 * @param tsaCertificate the certificate that signed the token
 */
public record TimeStamp(byte[] encoded, Instant time, X509Certificate tsaCertificate) {

  public TimeStamp {
    encoded = requireNonNull(encoded, "encoded").clone();
    requireNonNull(time, "time");
    requireNonNull(tsaCertificate, "tsaCertificate");
  }

  @Override
  public byte[] encoded() {
    return encoded.clone();
  }
}
