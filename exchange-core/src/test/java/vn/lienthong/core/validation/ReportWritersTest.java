package vn.lienthong.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.SamplePki;

class ReportWritersTest {

  private static ValidationReport report;

  @BeforeAll
  static void sampleReport() {
    SamplePki pki = SamplePki.demo();
    var seal = pki.seal(DemoSet.PROVINCE);
    Instant t = Instant.parse("2026-11-26T04:00:00Z");
    List<CertificateInfo> chain = List.of(
        CertificateInfo.of(seal.chain().get(0), false),
        CertificateInfo.of(seal.chain().get(1), false),
        CertificateInfo.of(seal.chain().get(2), true));
    ValidationPolicy policy = ValidationPolicy.decree30();
    List<CheckResult> checks = List.of(
        Checks.result(CheckId.BYTE_RANGE_VALID, Level.FAIL, Outcome.passed()),
        Checks.result(CheckId.MESSAGE_DIGEST_MATCHES, Level.FAIL,
            Outcome.failed("expected 0a1b, found <script>alert(\"x\")</script>")),
        Checks.result(CheckId.LEGACY_ALGORITHM, Level.WARN, Outcome.failed("SHA-1")));
    TimestampInfo ts = new TimestampInfo(TimestampInfo.Kind.SIGNATURE_TIMESTAMP, t,
        "CN=Dịch vụ cấp dấu thời gian", "SHA-256",
        List.of(Checks.result(CheckId.TIMESTAMP_IMPRINT_MATCHES, Level.FAIL, Outcome.passed())),
        Verdict.PASSED);
    RevocationInfo revoked = new RevocationInfo("1a2b", RevocationInfo.Source.OCSP,
        "http://127.0.0.1:18600/ocsp", RevocationInfo.Status.REVOKED, t, t, t.plusSeconds(3600),
        t.minusSeconds(60), "keyCompromise");
    SignatureReport sig = new SignatureReport("Signature1", SignatureReport.Kind.PADES,
        "PAdES-BASELINE-T", SignatureReport.Role.ORGANIZATION_SEAL, chain.get(0), t, t, 2, chain,
        List.of(revoked), List.of(ts),
        List.of(new ChangeInfo(3, ChangeInfo.Kind.PAGE_CONTENT_CHANGED, false,
            "Page 1 content stream replaced \"quoted\"\nnext line")),
        checks, Checks.conclude(checks));
    report = new ValidationReport("công văn 123.pdf", "00ff", 1234, "PDF", t, policy.name(),
        List.of(sig),
        List.of(Checks.result(CheckId.DECREE30_SIGNER_SIGNATURE, Level.FAIL, Outcome.failed("no signer"))),
        Verdict.of(Indication.TOTAL_FAILED, SubIndication.HASH_FAILURE));
  }

  @Test
  void theXmlReportIsValidAgainstItsSchema() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    report.writeXml(out);
    SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    var schema = f.newSchema(new StreamSource(
        ValidationReport.class.getResource("validation-report.xsd").toString()));
    var validator = schema.newValidator();
    validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    validator.validate(new StreamSource(new ByteArrayInputStream(out.toByteArray())));
    String xml = out.toString(StandardCharsets.UTF_8);
    assertThat(xml)
        .contains("indication=\"TOTAL_FAILED\" subIndication=\"HASH_FAILURE\"")
        .contains("Nội dung được ký đã bị thay đổi")
        .contains("&lt;script")
        .doesNotContain("<script")
        .contains("revocationTime=");
  }

  @Test
  void theJsonReportCarriesTheSameFactsWithEscapes() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    report.writeJson(out);
    String json = out.toString(StandardCharsets.UTF_8);
    assertThat(json)
        .contains("\"indication\": \"TOTAL_FAILED\"")
        .contains("\"subIndication\": \"HASH_FAILURE\"")
        .contains("\"name\": \"công văn 123.pdf\"")
        .contains("replaced \\\"quoted\\\"\\nnext line")
        .contains("\"vi\": \"Nội dung được ký đã bị thay đổi");
    assertThat(balanced(json)).isTrue();
  }

  @Test
  void jsonStringsEscapeControlCharacters() throws Exception {
    StringWriter w = new StringWriter();
    ReportJson.string(w, "a\"b\\c\u0001\u2028đ");
    assertThat(w.toString()).isEqualTo("\"a\\\"b\\\\c\\u0001\\u2028đ\"");
  }

  @Test
  void theHtmlReportIsBilingualAndEscapesWhatItShows() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    report.writeHtml(out);
    String html = out.toString(StandardCharsets.UTF_8);
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("Báo cáo kiểm tra chữ ký số").contains("Signature validation report")
        .contains("Không hợp lệ / Invalid")
        .contains("Cơ quan, tổ chức (con dấu)")
        .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;")
        .doesNotContain("<script>")
        .contains("2026-11-26 11:00:00 +07:00")
        .contains("class=\"WARN\"");
  }

  /** Brackets and braces outside strings balance: a cheap structural check of the JSON. */
  private static boolean balanced(String json) {
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        if (--depth < 0) {
          return false;
        }
      }
    }
    return depth == 0 && !inString;
  }

}
