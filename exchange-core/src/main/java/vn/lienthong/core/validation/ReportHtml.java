package vn.lienthong.core.validation;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link ValidationReport} as one self-contained HTML page for auditors: every label in
 * Vietnamese and English, times in Vietnam time (UTC+7), each check with its sentence.
 */
final class ReportHtml {

  private static final Locale VI = Locale.forLanguageTag("vi");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx").withZone(ZoneOffset.ofHours(7));

  private final StringBuilder h = new StringBuilder();

  private ReportHtml() {}

  static void write(ValidationReport r, OutputStream out) throws IOException {
    ReportHtml html = new ReportHtml();
    html.report(r);
    out.write(html.h.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private void report(ValidationReport r) {
    h.append("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>")
        .append(esc(label("title", VI))).append(" / ").append(esc(label("title", Locale.ENGLISH)))
        .append("</title>\n<style>")
        .append("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;")
        .append("margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;")
        .append("vertical-align:top}th{background:#f3f3f3}.TOTAL_PASSED,.PASSED{color:#176a1e}")
        .append(".TOTAL_FAILED,.FAILED{color:#b00020}.INDETERMINATE,.WARN{color:#a15c00}")
        .append(".en{color:#666;font-size:.9em}.verdict{font-size:1.3em;font-weight:bold}")
        .append("</style></head><body>\n");
    h.append("<h1>").append(both("title")).append("</h1>\n<table>\n");
    row("document", esc(r.documentName()));
    row("type", esc(r.documentType()));
    row("size", Long.toString(r.documentSize()));
    row("sha256", "<code>" + esc(r.documentSha256()) + "</code>");
    row("validationTime", time(r.validationTime()));
    row("policy", esc(r.policyName()));
    row("verdict", verdict(r.verdict()));
    h.append("</table>\n");
    h.append("<h2>").append(both("signatures")).append("</h2>\n");
    if (r.signatures().isEmpty()) {
      h.append("<p>").append(both("none")).append("</p>\n");
    }
    int n = 1;
    for (SignatureReport s : r.signatures()) {
      signature(n++, s);
    }
    h.append("<h2>").append(both("documentChecks")).append("</h2>\n");
    checks(r.documentChecks());
    h.append("</body></html>\n");
  }

  private void signature(int number, SignatureReport s) {
    h.append("<h3>").append(both("signature")).append(' ').append(number).append(": ")
        .append(esc(s.id())).append("</h3>\n<table>\n");
    row("role", esc(Messages.text("role." + s.role(), VI, List.of())) + " <span class=\"en\">/ "
        + esc(Messages.text("role." + s.role(), Locale.ENGLISH, List.of())) + "</span>");
    row("kind", esc(s.kind().name()));
    row("format", esc(s.format()));
    row("signer", s.signer() == null ? both("none") : esc(s.signer().subject()));
    row("claimedSigningTime", s.claimedSigningTime() == null ? both("none") : time(s.claimedSigningTime()));
    row("bestSignatureTime", time(s.bestSignatureTime()));
    if (s.coveredRevision() > 0) {
      row("coveredRevision", Integer.toString(s.coveredRevision()));
    }
    row("verdict", verdict(s.verdict()));
    h.append("</table>\n");
    checks(s.checks());
    chain(s.chain());
    revocations(s.revocations());
    for (TimestampInfo t : s.timestamps()) {
      h.append("<h4>").append(both("timestamps")).append(": ").append(t.kind()).append(", ")
          .append(time(t.generationTime())).append(", ").append(esc(t.tsa())).append(" — ")
          .append(verdict(t.verdict())).append("</h4>\n");
      checks(t.checks());
    }
    changes(s.changesAfter());
  }

  private void chain(List<CertificateInfo> chain) {
    if (chain.isEmpty()) {
      return;
    }
    h.append("<h4>").append(both("chain")).append("</h4>\n<table><tr><th>").append(both("subject"))
        .append("</th><th>").append(both("serial")).append("</th><th>").append(both("validity"))
        .append("</th><th>").append(both("trustAnchor")).append("</th></tr>\n");
    for (CertificateInfo c : chain) {
      h.append("<tr><td>").append(esc(c.subject())).append("</td><td><code>")
          .append(esc(c.serialNumber())).append("</code></td><td>").append(time(c.notBefore()))
          .append(" – ").append(time(c.notAfter())).append("</td><td>")
          .append(both(c.trustAnchor() ? "yes" : "no")).append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private void revocations(List<RevocationInfo> revocations) {
    if (revocations.isEmpty()) {
      return;
    }
    h.append("<h4>").append(both("revocation")).append("</h4>\n<table><tr><th>")
        .append(both("serial")).append("</th><th>").append(both("source")).append("</th><th>")
        .append(both("origin")).append("</th><th>").append(both("status")).append("</th><th>")
        .append(both("producedAt")).append("</th></tr>\n");
    for (RevocationInfo rev : revocations) {
      h.append("<tr><td><code>").append(esc(rev.certificateSerial())).append("</code></td><td>")
          .append(rev.source()).append("</td><td>").append(esc(rev.origin())).append("</td><td>")
          .append(rev.status()).append(rev.revocationTime() == null ? ""
              : " " + time(rev.revocationTime()) + " " + esc(rev.reason()))
          .append("</td><td>").append(time(rev.producedAt())).append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private void changes(List<ChangeInfo> changesAfter) {
    if (changesAfter.isEmpty()) {
      return;
    }
    h.append("<h4>").append(both("changes")).append("</h4>\n<table><tr><th>")
        .append(both("revision")).append("</th><th>").append(both("kind")).append("</th><th>")
        .append(both("allowed")).append("</th><th></th></tr>\n");
    for (ChangeInfo c : changesAfter) {
      h.append("<tr><td>").append(c.revision()).append("</td><td>").append(c.kind())
          .append("</td><td class=\"").append(c.allowed() ? "PASSED" : "FAILED").append("\">")
          .append(both(c.allowed() ? "yes" : "no")).append("</td><td>")
          .append(esc(c.description())).append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private void checks(List<CheckResult> checks) {
    if (checks.isEmpty()) {
      return;
    }
    h.append("<table><tr><th>").append(both("check")).append("</th><th>").append(both("status"))
        .append("</th><th>").append(both("level")).append("</th></tr>\n");
    for (CheckResult c : checks) {
      String css = c.isWarning() ? "WARN" : c.status().name();
      h.append("<tr><td>").append(esc(Messages.describe(c, VI))).append("<br><span class=\"en\">")
          .append(esc(Messages.describe(c, Locale.ENGLISH))).append("</span></td><td class=\"")
          .append(css).append("\">").append(esc(Messages.text("status." + c.status(), VI, List.of())))
          .append(" <span class=\"en\">/ ")
          .append(esc(Messages.text("status." + c.status(), Locale.ENGLISH, List.of())))
          .append("</span>");
      if (c.status() == CheckResult.Status.FAILED) {
        h.append("<br><code>").append(c.indication()).append('/').append(c.subIndication())
            .append("</code>");
      }
      h.append("</td><td>").append(c.level()).append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private String verdict(Verdict v) {
    return "<span class=\"verdict " + v.indication() + "\">"
        + esc(Messages.text("indication." + v.indication(), VI, List.of())) + " / "
        + esc(Messages.text("indication." + v.indication(), Locale.ENGLISH, List.of()))
        + "</span> <code>" + v + "</code>";
  }

  private void row(String label, String valueHtml) {
    h.append("<tr><th>").append(both(label)).append("</th><td>").append(valueHtml)
        .append("</td></tr>\n");
  }

  private static String both(String label) {
    return esc(label(label, VI)) + " <span class=\"en\">/ " + esc(label(label, Locale.ENGLISH))
        + "</span>";
  }

  private static String label(String label, Locale locale) {
    return Messages.text("label." + label, locale, List.of());
  }

  private static String time(Instant t) {
    return esc(TIME.format(t));
  }

  /** Escapes text for HTML element content and double-quoted attributes. */
  static String esc(String raw) {
    // control and bidirectional characters shown as [U+XXXX]: a right-to-left override displayed
    // another signer's name than the certificate's
    String s = ShownText.visible(raw);
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
