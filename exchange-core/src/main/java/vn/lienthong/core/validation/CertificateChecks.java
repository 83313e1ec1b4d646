package vn.lienthong.core.validation;

import static vn.lienthong.core.validation.CheckId.*;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraintValidatorException;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PKIXNameConstraintValidator;

/**
 * The check tables about a signer's certificate: its path to a trust anchor (CHAIN), validity at
 * the best proven signing time (TIME) and revocation (REVOCATION). Shared by CMS, PAdES and
 * XML-DSig signatures.
 */
final class CertificateChecks {

  /** Extended key usages that allow document and message signatures. */
  private static final Set<String> SIGNING_EKUS = Set.of(
      "2.5.29.37.0", // anyExtendedKeyUsage
      "1.3.6.1.5.5.7.3.4", // emailProtection
      "1.3.6.1.5.5.7.3.36", // documentSigning (RFC 9336)
      "1.2.840.113583.1.1.5", // Adobe authentic documents trust
      "1.3.6.1.4.1.311.10.3.12", // Microsoft document signing
      "1.3.6.1.5.5.7.3.2"); // clientAuth: edXML envelopes are signed with the system certificate

  /** Extensions this validator understands when they are critical. */
  private static final Set<String> KNOWN_CRITICAL = Set.of("2.5.29.15", "2.5.29.19", "2.5.29.37",
      "2.5.29.17", "2.5.29.32", "2.5.29.30", "2.5.29.36", "2.5.29.54", "2.5.29.33",
      "1.3.6.1.5.5.7.48.1.5");

  /** What the certificate checks look at. */
  record Facts(X509Certificate signer, ChainBuilder.Path path, Instant bestTime, boolean poe,
      Instant validationTime, ValidationPolicy policy,
      List<RevocationChecker.Assessment> revocations) {}

  static final List<Check<Facts>> CHAIN_TABLE = List.of(
      Check.of(CHAIN_TO_TRUST_ANCHOR, f -> Outcome.check(f.path().anchored(), subject(f.signer()),
          subject(f.path().certificates().get(f.path().certificates().size() - 1)))),
      Check.of(CHAIN_SIGNATURES_VALID, CertificateChecks::linksVerify),
      Check.of(CHAIN_CA_CONSTRAINTS, CertificateChecks::caConstraints),
      Check.of(CHAIN_ALGORITHMS_ACCEPTED, CertificateChecks::chainAlgorithms),
      Check.of(SIGNER_KEY_USAGE, CertificateChecks::keyUsage),
      Check.of(SIGNER_EXTENDED_KEY_USAGE, CertificateChecks::extendedKeyUsage));

  static final List<Check<Facts>> TIME_TABLE = List.of(
      Check.of(SIGNER_CERTIFICATE_VALID_FROM, f -> Outcome.check(
          !f.bestTime().isBefore(f.signer().getNotBefore().toInstant()),
          f.signer().getNotBefore().toInstant().toString(), f.bestTime().toString())),
      Check.of(SIGNER_CERTIFICATE_NOT_EXPIRED, CertificateChecks::notExpired),
      Check.of(CHAIN_CERTIFICATES_IN_VALIDITY, CertificateChecks::chainValidity));

  static final List<Check<Facts>> REVOCATION_TABLE = List.of(
      Check.of(REVOCATION_DATA_AVAILABLE, f -> first(f, RevocationChecker.Assessment::available)),
      Check.of(REVOCATION_DATA_AUTHENTIC, f -> first(f, RevocationChecker.Assessment::authentic)),
      Check.of(REVOCATION_DATA_FRESH, f -> first(f, RevocationChecker.Assessment::fresh)),
      Check.of(OCSP_NONCE_MATCHES, f -> first(f, RevocationChecker.Assessment::nonce)),
      Check.of(SIGNER_NOT_REVOKED, f -> f.revocations().isEmpty() ? Outcome.notApplicable()
          : f.revocations().get(0).notRevoked()),
      Check.of(CHAIN_NOT_REVOKED, f -> f.revocations().size() < 2 ? Outcome.notApplicable()
          : firstOf(f.revocations().subList(1, f.revocations().size()),
              RevocationChecker.Assessment::notRevoked)));

  private CertificateChecks() {}

