package vn.lienthong.core.validation;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.tsp.TimeStampToken;
import vn.lienthong.core.pki.CryptoProviders;
import vn.lienthong.core.pki.VerificationKeys;

/**
 * Validates an RFC 3161 time-stamp token: the message imprint over what it claims to cover, the
 * token's signature, the TSA's chain to a configured anchor and its validity at the time stamped,
 * the TSA's critical and sole extended key usage timeStamping, and a time not in the future.
 */
final class TimestampValidator {

  /**
   * A validated token.
   *
   * @param info what the report shows; null when the token could not be read at all
   * @param chain the TSA's path (empty when not found)
   */
  record Result(TimestampInfo info, X509Certificate tsa, List<X509Certificate> chain,
      List<CheckResult> checks) {

    boolean valid() {
      return info != null && info.verdict().passed();
    }

    Instant time() {
      return info == null ? null : info.generationTime();
    }
  }

  private final ChainBuilder chains;
  private final ValidationPolicy policy;
  private final VerificationKeys keys;

  TimestampValidator(ChainBuilder chains, ValidationPolicy policy, VerificationKeys keys) {
    this.chains = chains;
    this.policy = policy;
    this.keys = keys;
  }

  /**
   * @param digestOf the digest, under a JCA digest name, of what the token must cover
   */
  Result validate(byte[] der, TimestampInfo.Kind kind, Function<String, byte[]> digestOf,
      Collection<X509Certificate> candidates, Instant validationTime) {
    TimeStampToken token;
    try {
      token = new TimeStampToken(ContentInfo.getInstance(ASN1Primitive.fromByteArray(der)));
    } catch (Exception e) {
      List<CheckResult> checks = List.of(result(CheckId.CMS_WELL_FORMED,
          Outcome.failed("time-stamp token: " + e.getMessage())));
      return new Result(null, null, List.of(), checks);
    }
    Instant time = token.getTimeStampInfo().getGenTime().toInstant();
    String digestName = AlgorithmPolicy.normalize(new DefaultAlgorithmNameFinder()
        .getAlgorithmName(token.getTimeStampInfo().getMessageImprintAlgOID()));
    List<X509Certificate> pool = new ArrayList<>(candidates);
    X509Certificate tsa = signer(token, pool);
    List<CheckResult> checks = new ArrayList<>();
    checks.add(result(CheckId.TIMESTAMP_IMPRINT_MATCHES, imprint(token, digestName, digestOf)));
    checks.add(result(CheckId.TIMESTAMP_SIGNATURE_VALID, signature(token, tsa)));
    checks.add(result(CheckId.TIMESTAMP_ALGORITHMS_ACCEPTED,
        algorithms(token, digestName, tsa, time)));
    ChainBuilder.Path path = tsa == null ? null : chains.build(tsa, pool);
    checks.add(result(CheckId.TIMESTAMP_TSA_TRUSTED, trusted(tsa, path, time)));
    checks.add(result(CheckId.TIMESTAMP_TSA_USAGE, usage(tsa)));
    checks.add(result(CheckId.TIMESTAMP_ORDER, Outcome.check(
        !time.isAfter(validationTime.plus(policy.clockSkew())), time.toString(),
        validationTime.toString())));
    List<CheckResult> recorded = checks.stream().filter(c -> c.level() != Level.IGNORE).toList();
    TimestampInfo info = new TimestampInfo(kind, time,
        tsa == null ? "" : tsa.getSubjectX500Principal().getName(), digestName, recorded,
        Checks.conclude(recorded));
    return new Result(info, tsa,
        path != null && path.anchored() ? path.certificates() : List.of(), recorded);
  }

  private CheckResult result(CheckId id, Outcome outcome) {
    return Checks.result(id, policy.level(id), outcome);
  }

  private static Outcome imprint(TimeStampToken token, String digestName,
      Function<String, byte[]> digestOf) {
    try {
      byte[] expected = digestOf.apply(digestName);
      return Outcome.check(MessageDigest.isEqual(expected,
          token.getTimeStampInfo().getMessageImprintDigest()), digestName);
    } catch (RuntimeException e) {
      return Outcome.failed(digestName + ": " + e.getMessage());
    }
  }

