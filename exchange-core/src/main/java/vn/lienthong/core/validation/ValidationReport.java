package vn.lienthong.core.validation;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

/**
 * The validation of one file (a PDF, an edXML envelope, a CMS file): every signature's report,
 * the document-level checks of the policy, and the overall verdict, in ETSI EN 319 102-1 terms.
 * It writes itself as XML (schema {@code validation-report.xsd}) and JSON for programs, and as an
 * HTML page with Vietnamese and English labels for auditors.
 *
 * @param documentSha256 SHA-256 of the file's bytes, hexadecimal
 * @param documentType {@code PDF}, {@code EDXML} or {@code CMS}
 */
public record ValidationReport(
    String documentName,
    String documentSha256,
    long documentSize,
    String documentType,
    Instant validationTime,
    String policyName,
    List<SignatureReport> signatures,
    List<CheckResult> documentChecks,
    Verdict verdict) {

  /** The XML namespace of the report. */
  public static final String NAMESPACE = "urn:lienthong:validation-report:1";

  public ValidationReport {
    requireNonNull(documentName, "documentName");
    requireNonNull(documentSha256, "documentSha256");
    requireNonNull(documentType, "documentType");
    requireNonNull(validationTime, "validationTime");
    requireNonNull(policyName, "policyName");
    signatures = List.copyOf(signatures);
    documentChecks = List.copyOf(documentChecks);
    requireNonNull(verdict, "verdict");
  }

  /** Writes the report as XML, valid against {@code validation-report.xsd}. */
  public void writeXml(OutputStream out) throws IOException {
    ReportXml.write(this, out);
  }

  /** Writes the report as JSON (UTF-8), with the same names as the XML. */
  public void writeJson(OutputStream out) throws IOException {
    ReportJson.write(this, out);
  }

  /** Writes the report as a self-contained HTML page, labelled in Vietnamese and English. */
  public void writeHtml(OutputStream out) throws IOException {
    ReportHtml.write(this, out);
  }
}
