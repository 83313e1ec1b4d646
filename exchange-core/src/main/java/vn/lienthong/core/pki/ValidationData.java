package vn.lienthong.core.pki;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a verifier needs to check signatures long after the CAs are gone: the certificate chains
 * and the revocation evidence for every certificate in them (PAdES B-LT).
 *
 * @param certificates every certificate of the chains and of the revocation answers' signers
 * @param evidence the verified OCSP responses and CRLs
 */
public record ValidationData(List<X509Certificate> certificates,
    List<RevocationEvidence> evidence) {

  public ValidationData {
    certificates = List.copyOf(certificates);
    evidence = List.copyOf(evidence);
  }
}
