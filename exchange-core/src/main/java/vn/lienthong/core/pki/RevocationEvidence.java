package vn.lienthong.core.pki;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * What a CA said about one certificate: an OCSP response or a CRL, verified, as it goes into a
 * PDF's DSS dictionary.
 *
 * @param kind where the answer came from
 * @param encoded the DER OCSPResponse (RFC 6960) or the DER CRL
 * @param issuedAt the OCSP response's producedAt, or the CRL's thisUpdate
 * @param signerCertificates the certificates that signed the answer other than the CA itself
 *     (a delegated OCSP responder)
 */
public record RevocationEvidence(Kind kind, byte[] encoded, Instant issuedAt,
    List<X509Certificate> signerCertificates) {

  /** OCSP or CRL. */
  public enum Kind {
    OCSP,
    CRL
  }

  public RevocationEvidence {
    requireNonNull(kind, "kind");
    encoded = requireNonNull(encoded, "encoded").clone();
    requireNonNull(issuedAt, "issuedAt");
    signerCertificates = List.copyOf(signerCertificates);
  }

  @Override
  public byte[] encoded() {
    return encoded.clone();
  }
}
