package vn.lienthong.server.registry;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import vn.lienthong.core.validation.AlgorithmPolicy;

/**
 * What a unit's system certificate (TLS client, WS-Security and envelope signatures) must be, to
 * be registered and each time it is used: an end entity whose key may sign (digitalSignature when
 * it has a key usage), a key of at least RSA-2048 or EC-256 and an issuer's signature over it with
 * SHA-2 or SHA-3 (Circular 15/2025, {@link AlgorithmPolicy#DEFAULT}); the same for the CAs it
 * presents. The JDK's TLS accepts RSA-1024 and SHA-1 client certificates, so the hub checks this
 * itself. Validity and revocation are the TLS layer's and the revocation checker's.
 */
public final class SystemCertificates {

  private SystemCertificates() {}

  /** Why {@code certificate} cannot serve as a unit's system certificate at {@code time}; empty when it can. */
  public static Optional<String> unfit(X509Certificate certificate, Instant time) {
    if (certificate.getBasicConstraints() >= 0) {
      return Optional.of("it is a CA certificate");
    }
    boolean[] usage = certificate.getKeyUsage();
    if (usage != null && !usage[0]) {
      return Optional.of("its key usage does not allow digitalSignature");
    }
    return AlgorithmPolicy.DEFAULT.weakness(certificate, time).map(w -> "it is too weak: " + w);
  }

  /**
   * As {@link #unfit} for a presented chain: the leaf, then each CA certificate but a
   * self-signed one (a root is trusted as configured, its own signature does not count).
   */
  public static Optional<String> unfitChain(List<X509Certificate> chain, Instant time) {
    Optional<String> leaf = unfit(chain.get(0), time);
    if (leaf.isPresent()) {
      return leaf;
    }
    for (X509Certificate ca : chain.subList(1, chain.size())) {
      if (!ca.getSubjectX500Principal().equals(ca.getIssuerX500Principal())) {
        Optional<String> weak = AlgorithmPolicy.DEFAULT.weakness(ca, time);
        if (weak.isPresent()) {
          return Optional.of("its CA " + ca.getSubjectX500Principal().getName() + " is too weak: " + weak.get());
        }
      }
    }
    return Optional.empty();
  }
}
