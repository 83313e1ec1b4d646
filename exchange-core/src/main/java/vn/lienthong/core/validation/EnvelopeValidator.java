package vn.lienthong.core.validation;

import static vn.lienthong.core.validation.CheckId.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import vn.lienthong.core.edxml.EdxmlReader;
import vn.lienthong.core.edxml.EdxmlRules;
import vn.lienthong.core.edxml.ErrorCode;
import vn.lienthong.core.edxml.Envelope;
import vn.lienthong.core.edxml.EnvelopeVerifier;
import vn.lienthong.core.edxml.VerificationResult;
import vn.lienthong.core.edxml.VerificationResult.Failure;

/**
 * The XML-DSig engine for edXML envelopes: the signature itself through {@link EnvelopeVerifier}
 * (strict anti-wrapping profile), then the signer's certificate like any other signer's.
 */
final class EnvelopeValidator {

  private final Engine engine;
  private final List<X509Certificate> candidates;

  EnvelopeValidator(Engine engine, List<X509Certificate> candidates) {
    this.engine = engine;
    this.candidates = candidates;
  }

  /** The envelope's signature report, or none when it is unsigned. */
  List<SignatureReport> validate(Path file, X509Certificate expected, Instant validationTime)
      throws IOException {
    Path attachments = Files.createTempDirectory("lienthong-verify-");
    try {
      Envelope envelope = EdxmlReader.builder().attachmentDirectory(attachments).build()
          .read(file);
      if (!envelope.hasSignature()) {
        return List.of();
      }
      EnvelopeVerifier verifier = EnvelopeVerifier.create();
      VerificationResult result = expected == null ? verifier.verify(envelope)
          : verifier.verifyWith(envelope, expected);
      return List.of(report(result, expected != null, validationTime, uncovered(envelope)));
    } finally {
      try (Stream<Path> files = Files.walk(attachments)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * Why the attachments are not what the signed manifest names, one for one (added, missing or
   * renamed after signing, or not its digest), or null: they travel outside the signed part, and a
   * valid envelope said so of an attachment added after signing.
   */
  private static String uncovered(Envelope envelope) {
    return EdxmlRules.check(envelope.message(), envelope.attachments()).stream()
        .filter(v -> v.code() == ErrorCode.MANIFEST_MISMATCH || v.code() == ErrorCode.ATTACHMENT_DIGEST_MISMATCH)
        .map(v -> v.field() + ": " + v.message()).findFirst().orElse(null);
  }

  private SignatureReport report(VerificationResult result, boolean expectedGiven,
      Instant validationTime, String uncovered) {
    ValidationPolicy policy = engine.policy();
    X509Certificate signer = null;
    String algorithm = "";
    Failure failure = null;
    String detail = "";
    if (result instanceof VerificationResult.Valid v) {
      signer = v.signer();
      algorithm = v.algorithm();
    } else if (result instanceof VerificationResult.Legacy l) {
      signer = l.signer();
      algorithm = l.algorithm();
    } else if (result instanceof VerificationResult.Invalid i) {
      failure = i.failure();
      detail = i.detail();
    }
    List<CheckResult> checks = new ArrayList<>();
    checks.add(outcome(XML_SIGNATURE_PROFILE, failure, detail, Failure.WRAPPING,
        Failure.MALFORMED, Failure.UNSIGNED));
    checks.add(Checks.result(XML_SIGNATURE_COVERS_DOCUMENT, policy.level(XML_SIGNATURE_COVERS_DOCUMENT),
        uncovered == null ? Outcome.passed() : Outcome.failed(uncovered)));
    checks.add(outcome(SIGNING_CERTIFICATE_FOUND, failure, detail, Failure.NO_CERTIFICATE));
    checks.add(expectedGiven ? outcome(EXPECTED_SIGNER, failure, detail, Failure.KEY_MISMATCH)
        : Checks.result(EXPECTED_SIGNER, policy.level(EXPECTED_SIGNER), Outcome.notApplicable()));
    checks.add(outcome(MESSAGE_DIGEST_MATCHES, failure, detail, Failure.DIGEST_MISMATCH));
    checks.add(outcome(SIGNATURE_VALUE_VALID, failure, detail, Failure.SIGNATURE_MISMATCH));
    checks.add(outcome(SIGNATURE_ALGORITHM_ACCEPTED, failure, detail,
        Failure.UNSUPPORTED_ALGORITHM));
    checks.add(signer == null ? outcome(KEY_SIZE_ACCEPTED, failure, detail, Failure.WEAK_KEY)
        : Checks.result(KEY_SIZE_ACCEPTED, policy.level(KEY_SIZE_ACCEPTED), Outcome.check(
            policy.algorithms().acceptsKey(signer.getPublicKey(), validationTime),
            signer.getPublicKey().getAlgorithm(),
            String.valueOf(AlgorithmPolicy.keyBits(signer.getPublicKey())))));
    checks.add(Checks.result(LEGACY_ALGORITHM, policy.level(LEGACY_ALGORITHM),
        result instanceof VerificationResult.Legacy ? Outcome.failed(algorithm)
            : Outcome.passed(algorithm)));
    List<CheckResult> recorded = new ArrayList<>(checks.stream()
        .filter(c -> c.level() != Level.IGNORE).toList());
    List<CertificateInfo> chain = List.of();
    List<RevocationInfo> revocations = List.of();
    if (signer != null) {
      Material material = new Material(candidates, List.of(), List.of());
      ChainBuilder.Path path = engine.chains().build(signer, candidates);
      List<RevocationChecker.Assessment> assessments = engine.revocations(path, material,
          validationTime, false, validationTime);
      recorded.addAll(CertificateChecks.run(new CertificateChecks.Facts(signer, path,
          validationTime, false, validationTime, policy, assessments)));
      if (path.anchored()) {
        chain = path.certificates().stream()
            .map(c -> CertificateInfo.of(c, engine.chains().isAnchor(c))).toList();
      }
      revocations = assessments.stream().flatMap(a -> a.used().stream()).toList();
    }
    return new SignatureReport("edXML-signature", SignatureReport.Kind.XML_DSIG, "XML-DSig",
        SignatureReport.Role.ENVELOPE,
        signer == null ? null : CertificateInfo.of(signer, engine.chains().isAnchor(signer)),
        null, validationTime, 0, chain, revocations, List.of(), List.of(), recorded,
        Checks.conclude(recorded));
  }

  private CheckResult outcome(CheckId id, Failure failure, String detail, Failure... mine) {
    boolean failed = failure != null && List.of(mine).contains(failure);
    return Checks.result(id, engine.policy().level(id), failed
        ? Outcome.failed(failure + (detail.isEmpty() ? "" : ": " + detail))
        : failure != null ? Outcome.notApplicable() : Outcome.passed());
  }
}