  static List<CheckResult> run(Facts facts) {
    List<CheckResult> results = new ArrayList<>(Checks.run(CHAIN_TABLE, facts, facts.policy()));
    results.addAll(Checks.run(TIME_TABLE, facts, facts.policy()));
    results.addAll(Checks.run(REVOCATION_TABLE, facts, facts.policy()));
    return results;
  }

  static String subject(X509Certificate cert) {
    return cert.getSubjectX500Principal().getName();
  }

  /** The first failure among the certificates' outcomes, else the first pass, else n/a. */
  private static Outcome first(Facts f, Function<RevocationChecker.Assessment, Outcome> which) {
    return f.revocations().isEmpty() ? Outcome.notApplicable() : firstOf(f.revocations(), which);
  }

  private static Outcome firstOf(List<RevocationChecker.Assessment> list,
      Function<RevocationChecker.Assessment, Outcome> which) {
    return list.stream().map(which).filter(o -> o instanceof Outcome.Failed).findFirst()
        .or(() -> list.stream().map(which).filter(o -> o instanceof Outcome.Passed).findFirst())
        .orElse(Outcome.notApplicable());
  }

  private static Outcome linksVerify(Facts f) {
    List<X509Certificate> certs = f.path().certificates();
    for (int i = 0; i + 1 < certs.size(); i++) {
      if (!ChainBuilder.issued(certs.get(i + 1), certs.get(i))) {
        return Outcome.failed(subject(certs.get(i)));
      }
    }
    return f.path().anchored() ? Outcome.passed() : Outcome.notApplicable();
  }

  private static Outcome caConstraints(Facts f) {
    return pathProblem(f.path()).map(Outcome::failed).orElseGet(Outcome::passed);
  }

  /**
   * What breaks the CA constraints of {@code path} (target first): every issuer a CA with
   * keyCertSign within its path length, no unknown critical extension (the anchor is trusted as
   * configured), each certificate's names within the name constraints of the CAs above it
   * (RFC 5280 6.1.3 b-c, 6.1.4 g), and the CAs' policy constraints, inhibitAnyPolicy and policy
   * mappings obeyed ({@link CertificatePolicies}). The same rules for a signer's path and a TSA's.
   */
  static Optional<String> pathProblem(ChainBuilder.Path path) {
    List<X509Certificate> certs = path.certificates();
    for (int i = 1; i < certs.size(); i++) {
      X509Certificate ca = certs.get(i);
      int pathLen = ca.getBasicConstraints();
      if (pathLen < 0) {
        return Optional.of(subject(ca) + " is not a CA");
      }
      if (pathLen != Integer.MAX_VALUE && i - 1 > pathLen) {
        return Optional.of(subject(ca) + " allows a path length of " + pathLen);
      }
      boolean[] ku = ca.getKeyUsage();
      if (ku != null && (ku.length < 6 || !ku[5])) {
        return Optional.of(subject(ca) + " lacks keyCertSign");
      }
    }
    for (X509Certificate c : certs) {
      if (path.anchored() && c == certs.get(certs.size() - 1)) {
        continue; // an anchor is trusted as configured
      }
      Set<String> critical = c.getCriticalExtensionOIDs();
      if (critical != null) {
        for (String oid : critical) {
          if (!KNOWN_CRITICAL.contains(oid)) {
            return Optional.of(subject(c) + " has an unknown critical extension " + oid);
          }
        }
      }
    }
    return nameConstraintsProblem(certs).or(() -> CertificatePolicies.problem(path));
  }

