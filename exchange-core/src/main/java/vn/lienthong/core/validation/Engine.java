package vn.lienthong.core.validation;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import vn.lienthong.core.pki.VerificationKeys;

/**
 * What every validation of one {@link Verifier} shares: the policy, the trust anchors (through
 * the chain builder), the timestamp validator, the revocation checker with its cache, and the
 * signers' keys ready for verification.
 */
record Engine(ValidationPolicy policy, ChainBuilder chains, TimestampValidator timestamps,
    RevocationChecker revocation, VerificationKeys keys) {

  /** The prefix of the subject UID that names a unit: {@code UID=ORGANID:000.00.00.H49}. */
  static final String ORGAN_ID_PREFIX = "ORGANID:";

  /** Revocation assessments of every certificate of an anchored path but the anchor. */
  List<RevocationChecker.Assessment> revocations(ChainBuilder.Path path, Material material,
      Instant bestTime, boolean poe, Instant validationTime) {
    return revocations(path, material, bestTime, bestTime, poe, validationTime);
  }

  /**
   * As above, with {@code latestProof} the latest time a valid timestamp proves the signature
   * existed (a document timestamp added when the document was archived): revocation data issued
   * within the policy's maximum age after it still proves the status at {@code bestTime}.
   */
  List<RevocationChecker.Assessment> revocations(ChainBuilder.Path path, Material material,
      Instant bestTime, Instant latestProof, boolean poe, Instant validationTime) {
    List<RevocationChecker.Assessment> list = new ArrayList<>();
    // a path that breaks the CA rules fails anyway, and its certificates were not issued by a CA:
    // an end-entity certificate under an anchor "issued" one naming any URL, which the verifier
    // then fetched (the hub's intake on behalf of any signer: requests to its own network)
    if (!path.anchored() || CertificateChecks.pathProblem(path).isPresent()) {
      return list;
    }
    List<X509Certificate> certs = path.certificates();
    for (int i = 0; i + 1 < certs.size(); i++) {
      list.add(revocation.assess(certs.get(i), certs.get(i + 1), material, bestTime,
          latestProof, poe, validationTime, policy, i == 0));
    }
    return list;
  }

  /**
   * Decree 30 roles from the certificate: a certificate whose subject names a unit with
   * {@code UID=ORGANID:<OrganId>} is the organization's (the seal); any other (a person's, with
   * {@code UID=CCCD:} or none) is the authorized person's signature.
   */
  SignatureReport.Role roleOf(X509Certificate cert) {
    return organId(cert).isPresent() ? SignatureReport.Role.ORGANIZATION_SEAL
        : SignatureReport.Role.SIGNER;
  }

  /** The OrganId a certificate's subject names ({@code UID=ORGANID:…}), if any. */
  static Optional<String> organId(X509Certificate cert) {
    X500Name name = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
    for (RDN rdn : name.getRDNs(BCStyle.UID)) {
      if (rdn.getFirst().getValue() instanceof ASN1String s
          && s.getString().startsWith(ORGAN_ID_PREFIX)) {
        return Optional.of(s.getString().substring(ORGAN_ID_PREFIX.length()));
      }
    }
    return Optional.empty();
  }
}