  private Outcome signature(TimeStampToken token, X509Certificate tsa) {
    if (tsa == null) {
      return Outcome.failed("the TSA certificate is not in the token or the document");
    }
    try {
      return Outcome.check(token.isSignatureValid(
          CryptoProviders.signerInfoVerifier(keys.of(tsa))),
          tsa.getSubjectX500Principal().getName());
    } catch (Exception e) {
      return Outcome.failed(e.getMessage());
    }
  }

  /**
   * The imprint's digest, the token's signature digest and the TSA's key, as the policy judges a
   * signature's at the time stamped: an MD5 imprint or a token signed with SHA-1 in 2026 proved
   * a time before (the policy was applied to signatures but never to the tokens proving them).
   */
  private Outcome algorithms(TimeStampToken token, String imprintDigest, X509Certificate tsa,
      Instant time) {
    AlgorithmPolicy algorithms = policy.algorithms();
    if (!algorithms.acceptsDigest(imprintDigest, time)) {
      return Outcome.failed(imprintDigest + " (imprint) at " + time);
    }
    String signatureDigest = AlgorithmPolicy.normalize(new DefaultAlgorithmNameFinder()
        .getAlgorithmName(token.toCMSSignedData().getSignerInfos().getSigners().iterator().next()
            .getDigestAlgorithmID()));
    if (!algorithms.acceptsDigest(signatureDigest, time)) {
      return Outcome.failed(signatureDigest + " (token signature) at " + time);
    }
    if (tsa != null && !algorithms.acceptsKey(tsa.getPublicKey(), time)) {
      return Outcome.failed(AlgorithmPolicy.keyBits(tsa.getPublicKey()) + "-bit "
          + tsa.getPublicKey().getAlgorithm() + " key of the TSA at " + time);
    }
    return Outcome.passed(imprintDigest, signatureDigest);
  }

  private static Outcome trusted(X509Certificate tsa, ChainBuilder.Path path, Instant time) {
    if (tsa == null || path == null) {
      return Outcome.notApplicable();
    }
    String subject = tsa.getSubjectX500Principal().getName();
    if (!path.anchored()) {
      return Outcome.failed(subject);
    }
    // the signer's CA rules hold for the TSA's path too: without them any end-entity certificate
    // under an anchor (a signer's, even a revoked one's) "issued" a TSA that stamped any time
    Optional<String> problem = CertificateChecks.pathProblem(path);
    if (problem.isPresent()) {
      return Outcome.failed(problem.get());
    }
    for (X509Certificate c : path.certificates()) {
      if (time.isBefore(c.getNotBefore().toInstant()) || time.isAfter(c.getNotAfter().toInstant())) {
        return Outcome.failed(c.getSubjectX500Principal().getName() + " not valid at " + time);
      }
    }
    return Outcome.passed(subject);
  }

  private static Outcome usage(X509Certificate tsa) {
    if (tsa == null) {
      return Outcome.notApplicable();
    }
    String subject = tsa.getSubjectX500Principal().getName();
    try {
      List<String> eku = tsa.getExtendedKeyUsage();
      boolean critical = tsa.getCriticalExtensionOIDs() != null
          && tsa.getCriticalExtensionOIDs().contains(Extension.extendedKeyUsage.getId());
      return Outcome.check(critical && eku != null
          && eku.equals(List.of(KeyPurposeId.id_kp_timeStamping.getId())), subject);
    } catch (Exception e) {
      return Outcome.failed(subject, e.getMessage());
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"}) // BC's SignerId is a raw Selector
  private static X509Certificate signer(TimeStampToken token, List<X509Certificate> pool) {
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    Collection<X509CertificateHolder> matches = token.getCertificates()
        .getMatches((org.bouncycastle.util.Selector) token.getSID());
    for (X509CertificateHolder h : token.getCertificates().getMatches(null)) {
      try {
        pool.add(converter.getCertificate(h));
      } catch (Exception e) {
        // skip
      }
    }
    try {
      if (!matches.isEmpty()) {
        return converter.getCertificate(matches.iterator().next());
      }
      for (X509Certificate c : pool) {
        if (token.getSID().match(new X509CertificateHolder(c.getEncoded()))) {
          return c;
        }
      }
    } catch (Exception e) {
      return null;
    }
    return null;
  }
}
