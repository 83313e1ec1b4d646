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

  /** One check's result; {@code subject} names the file concerned (may be empty). */
  public record Result(EvidenceCheck check, String subject, boolean passed, String detail) {
    public Result {
      requireNonNull(check, "check");
      subject = subject == null ? "" : subject;
      detail = detail == null ? "" : detail;
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

  /** The failed results. */
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
