package vn.lienthong.core.validation;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The validation of one signature or document timestamp.
 *
 * @param id a stable name within the document: the PDF field name, or the XML-DSig Id
 * @param format the format level reached, e.g. {@code PAdES-BASELINE-LT}
 * @param signer the signing certificate; null when it could not be identified
 * @param claimedSigningTime the time the signer claims (/M or signing-time); null if none
 * @param bestSignatureTime the earliest time the signature is proven to exist (a timestamp), or
 *     the validation time without proof
 * @param coveredRevision the PDF revision (1 = the first) the signature covers; 0 outside PDF
 * @param chain the path from the signer to a trust anchor, signer first; empty if none was found
 * @param changesAfter what later revisions changed, allowed or not
 */
public record SignatureReport(
    String id,
    Kind kind,
    String format,
    Role role,
    CertificateInfo signer,
    Instant claimedSigningTime,
    Instant bestSignatureTime,
    int coveredRevision,
    List<CertificateInfo> chain,
    List<RevocationInfo> revocations,
    List<TimestampInfo> timestamps,
    List<ChangeInfo> changesAfter,
    List<CheckResult> checks,
    Verdict verdict) {

  /** The technology of a signature. */
  public enum Kind {
    PADES,
    PDF_DOCUMENT_TIMESTAMP,
    XML_DSIG,
    CADES
  }

  /** What a signature stands for under Decree 30/2020. */
  public enum Role {
    /** The authorized person's approval signature. */
    SIGNER,
    /** The organization's signature (the seal). */
    ORGANIZATION_SEAL,
    /** A document timestamp (PAdES B-LTA). */
    DOCUMENT_TIMESTAMP,
    /** The sending unit's system signature over an edXML envelope. */
    ENVELOPE,
    /** Not determined. */
    UNKNOWN
  }

  public SignatureReport {
    requireNonNull(id, "id");
    requireNonNull(kind, "kind");
    requireNonNull(format, "format");
    requireNonNull(role, "role");
    requireNonNull(bestSignatureTime, "bestSignatureTime");
    chain = List.copyOf(chain);
    revocations = List.copyOf(revocations);
    timestamps = List.copyOf(timestamps);
    changesAfter = List.copyOf(changesAfter);
    checks = List.copyOf(checks);
    requireNonNull(verdict, "verdict");
  }

  /** The signing certificate, when it was identified. */
  public Optional<CertificateInfo> signerCertificate() {
    return Optional.ofNullable(signer);
  }

  /** The checks that failed at level WARN. */
  public List<CheckResult> warnings() {
    return checks.stream().filter(CheckResult::isWarning).toList();
  }
}
