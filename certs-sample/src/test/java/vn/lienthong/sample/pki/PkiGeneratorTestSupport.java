package vn.lienthong.sample.pki;

import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Validation of chains with the JDK's own PKIX validator: software we did not write. */
final class PkiGeneratorTestSupport {

  private PkiGeneratorTestSupport() {}

  /** Validates a chain (leaf first, root last) against the PKI's trust anchors, without revocation. */
  static void validate(SamplePki pki, List<X509Certificate> chain, Date at) throws Exception {
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    CertPath path = cf.generateCertPath(chain.subList(0, Math.max(1, chain.size() - 1)));
    Set<TrustAnchor> anchors = pki.trustAnchors().stream()
        .map(r -> new TrustAnchor(r, null)).collect(Collectors.toSet());
    PKIXParameters params = new PKIXParameters(anchors);
    params.setRevocationEnabled(false);
    params.setDate(at);
    CertPathValidator.getInstance("PKIX").validate(path, params);
  }
}
