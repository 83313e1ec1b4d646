package vn.lienthong.core.evidence;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

/**
 * What {@link EvidenceVerifier} found: each check's result (per file where a check concerns one)
 * and the verdict: {@link #valid()} only when every check passed.
 *
 * @param bundleName the file's name
 * @param bundleSha256 the SHA-256 of the bundle as read
 * @param messageId the message the sealed index names, or -1 when it could not be read
 */
public record EvidenceReport(String bundleName, String bundleSha256, long messageId, Instant verifiedAt,
    List<Result> results) {

  /**
   * A check's outcome: {@code INDETERMINATE} when the bundle lacks what the check needs (e.g. no
   * revocation data for the seal); only {@code PASSED} counts as passed.
   */
  public enum Status {
    PASSED,
    FAILED,
    INDETERMINATE
  }

  /** One check's result; {@code subject} names the file concerned (may be empty). */
  public record Result(EvidenceCheck check, String subject, Status status, String detail) {
    public Result {
      requireNonNull(check, "check");
      requireNonNull(status, "status");
      subject = subject == null ? "" : subject;
      detail = detail == null ? "" : detail;
    }

    /** A result that either passed or failed. */
    public Result(EvidenceCheck check, String subject, boolean passed, String detail) {
      this(check, subject, passed ? Status.PASSED : Status.FAILED, detail);
    }

    /** Whether the check passed (neither failed nor indeterminate). */
    public boolean passed() {
      return status == Status.PASSED;
    }
  }

  public EvidenceReport {
    requireNonNull(bundleName, "bundleName");
    requireNonNull(bundleSha256, "bundleSha256");
    requireNonNull(verifiedAt, "verifiedAt");
    results = List.copyOf(results);
  }

  /** Whether the bundle verified: at least one check ran and none failed. */
  public boolean valid() {
    return !results.isEmpty() && results.stream().allMatch(Result::passed);
  }

  /** The results that did not pass: failed or indeterminate. */
  public List<Result> failures() {
    return results.stream().filter(r -> !r.passed()).toList();
  }

  /** The report as XML (namespace {@code urn:lienthong:evidence-report:1}). */
  public void writeXml(OutputStream out) throws IOException {
    out.write(EvidenceReportWriter.xml(this));
  }

  /** The report as JSON (the same names). */
  public void writeJson(OutputStream out) throws IOException {
    out.write(EvidenceReportWriter.json(this));
  }

  /** The report as one self-contained HTML page, Vietnamese and English. */
  public void writeHtml(OutputStream out) throws IOException {
    out.write(EvidenceReportWriter.html(this));
  }
}
