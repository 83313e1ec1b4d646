package vn.lienthong.core.validation;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import vn.lienthong.core.pki.CrlScope;
import vn.lienthong.core.pki.PkiException;
import vn.lienthong.core.pki.RevocationClient;
import vn.lienthong.core.pki.RevocationEvidence;
import vn.lienthong.core.pki.VerificationKeys;

/**
 * Finds and judges the revocation status of one certificate: embedded data first, then (online)
 * the cache, then OCSP with a nonce falling back to the CRL. An answer counts only when it is
 * authentic (signed by the issuing CA, or by a responder that CA delegated with id-kp-OCSPSigning)
 * and fresh: current at the validation time (thisUpdate not in the future, nextUpdate not passed,
 * or, without nextUpdate, not older than the policy's maximum age), or issued within that maximum
 * age after a proven signing time (what makes B-LT data keep proving the status at signing).
 */
final class RevocationChecker {

  /** What was found about one certificate, as outcomes of the revocation checks. */
  record Assessment(X509Certificate certificate, Outcome available, Outcome authentic,
      Outcome fresh, Outcome nonce, Outcome notRevoked, List<RevocationInfo> used) {}

  /** An answer about the certificate, judged. */
  record Candidate(RevocationInfo info, boolean authentic, String problem) {}

  private final RevocationMode mode;
  private final RevocationClient client;
  private final Map<String, Candidate> cache;
  private final Clock clock;
  private final VerificationKeys keys;

  RevocationChecker(RevocationMode mode, RevocationClient client, Map<String, Candidate> cache,
      Clock clock, VerificationKeys keys) {
    this.mode = mode;
    this.client = client;
    this.cache = cache;
    this.clock = clock;
    this.keys = keys;
  }

  Assessment assess(X509Certificate cert, X509Certificate issuer, Material material,
      Instant bestTime, Instant latestProof, boolean poe, Instant validationTime,
      ValidationPolicy policy, boolean isSigner) {
    String subject = cert.getSubjectX500Principal().getName();
    List<Candidate> all = new ArrayList<>(embedded(cert, issuer, material, keys::of));
    Outcome nonce = Outcome.notApplicable(subject);
    String onlineProblem = mode == RevocationMode.OFFLINE ? "offline: embedded data only" : "";
    if (mode == RevocationMode.ONLINE && all.stream().noneMatch(c -> c.authentic()
        && fresh(c.info(), bestTime, latestProof, poe, validationTime, policy))) {
      // the issuer's key, not only its name: two CAs of one name (a renewed CA key, serials
      // starting again) shared the cached answer about their serial
      String key = issuer.getSubjectX500Principal().getName() + "#" + keyId(issuer) + "#"
          + cert.getSerialNumber();
      Candidate cached = cache.get(key);
      if (cached != null && cached.info().nextUpdate() != null
          && clock.instant().isBefore(cached.info().nextUpdate())) {
        all.add(new Candidate(withOrigin(cached.info(), "cache"), true, ""));
      } else {
        try {
          RevocationClient.Fetched fetched = client.fetch(cert, issuer);
          String origin = fetched.url().toString();
          List<Candidate> online = fetched.kind() == RevocationEvidence.Kind.OCSP
              ? ocsps(cert, issuer, List.of(basic(fetched.encoded())), material, origin, keys::of)
              : crls(cert, issuer, List.of(crl(fetched.encoded())), origin);
          if (fetched.kind() == RevocationEvidence.Kind.OCSP) {
            // the client refused a response echoing another nonce; one echoing none (pre-produced,
            // or replayed) answers no request of ours and was reported as matching ours
            nonce = basic(fetched.encoded()).getExtension(
                    OCSPObjectIdentifiers.id_pkix_ocsp_nonce) != null
                ? Outcome.passed(subject, origin)
                : Outcome.notApplicable(subject, origin + ": the response carries no nonce");
          }
          online.stream().filter(Candidate::authentic)
              .filter(c -> c.info().nextUpdate() != null).findFirst()
              .ifPresent(c -> cache.put(key, c));
          all.addAll(online);
        } catch (PkiException | RuntimeException e) {
          onlineProblem = e.getMessage();
        }
      }
    }
    return judge(cert, all, nonce, onlineProblem, bestTime, latestProof, poe, validationTime,
        policy, isSigner);
  }

