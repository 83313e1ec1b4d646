package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.validation.Indication;
import vn.lienthong.core.validation.SubIndication;
import vn.lienthong.core.validation.ValidationReport;
import vn.lienthong.core.validation.Verdict;
import vn.lienthong.core.validation.Verifier;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;

/**
 * Files no verifier should choke on (truncated, not a PDF, a 40 MB /Contents) get a clear result
 * quickly; and the reports of real verifications are valid XML and render as HTML.
 */
class VerifierHostileInputTest {

  @TempDir static Path dir;
  static SampleServices services;
  static Verifier verifier;
  static Path signed;

  @BeforeAll
  static void start() throws Exception {
    services = new SampleServices(KeyKind.EC_P256);
    verifier = Verifier.builder(services.pki.trustAnchors()).build();
    signed = dir.resolve("signed.pdf");
    services.signer().sign(TestPdfs.letter(dir.resolve("letter.pdf"), 1), signed,
        services.key("seal-" + DemoSet.PROVINCE),
        SignatureOptions.builder().level(PadesLevel.B_LT).build());
  }

  @AfterAll
  static void stop() {
    services.close();
  }

  static ValidationReport quickly(Path file) {
    long start = System.nanoTime();
    ValidationReport report = verifier.verify(file);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    return report;
  }

  @Test
  void aPdfTruncatedBeforeItsFirstEofFailsAsUnreadable() throws Exception {
    byte[] bytes = Files.readAllBytes(signed);
    int firstEof = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("%%EOF");
    Path truncated = Files.write(dir.resolve("truncated.pdf"),
        Arrays.copyOf(bytes, firstEof - 10));

    assertThat(quickly(truncated).verdict()).isEqualTo(Verdict.of(Indication.TOTAL_FAILED,
        SubIndication.FORMAT_FAILURE));
  }

  @Test
  void aPdfTruncatedInsideItsSignedRevisionDoesNotPass() throws Exception {
    byte[] bytes = Files.readAllBytes(signed);
    Path truncated = Files.write(dir.resolve("truncated-late.pdf"),
        Arrays.copyOf(bytes, bytes.length * 2 / 3));

    assertThat(quickly(truncated).verdict().passed()).isFalse();
  }

  @Test
  void randomBytesAreNotASignature() throws Exception {
    byte[] noise = new byte[100_000];
    new Random(3).nextBytes(noise);
    Path file = Files.write(dir.resolve("noise.pdf"), noise);

    assertThat(quickly(file).verdict()).isEqualTo(Verdict.of(Indication.TOTAL_FAILED,
        SubIndication.FORMAT_FAILURE));
  }

  @Test
  void anUnsignedPdfHasNoSignature() throws Exception {
    assertThat(quickly(TestPdfs.letter(dir.resolve("plain.pdf"), 1)).verdict()).isEqualTo(
        Verdict.of(Indication.INDETERMINATE, SubIndication.SIGNED_DATA_NOT_FOUND));
  }

  @Test
  void aFortyMegabyteContentsIsAFormatFailure() throws Exception {
    Path file = hugeContents(dir.resolve("huge.pdf"), 20 * 1024 * 1024);

    assertThat(quickly(file).verdict()).isEqualTo(Verdict.of(Indication.TOTAL_FAILED,
        SubIndication.FORMAT_FAILURE));
  }

  @Test
  void reportsOfRealVerificationsAreValidXmlAndHtml() throws Exception {
    ValidationReport report = verifier.verify(signed);
    ByteArrayOutputStream xml = new ByteArrayOutputStream();
    report.writeXml(xml);
    SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.newSchema(new StreamSource(ValidationReport.class.getResource("validation-report.xsd")
        .toString())).newValidator()
        .validate(new StreamSource(new ByteArrayInputStream(xml.toByteArray())));
    ByteArrayOutputStream html = new ByteArrayOutputStream();
    report.writeHtml(html);
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    report.writeJson(json);

    assertThat(xml.toString(StandardCharsets.UTF_8)).contains("PAdES-BASELINE-LT")
        .contains("embedded");
    assertThat(html.toString(StandardCharsets.UTF_8)).contains("PAdES-BASELINE-LT")
        .contains("TOTAL_PASSED");
    assertThat(json.toString(StandardCharsets.UTF_8)).contains("\"TOTAL_PASSED\"");
    Files.write(dir.resolve("report.html"), html.toByteArray());
  }

  /** A one-page PDF whose signature's /Contents is {@code hexBytes} bytes of zeros. */
  static Path hugeContents(Path file, int bytes) throws Exception {
    String head = "%PDF-1.7\n";
    String[] objects = {
        "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] /SigFlags 3 >> >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Annots [4 0 R] >>",
        "<< /FT /Sig /T (Sig1) /V 5 0 R /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R >>"};
    ByteArrayOutputStream start = new ByteArrayOutputStream();
    long[] offsets = new long[6];
    start.write(head.getBytes(StandardCharsets.ISO_8859_1));
    for (int i = 0; i < objects.length; i++) {
      offsets[i + 1] = start.size();
      start.write(((i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n")
          .getBytes(StandardCharsets.ISO_8859_1));
    }
    offsets[5] = start.size();
    String sigStart = "5 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter "
        + "/ETSI.CAdES.detached /ByteRange [0 %010d %010d %010d] /Contents ";
    long contentsAt = start.size() + String.format(sigStart, 0, 0, 0).length();
    long afterContents = contentsAt + 2L * bytes + 2;
    String sigEnd = " >>\nendobj\n";
    long xrefAt = afterContents + sigEnd.length();
    StringBuilder xref = new StringBuilder("xref\n0 6\n0000000000 65535 f \n");
    for (int i = 1; i <= 5; i++) {
      xref.append(String.format("%010d 00000 n \n", offsets[i]));
    }
    xref.append("trailer\n<< /Root 1 0 R /Size 6 >>\nstartxref\n").append(xrefAt)
        .append("\n%%EOF\n");
    long total = xrefAt + xref.length();
    try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file))) {
      start.writeTo(out);
      out.write(String.format(sigStart, contentsAt, afterContents, total - afterContents)
          .getBytes(StandardCharsets.ISO_8859_1));
      out.write('<');
      byte[] zeros = new byte[64 * 1024];
      Arrays.fill(zeros, (byte) '0');
      for (long left = 2L * bytes; left > 0; left -= zeros.length) {
        out.write(zeros, 0, (int) Math.min(left, zeros.length));
      }
      out.write('>');
      out.write((sigEnd + xref).getBytes(StandardCharsets.ISO_8859_1));
    }
    return file;
  }
}
