package vn.lienthong.core.validation;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a {@link ValidationReport} as JSON with the XML report's names (camel case). */
final class ReportJson {

  private ReportJson() {}

  static void write(ValidationReport r, OutputStream out) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policy", r.policyName());
    m.put("validationTime", r.validationTime());
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", r.documentName());
    doc.put("sha256", r.documentSha256());
    doc.put("size", r.documentSize());
    doc.put("type", r.documentType());
    m.put("document", doc);
    m.put("verdict", verdict(r.verdict()));
    m.put("signatures", r.signatures().stream().map(ReportJson::signature).toList());
    m.put("documentChecks", checks(r.documentChecks()));
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    value(w, m, 0);
    w.write('\n');
    w.flush();
  }

  private static Map<String, Object> signature(SignatureReport s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("kind", s.kind().name());
    m.put("format", s.format());
    m.put("role", s.role().name());
    m.put("coveredRevision", s.coveredRevision());
    m.put("verdict", verdict(s.verdict()));
    m.put("claimedSigningTime", s.claimedSigningTime());
    m.put("bestSignatureTime", s.bestSignatureTime());
    m.put("signer", s.signer() == null ? null : certificate(s.signer()));
    m.put("chain", s.chain().stream().map(ReportJson::certificate).toList());
    m.put("revocations", s.revocations().stream().map(ReportJson::revocation).toList());
    List<Object> timestamps = new ArrayList<>();
    for (TimestampInfo t : s.timestamps()) {
      Map<String, Object> tm = new LinkedHashMap<>();
      tm.put("kind", t.kind().name());
      tm.put("generationTime", t.generationTime());
      tm.put("tsa", t.tsa());
      tm.put("digestAlgorithm", t.digestAlgorithm());
      tm.put("verdict", verdict(t.verdict()));
      tm.put("checks", checks(t.checks()));
      timestamps.add(tm);
    }
    m.put("timestamps", timestamps);
    List<Object> changes = new ArrayList<>();
    for (ChangeInfo c : s.changesAfter()) {
      changes.add(new LinkedHashMap<>(Map.of("revision", c.revision(), "kind", c.kind().name(),
          "allowed", c.allowed(), "description", c.description())));
    }
    m.put("changes", changes);
    m.put("checks", checks(s.checks()));
    return m;
  }

  private static Map<String, Object> certificate(CertificateInfo c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("subject", c.subject());
    m.put("issuer", c.issuer());
    m.put("serialNumber", c.serialNumber());
    m.put("notBefore", c.notBefore());
    m.put("notAfter", c.notAfter());
    m.put("sha256", c.sha256());
    m.put("keyAlgorithm", c.keyAlgorithm());
    m.put("keyBits", c.keyBits());
    m.put("trustAnchor", c.trustAnchor());
    return m;
  }

  private static Map<String, Object> revocation(RevocationInfo r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("certificateSerial", r.certificateSerial());
    m.put("source", r.source().name());
    m.put("origin", r.origin());
    m.put("status", r.status().name());
    m.put("producedAt", r.producedAt());
    m.put("thisUpdate", r.thisUpdate());
    m.put("nextUpdate", r.nextUpdate());
    m.put("revocationTime", r.revocationTime());
    m.put("reason", r.reason());
    return m;
  }

  private static List<Object> checks(List<CheckResult> checks) {
    List<Object> list = new ArrayList<>();
    for (CheckResult c : checks) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", c.id().name());
      m.put("block", c.id().block().name());
      m.put("level", c.level().name());
      m.put("status", c.status().name());
      boolean failed = c.status() == CheckResult.Status.FAILED;
      m.put("indication", failed ? c.indication().name() : null);
      m.put("subIndication", failed ? c.subIndication().name() : null);
      m.put("arguments", c.arguments());
      Map<String, Object> messages = new LinkedHashMap<>();
      for (Locale locale : Messages.LANGUAGES) {
        messages.put(locale.getLanguage(), Messages.describe(c, locale));
      }
      m.put("messages", messages);
      list.add(m);
    }
    return list;
  }

  private static Map<String, Object> verdict(Verdict v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("indication", v.indication().name());
    m.put("subIndication", v.subIndication().map(Enum::name).orElse(null));
    return m;
  }

  private static void value(Writer w, Object v, int depth) throws IOException {
    if (v == null) {
      w.write("null");
    } else if (v instanceof String || v instanceof Instant) {
      string(w, v.toString());
    } else if (v instanceof Number || v instanceof Boolean) {
      w.write(v.toString());
    } else if (v instanceof Map<?, ?> map) {
      w.write('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        w.write(first ? "\n" : ",\n");
        first = false;
        w.write("  ".repeat(depth + 1));
        string(w, e.getKey().toString());
        w.write(": ");
        value(w, e.getValue(), depth + 1);
      }
      w.write(first ? "}" : "\n" + "  ".repeat(depth) + "}");
    } else if (v instanceof List<?> list) {
      w.write('[');
      for (int i = 0; i < list.size(); i++) {
        w.write(i == 0 ? "" : ", ");
        value(w, list.get(i), depth + 1);
      }
      w.write(']');
    } else {
      throw new IllegalArgumentException("Cannot write " + v.getClass() + " as JSON");
    }
  }

  /** A JSON string: quotes, backslashes and control characters escaped; Unicode kept. */
  static void string(Writer w, String s) throws IOException {
    w.write('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> w.write("\\\"");
        case '\\' -> w.write("\\\\");
        case '\n' -> w.write("\\n");
        case '\r' -> w.write("\\r");
        case '\t' -> w.write("\\t");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            w.write(String.format("\\u%04x", (int) c));
          } else {
            w.write(c);
          }
        }
      }
    }
    w.write('"');
  }
}
