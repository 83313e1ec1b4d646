package vn.lienthong.core.pki;

import static java.util.Objects.requireNonNull;

import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * When every certificate of a validated path (its root included) is within its validity: from the
 * latest notBefore to the earliest notAfter. Inside that window a path's signatures and constraints
 * still hold, so a cache of validated paths can answer without building the path again.
 */
public record PathValidity(Instant from, Instant until) {

  public PathValidity {
    requireNonNull(from, "from");
    requireNonNull(until, "until");
  }

  /** The window of {@code path}'s certificates. */
  public static PathValidity of(Collection<X509Certificate> path) {
    Instant from = Instant.MIN;
    Instant until = Instant.MAX;
    for (X509Certificate c : path) {
      Instant notBefore = c.getNotBefore().toInstant();
      Instant notAfter = c.getNotAfter().toInstant();
      from = notBefore.isAfter(from) ? notBefore : from;
      until = notAfter.isBefore(until) ? notAfter : until;
    }
    return new PathValidity(from, until);
  }

  /** The window of a PKIX builder's path and its trust anchor's certificate. */
  public static PathValidity of(PKIXCertPathBuilderResult result) {
    return of(certificates(result));
  }

  /** A PKIX builder's path, target first, with its trust anchor's certificate last. */
  static List<X509Certificate> certificates(PKIXCertPathBuilderResult result) {
    List<X509Certificate> all = new ArrayList<>();
    result.getCertPath().getCertificates().forEach(c -> all.add((X509Certificate) c));
    all.add(result.getTrustAnchor().getTrustedCert());
    return all;
  }

  /** Whether {@code time} is within the window, both ends included. */
  public boolean covers(Instant time) {
    return !time.isBefore(from) && !time.isAfter(until);
  }
}