  /** The SHA-256 of the issuer's public key, in hex. */
  private static String keyId(X509Certificate issuer) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(issuer.getPublicKey().getEncoded()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  private Assessment judge(X509Certificate cert, List<Candidate> all, Outcome nonce,
      String onlineProblem, Instant bestTime, Instant latestProof, boolean poe,
      Instant validationTime, ValidationPolicy policy, boolean isSigner) {
    String subject = cert.getSubjectX500Principal().getName();
    if (all.isEmpty()) {
      Outcome na = Outcome.notApplicable(subject);
      return new Assessment(cert, Outcome.failed(subject, onlineProblem), na, na, nonce, na,
          List.of());
    }
    List<Candidate> authentic = all.stream().filter(Candidate::authentic).toList();
    if (authentic.isEmpty()) {
      Outcome na = Outcome.notApplicable(subject);
      String problems = String.join("; ", all.stream().map(Candidate::problem).toList());
      return new Assessment(cert, Outcome.passed(subject), Outcome.failed(subject, problems), na,
          nonce, na, all.stream().map(Candidate::info).toList());
    }
    Optional<Candidate> revoked = authentic.stream()
        .filter(c -> c.info().status() == RevocationInfo.Status.REVOKED)
        .min(Comparator.comparing(c -> c.info().revocationTime()));
    List<Candidate> fresh = authentic.stream()
        .filter(c -> fresh(c.info(), bestTime, latestProof, poe, validationTime, policy)).toList();
    Outcome freshOutcome;
    Outcome notRevoked;
    List<RevocationInfo> used;
    if (revoked.isPresent()) {
      RevocationInfo r = revoked.get().info();
      used = List.of(r);
      freshOutcome = Outcome.passed(subject);
      String when = r.revocationTime().toString();
      if (!poe) {
        notRevoked = Outcome.failedAs(Indication.INDETERMINATE,
            isSigner ? SubIndication.REVOKED_NO_POE : SubIndication.REVOKED_CA_NO_POE,
            when, r.reason(), subject);
      } else if (!r.revocationTime().isAfter(bestTime)) {
        notRevoked = Outcome.failedAs(Indication.TOTAL_FAILED, SubIndication.REVOKED, when,
            r.reason(), subject);
      } else {
        notRevoked = Outcome.passed(subject, "revoked on " + when
            + ", after the proven signing time " + bestTime);
      }
    } else if (fresh.isEmpty()) {
      RevocationInfo latest = authentic.stream().map(Candidate::info)
          .max(Comparator.comparing(RevocationInfo::thisUpdate)).orElseThrow();
      used = List.of(latest);
      freshOutcome = Outcome.failed(subject, "thisUpdate " + latest.thisUpdate() + ", nextUpdate "
          + latest.nextUpdate() + ", validation time " + validationTime
          + (onlineProblem.isEmpty() ? "" : "; " + onlineProblem));
      notRevoked = Outcome.notApplicable(subject);
    } else {
      RevocationInfo best = fresh.stream().map(Candidate::info)
          .max(Comparator.comparing(RevocationInfo::thisUpdate)).orElseThrow();
      used = List.of(best);
      freshOutcome = Outcome.passed(subject);
      notRevoked = best.status() == RevocationInfo.Status.GOOD ? Outcome.passed(subject)
          : Outcome.failedAs(Indication.INDETERMINATE, SubIndication.TRY_LATER, subject,
              "the responder does not know the certificate");
    }
    return new Assessment(cert, Outcome.passed(subject), Outcome.passed(subject), freshOutcome,
        nonce, notRevoked, used);
  }

  static boolean fresh(RevocationInfo info, Instant bestTime, boolean poe, Instant validationTime,
      ValidationPolicy policy) {
    return fresh(info, bestTime, bestTime, poe, validationTime, policy);
  }

  /**
   * Current at the validation time, or issued after the best proven signing time and within the
   * maximum age after the latest proof of existence: an archive's document timestamp proves the
   * signature existed when the DSS beneath it was filled, so data gathered then (days after
   * signing) keeps proving the status at signing. Before, only data issued within a day of the
   * signature timestamp counted, and a B-T document raised to B-LTA two days after signing
   * failed offline once its OCSP answers' nextUpdate had passed.
   */
  static boolean fresh(RevocationInfo info, Instant bestTime, Instant latestProof, boolean poe,
      Instant validationTime, ValidationPolicy policy) {
    Duration skew = policy.clockSkew();
    Duration maxAge = policy.maxRevocationAge();
    if (info.thisUpdate().isAfter(validationTime.plus(skew))) {
      return false;
    }
    boolean current = info.nextUpdate() != null
        ? !validationTime.isAfter(info.nextUpdate().plus(skew))
        : !validationTime.isAfter(info.thisUpdate().plus(maxAge));
    boolean afterProvenTime = poe && !info.thisUpdate().isBefore(bestTime.minus(skew))
        && !info.thisUpdate().isAfter(latestProof.plus(maxAge));
    return current || afterProvenTime;
  }

  private static List<Candidate> embedded(X509Certificate cert, X509Certificate issuer,
      Material material, Function<X509Certificate, PublicKey> keys) {
    List<Candidate> found = new ArrayList<>(
        ocsps(cert, issuer, material.ocsps(), material, "embedded", keys));
    found.addAll(crls(cert, issuer, material.crls(), "embedded"));
    return found;
  }

  /**
   * The responses about {@code cert}, judged; {@code keys} gives each possible signer's key
   * (a {@link VerificationKeys}' remembered one, or the certificate's own).
   */
  static List<Candidate> ocsps(X509Certificate cert, X509Certificate issuer,
      List<BasicOCSPResp> responses, Material material, String origin,
      Function<X509Certificate, PublicKey> keys) {
    List<Candidate> found = new ArrayList<>();
    try {
      X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
      var digests = new JcaDigestCalculatorProviderBuilder().build();
      // whether each certificate at hand is a responder the CA delegated, decided once for all
      // the responses: the delegation is itself a signature check
      Map<X509Certificate, String> delegations = new HashMap<>();
      for (BasicOCSPResp basic : responses) {
        for (SingleResp single : basic.getResponses()) {
          if (single.getCertID().getSerialNumber().equals(cert.getSerialNumber())
              && single.getCertID().matchesIssuer(issuerHolder, digests)) {
            String problem = OcspSigners.problem(basic, issuer, material, keys, delegations);
            found.add(new Candidate(ocspInfo(cert, basic, single, origin), problem.isEmpty(),
                problem));
          }
        }
      }
    } catch (Exception e) {
      // an unreadable response is no candidate
    }
    return found;
  }

  private static RevocationInfo ocspInfo(X509Certificate cert, BasicOCSPResp basic,
      SingleResp single, String origin) {
    CertificateStatus status = single.getCertStatus();
    RevocationInfo.Status s = RevocationInfo.Status.GOOD;
    Instant revocationTime = null;
    String reason = "";
    if (status instanceof RevokedStatus r) {
      s = RevocationInfo.Status.REVOKED;
      revocationTime = r.getRevocationTime().toInstant();
      reason = r.hasRevocationReason() ? reasonName(r.getRevocationReason()) : "";
    } else if (status instanceof UnknownStatus) {
      s = RevocationInfo.Status.UNKNOWN;
    }
    return new RevocationInfo(CertificateInfo.serialHex(cert.getSerialNumber()), RevocationInfo.Source.OCSP,
        origin, s, basic.getProducedAt().toInstant(), single.getThisUpdate().toInstant(),
        single.getNextUpdate() == null ? null : single.getNextUpdate().toInstant(),
        revocationTime, reason);
  }

  static List<Candidate> crls(X509Certificate cert, X509Certificate issuer, List<X509CRL> crls,
      String origin) {
    List<Candidate> found = new ArrayList<>();
    for (X509CRL crl : crls) {
      if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())
          || !CrlScope.covers(crl, cert)) {
        continue;
      }
      String problem = "";
      boolean[] usage = issuer.getKeyUsage();
      try {
        crl.verify(issuer.getPublicKey());
        if (usage != null && (usage.length < 7 || !usage[6])) {
          // RFC 5280 6.3.3 (f): a CA whose key usage lacks cRLSign does not sign CRLs
          problem = "CRL of " + crl.getIssuerX500Principal() + " signed by a CA key without cRLSign";
        }
      } catch (Exception e) {
        problem = "CRL of " + crl.getIssuerX500Principal() + " not signed by its CA";
      }
      X509CRLEntry entry = crl.getRevokedCertificate(cert.getSerialNumber());
      Instant thisUpdate = crl.getThisUpdate().toInstant();
      found.add(new Candidate(new RevocationInfo(CertificateInfo.serialHex(cert.getSerialNumber()),
          RevocationInfo.Source.CRL, origin,
          entry == null ? RevocationInfo.Status.GOOD : RevocationInfo.Status.REVOKED,
          thisUpdate, thisUpdate,
          crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant(),
          entry == null ? null : entry.getRevocationDate().toInstant(),
          entry == null || entry.getRevocationReason() == null ? ""
              : entry.getRevocationReason().name()), problem.isEmpty(), problem));
    }
    return found;
  }

  private static RevocationInfo withOrigin(RevocationInfo i, String origin) {
    return new RevocationInfo(i.certificateSerial(), i.source(), origin, i.status(),
        i.producedAt(), i.thisUpdate(), i.nextUpdate(), i.revocationTime(), i.reason());
  }

  private static BasicOCSPResp basic(byte[] encoded) {
    try {
      return (BasicOCSPResp) new OCSPResp(encoded).getResponseObject();
    } catch (Exception e) {
      throw new IllegalArgumentException("unreadable OCSP response: " + e.getMessage(), e);
    }
  }

  private static X509CRL crl(byte[] encoded) {
    try {
      return (X509CRL) java.security.cert.CertificateFactory.getInstance("X.509")
          .generateCRL(new java.io.ByteArrayInputStream(encoded));
    } catch (Exception e) {
      throw new IllegalArgumentException("unreadable CRL: " + e.getMessage(), e);
    }
  }

  private static String reasonName(int code) {
    String[] names = {"unspecified", "keyCompromise", "cACompromise", "affiliationChanged",
        "superseded", "cessationOfOperation", "certificateHold", "unused", "removeFromCRL",
        "privilegeWithdrawn", "aACompromise"};
    return code >= 0 && code < names.length ? names[code] : String.valueOf(code);
  }
}
