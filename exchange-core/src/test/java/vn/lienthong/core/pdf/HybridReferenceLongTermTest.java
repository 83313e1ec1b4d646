package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.validation.ValidationReport;
import vn.lienthong.core.validation.VerificationContext;
import vn.lienthong.core.validation.Verifier;
import vn.lienthong.sample.interop.ExternalTool;
import vn.lienthong.sample.pki.DemoSet;

/** A Word hybrid file signed, sealed (B-LT) and then extended to B-LTA. */
class HybridReferenceLongTermTest extends PdfsigFixture {

  static Path hybrid;
  static Path lta;

  @BeforeAll
  static void signSealExtend() throws Exception {
    hybrid = dir.resolve("word-hybrid.pdf");
    try (InputStream in = HybridReferenceLongTermTest.class.getResourceAsStream(
        "realworld/word-hybrid.pdf")) {
      Files.copy(in, hybrid);
    }
    Path signed = dir.resolve("signed.pdf");
    Path sealed = dir.resolve("sealed.pdf");
    signAndSeal(hybrid, signed, sealed, PadesLevel.B_LT);
    lta = dir.resolve("lta.pdf");
    services.extender().extend(sealed, lta, PadesLevel.B_LTA);
  }

  @Test
  void everyTrailerSizeCoversItsObjects() throws Exception {
    String text = new String(Files.readAllBytes(lta), StandardCharsets.ISO_8859_1);
    Matcher trailers = Pattern.compile("trailer\\s*<<(.*?)>>\\s*startxref", Pattern.DOTALL)
        .matcher(text);
    Pattern objPattern = Pattern.compile("(?m)^(\\d+) 0 obj");
    List<String> problems = new ArrayList<>();
    int count = 0;
    while (trailers.find()) {
      count++;
      Matcher objects = objPattern.matcher(text.substring(0, trailers.start()));
      long highest = 0;
      while (objects.find()) {
        highest = Math.max(highest, Long.parseLong(objects.group(1)));
      }
      Matcher size = Pattern.compile("/Size (\\d+)").matcher(trailers.group(1));
      if (!size.find() || Long.parseLong(size.group(1)) < highest + 1) {
        problems.add("trailer " + count + ": " + trailers.group(1).trim() + " highest " + highest);
      }
      if (count > 1 && !trailers.group(1).contains("/XRefStm")) {
        problems.add("trailer " + count + " lacks /XRefStm");
      }
    }
    assertThat(count).isEqualTo(7);
    assertThat(problems).isEmpty();
  }

  @Test
  void qpdfCheckIsClean() throws Exception {
    ExternalTool.require("qpdf", "qpdf");
    ExternalTool.Result r = ExternalTool.run(dir, "qpdf", "--check", lta.toString());
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).doesNotContainIgnoringCase("warning");
  }

  @Test
  void validForUsPdfsigAndGhostscript() throws Exception {
    ValidationReport report = Verifier.builder(services.pki.trustAnchors())
        .clock(services.clock).build()
        .verify(lta, VerificationContext.none().withSender(DemoSet.PROVINCE));
    assertThat(report.verdict().passed()).as(VerifierPdfTest.describe(report)).isTrue();
    pdfsig.assertAllValid(lta, 2, 1);
    ExternalTool.require("gs", "ghostscript");
    ExternalTool.Result r = ExternalTool.run(dir, "gs", "-q", "-dNOPAUSE", "-dBATCH",
        "-dSAFER", "-sDEVICE=nullpage", lta.toString());
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).doesNotContain("free object").doesNotContainIgnoringCase("error");
  }
}