  /**
   * Whether each certificate's subject (its e-mail attributes included) and alternative names
   * lie within the permitted and outside the excluded subtrees of every CA above it; a
   * self-issued CA certificate is not checked itself (RFC 5280 6.1.3 b-c).
   */
  private static Optional<String> nameConstraintsProblem(List<X509Certificate> certs) {
    PKIXNameConstraintValidator validator = new PKIXNameConstraintValidator();
    for (int i = certs.size() - 1; i >= 0; i--) {
      X509Certificate c = certs.get(i);
      boolean selfIssued = c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
      try {
        if (i < certs.size() - 1 && (i == 0 || !selfIssued)) {
          X500Name subject = X500Name.getInstance(c.getSubjectX500Principal().getEncoded());
          validator.checkPermittedDN(subject);
          validator.checkExcludedDN(subject);
          for (RDN rdn : subject.getRDNs(PKCSObjectIdentifiers.pkcs_9_at_emailAddress)) {
            for (var value : rdn.getTypesAndValues()) {
              GeneralName email = new GeneralName(GeneralName.rfc822Name,
                  ((ASN1String) value.getValue()).getString());
              validator.checkPermitted(email);
              validator.checkExcluded(email);
            }
          }
          ASN1Primitive san = CertificatePolicies.extension(c, Extension.subjectAlternativeName.getId());
          if (san != null) {
            for (GeneralName name : GeneralNames.getInstance(san).getNames()) {
              validator.checkPermitted(name);
              validator.checkExcluded(name);
            }
          }
        }
        ASN1Primitive constraints = i > 0
            ? CertificatePolicies.extension(c, Extension.nameConstraints.getId()) : null;
        if (constraints != null) {
          NameConstraints nc = NameConstraints.getInstance(constraints);
          if (nc.getPermittedSubtrees() != null) {
            validator.intersectPermittedSubtree(nc.getPermittedSubtrees());
          }
          if (nc.getExcludedSubtrees() != null) {
            for (GeneralSubtree excluded : nc.getExcludedSubtrees()) {
              validator.addExcludedSubtree(excluded);
            }
          }
        }
      } catch (NameConstraintValidatorException e) {
        return Optional.of(subject(c) + " is outside the name constraints of its CAs: "
            + e.getMessage());
      } catch (RuntimeException e) {
        return Optional.of(subject(c) + " has unreadable names or name constraints: "
            + e.getMessage());
      }
    }
    return Optional.empty();
  }

  private static Outcome chainAlgorithms(Facts f) {
    AlgorithmPolicy algorithms = f.policy().algorithms();
    List<X509Certificate> certs = f.path().certificates();
    int last = f.path().anchored() ? certs.size() - 1 : certs.size();
    for (int i = 0; i < last; i++) {
      X509Certificate c = certs.get(i);
      Optional<String> digest = AlgorithmPolicy.signatureDigest(c);
      if (digest.isEmpty() || !algorithms.acceptsDigest(digest.get(), f.bestTime())) {
        return Outcome.failed(subject(c) + " is signed with " + c.getSigAlgName());
      }
      if (i > 0 && !algorithms.acceptsKey(c.getPublicKey(), f.bestTime())) {
        return Outcome.failed(subject(c) + " has a " + AlgorithmPolicy.keyBits(c.getPublicKey())
            + "-bit key");
      }
    }
    return Outcome.passed();
  }

  private static Outcome keyUsage(Facts f) {
    boolean[] ku = f.signer().getKeyUsage();
    return Outcome.check(ku == null || (ku.length > 1 && (ku[0] || ku[1])), subject(f.signer()));
  }

  private static Outcome extendedKeyUsage(Facts f) {
    try {
      List<String> eku = f.signer().getExtendedKeyUsage();
      return Outcome.check(eku == null || eku.stream().anyMatch(SIGNING_EKUS::contains),
          subject(f.signer()), eku == null ? "" : String.join(", ", eku));
    } catch (Exception e) {
      return Outcome.failed(subject(f.signer()), e.getMessage());
    }
  }

  private static Outcome notExpired(Facts f) {
    Instant notAfter = f.signer().getNotAfter().toInstant();
    if (!f.bestTime().isAfter(notAfter)) {
      return Outcome.passed(notAfter.toString(), f.bestTime().toString());
    }
    return f.poe()
        ? Outcome.failedAs(Indication.TOTAL_FAILED, SubIndication.EXPIRED, notAfter.toString(),
            f.bestTime().toString())
        : Outcome.failed(notAfter.toString(), f.bestTime().toString());
  }

  private static Outcome chainValidity(Facts f) {
    List<X509Certificate> certs = f.path().certificates();
    for (int i = 1; i < certs.size(); i++) {
      X509Certificate c = certs.get(i);
      if (f.bestTime().isBefore(c.getNotBefore().toInstant())
          || f.bestTime().isAfter(c.getNotAfter().toInstant())) {
        return Outcome.failed(subject(c), f.bestTime().toString());
      }
    }
    return Outcome.passed();
  }
}
