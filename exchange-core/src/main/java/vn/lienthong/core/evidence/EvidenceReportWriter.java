package vn.lienthong.core.evidence;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import vn.lienthong.core.validation.ShownText;

/** Writes an {@link EvidenceReport} as XML, JSON and HTML. */
final class EvidenceReportWriter {

  static final String NAMESPACE = "urn:lienthong:evidence-report:1";
  private static final DateTimeFormatter VN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss '(UTC+7)'")
      .withZone(ZoneOffset.ofHours(7));

  private EvidenceReportWriter() {}

  static byte[] xml(EvidenceReport r) {
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<EvidenceReport xmlns=\"")
        .append(NAMESPACE).append("\">\n");
    tag(b, "BundleName", r.bundleName());
    tag(b, "BundleSha256", r.bundleSha256());
    tag(b, "MessageId", String.valueOf(r.messageId()));
    tag(b, "VerifiedAt", r.verifiedAt().toString());
    for (EvidenceReport.Result x : r.results()) {
      b.append("  <Check id=\"").append(x.check()).append("\" subject=\"").append(esc(x.subject()))
          .append("\" status=\"").append(x.status().name()).append("\">\n");
      tag(b, "  Vietnamese", x.check().vietnamese());
      tag(b, "  English", x.check().english());
      tag(b, "  Detail", x.detail());
      b.append("  </Check>\n");
    }
    tag(b, "Verdict", r.valid() ? "VALID" : "INVALID");
    return b.append("</EvidenceReport>\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void tag(StringBuilder b, String name, String value) {
    String n = name.strip();
    b.append(name.startsWith(" ") ? "    " : "  ").append('<').append(n).append('>').append(esc(value))
        .append("</").append(n).append(">\n");
  }

  static byte[] json(EvidenceReport r) {
    StringBuilder b = new StringBuilder("{\n");
    b.append("  \"bundleName\": ").append(str(r.bundleName())).append(",\n");
    b.append("  \"bundleSha256\": ").append(str(r.bundleSha256())).append(",\n");
    b.append("  \"messageId\": ").append(r.messageId()).append(",\n");
    b.append("  \"verifiedAt\": ").append(str(r.verifiedAt().toString())).append(",\n");
    b.append("  \"checks\": [");
    for (int i = 0; i < r.results().size(); i++) {
      EvidenceReport.Result x = r.results().get(i);
      b.append(i == 0 ? "\n" : ",\n").append("    {\"id\": ").append(str(x.check().name()))
          .append(", \"subject\": ").append(str(x.subject()))
          .append(", \"status\": ").append(str(x.status().name()))
          .append(", \"vietnamese\": ").append(str(x.check().vietnamese()))
          .append(", \"english\": ").append(str(x.check().english()))
          .append(", \"detail\": ").append(str(x.detail())).append('}');
    }
    b.append("\n  ],\n  \"verdict\": ").append(str(r.valid() ? "VALID" : "INVALID")).append("\n}\n");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String str(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  static byte[] html(EvidenceReport r) {
    StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"UTF-8\">"
        + "<title>Kiểm tra gói chứng cứ / Evidence bundle verification</title><style>"
        + "body{font-family:sans-serif;margin:2em}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}"
        + "table{border-collapse:collapse}.ok{color:#060}.ko{color:#b00;font-weight:bold}</style></head><body>\n");
    b.append("<h1>Kiểm tra gói chứng cứ / Evidence bundle verification</h1>\n<p>")
        .append(esc(r.bundleName())).append(" — SHA-256 <code>").append(esc(r.bundleSha256()))
        .append("</code><br>Gói tin / message: ").append(r.messageId())
        .append("<br>Thời điểm kiểm tra / verified at: ").append(VN.format(r.verifiedAt())).append("</p>\n");
    b.append("<h2 class=\"").append(r.valid() ? "ok\">HỢP LỆ / VALID" : "ko\">KHÔNG HỢP LỆ / INVALID")
        .append("</h2>\n<table><tr><th>Kiểm tra / check</th><th>Tệp / file</th><th>Kết quả / result</th>"
            + "<th>Chi tiết / detail</th></tr>\n");
    for (EvidenceReport.Result x : r.results()) {
      b.append("<tr><td>").append(esc(x.check().vietnamese())).append("<br><i>").append(esc(x.check().english()))
          .append("</i></td><td>").append(esc(x.subject())).append("</td><td class=\"")
          .append(switch (x.status()) {
            case PASSED -> "ok\">Đạt / passed";
            case FAILED -> "ko\">Không đạt / failed";
            case INDETERMINATE -> "ko\">Chưa xác định / indeterminate";
          }).append("</td><td>")
          .append(esc(x.detail())).append("</td></tr>\n");
    }
    return b.append("</table></body></html>\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String esc(String raw) {
    String s = ShownText.visible(raw); // also every character XML 1.0 forbids
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
