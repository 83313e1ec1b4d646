package vn.lienthong.core.validation;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Judges revocation data held beside a signature rather than in it (an evidence bundle's OCSP
 * response or CRL), offline, by the rules {@link Verifier} applies to embedded data: about the
 * certificate and its issuer, signed by the issuing CA or by a responder that CA delegated
 * (id-kp-OCSPSigning, valid when it answered), fresh for a proven time under a policy.
 *
 * <pre>
 * for (OfflineRevocation.Answer a : OfflineRevocation.judge(der, cert, issuer, candidates)) {
 *   boolean ok = a.authentic() &amp;&amp; a.info().status() == RevocationInfo.Status.GOOD
 *       &amp;&amp; OfflineRevocation.freshAt(a.info(), timeStamped, policy);
 * }
 * </pre>
 */
public final class OfflineRevocation {

  /** One answer about the certificate: what it says, and whether it is authentic (else why not). */
  public record Answer(RevocationInfo info, boolean authentic, String problem) {
    public Answer {
      requireNonNull(info, "info");
      problem = problem == null ? "" : problem;
    }
  }

  private OfflineRevocation() {}

  /**
   * The answers about {@code cert} (issued by {@code issuer}) in {@code der}: an OCSPResponse, a
   * BasicOCSPResponse or a CRL. Empty when it is none of these or not about the certificate.
   *
   * @param candidates certificates that may be a delegated OCSP responder (besides those the
   *     response carries); candidates only, never trusted for themselves
   */
  public static List<Answer> judge(byte[] der, X509Certificate cert, X509Certificate issuer,
      List<X509Certificate> candidates) {
    requireNonNull(der, "der");
    requireNonNull(cert, "cert");
    requireNonNull(issuer, "issuer");
    Material.Builder b = new Material.Builder();
    candidates.forEach(b::certificate);
    Material material = b.ocsp(der).build();
    List<RevocationChecker.Candidate> found = material.ocsps().isEmpty()
        ? RevocationChecker.crls(cert, issuer, new Material.Builder().crl(der).build().crls(), "bundle")
        : RevocationChecker.ocsps(cert, issuer, material.ocsps(), material, "bundle",
            X509Certificate::getPublicKey);
    return found.stream().map(c -> new Answer(c.info(), c.authentic(), c.problem())).toList();
  }

  /**
   * Whether {@code info} proves the status at {@code provenTime} (e.g. a time stamp's): its
   * thisUpdate not after that time by more than the policy's maximum revocation age, and not
   * before it by more than the clock skew unless its nextUpdate (or the maximum age, without
   * one) still covers it.
   */
  public static boolean freshAt(RevocationInfo info, Instant provenTime, ValidationPolicy policy) {
    return RevocationChecker.fresh(requireNonNull(info, "info"), requireNonNull(provenTime, "provenTime"), true,
        provenTime, requireNonNull(policy, "policy"));
  }

  /** The certificate among {@code candidates} that issued {@code cert} (name and signature). */
  public static Optional<X509Certificate> issuer(X509Certificate cert, List<X509Certificate> candidates) {
    return candidates.stream().filter(c -> ChainBuilder.issued(c, cert)).findFirst();
  }
}
