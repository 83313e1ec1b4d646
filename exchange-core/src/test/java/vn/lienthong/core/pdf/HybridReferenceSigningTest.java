package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.validation.SignatureReport;
import vn.lienthong.core.validation.ValidationReport;
import vn.lienthong.core.validation.VerificationContext;
import vn.lienthong.core.validation.Verifier;
import vn.lienthong.sample.interop.ExternalTool;
import vn.lienthong.sample.pki.DemoSet;

/**
 * A hybrid-reference PDF as Microsoft Word's "Save as PDF" writes it (ISO 32000-1 7.5.8.4): a main
 * table where the objects kept in an object stream are free entries, then an empty update section
 * whose trailer names the cross-reference stream with /XRefStm ({@code realworld/word-hybrid.pdf},
 * made by {@code realworld/make-hybrid.py} from a qpdf {@code --object-streams=disable} copy of a
 * three-page letter with a photo). Signed and sealed as a clerk does, every update must keep the
 * /XRefStm of the trailer it follows (7.5.6: the added trailer holds all the entries of the
 * previous one but /Prev): PDFBox dropped it, and Ghostscript, which reads /XRefStm from the last
 * trailer only, then took the hidden objects for free ones: the signed pages printed without
 * their fonts and photo.
 */
class HybridReferenceSigningTest extends PdfsigFixture {

  static Path hybrid;
  static Path sealed;

  @BeforeAll
  static void sealTheWordFile() throws Exception {
    hybrid = dir.resolve("word-hybrid.pdf");
    try (InputStream in = HybridReferenceSigningTest.class.getResourceAsStream(
        "realworld/word-hybrid.pdf")) {
      Files.copy(in, hybrid);
    }
    Path signed = dir.resolve("signed.pdf");
    sealed = dir.resolve("sealed.pdf");
    signAndSeal(hybrid, signed, sealed, PadesLevel.B_LT);
  }

  @Test
  void signedIncrementallyAndValidForUsAndPdfsig() throws Exception {
    assertThat(Files.readAllBytes(sealed)).startsWith(Files.readAllBytes(hybrid));
    ValidationReport report = Verifier.builder(services.pki.trustAnchors())
        .clock(services.clock).build()
        .verify(sealed, VerificationContext.none().withSender(DemoSet.PROVINCE));
    assertThat(report.verdict().passed()).as(VerifierPdfTest.describe(report)).isTrue();
    assertThat(report.signatures()).extracting(SignatureReport::role).containsExactly(
        SignatureReport.Role.SIGNER, SignatureReport.Role.ORGANIZATION_SEAL);
    pdfsig.assertAllValid(sealed, 2, 0);
  }

  @Test
  void everyUpdateKeepsTheXRefStmOfTheHybridSection() throws Exception {
    String text = new String(Files.readAllBytes(sealed), StandardCharsets.ISO_8859_1);
    Matcher trailers = Pattern.compile("trailer\\s*<<(.*?)>>\\s*startxref", Pattern.DOTALL)
        .matcher(text);
    int count = 0;
    int withStream = 0;
    String last = "";
    while (trailers.find()) {
      count++;
      last = trailers.group(1);
      if (trailers.group(1).contains("/XRefStm")) {
        withStream++;
      }
    }
    // the main table's trailer has none (PDF 1.4 readers), Word's update section and every
    // signing update (signature, seal, the seal's DSS) one each
    assertThat(count).isEqualTo(5);
    assertThat(withStream).as("trailers naming the cross-reference stream").isEqualTo(4);
    Matcher objects = Pattern.compile("(?m)^(\\d+) 0 obj").matcher(text);
    long highest = 0;
    while (objects.find()) {
      highest = Math.max(highest, Long.parseLong(objects.group(1)));
    }
    Matcher size = Pattern.compile("/Size (\\d+)").matcher(last);
    assertThat(size.find()).isTrue();
    assertThat(Long.parseLong(size.group(1))).as("/Size of the last trailer")
        .isEqualTo(highest + 1);
  }

  @Test
  void ghostscriptRendersTheSealedPagesAsTheOriginal() throws Exception {
    ExternalTool.require("gs", "ghostscript");
    for (Path pdf : new Path[] {hybrid, sealed}) {
      ExternalTool.Result r = ExternalTool.run(dir, "gs", "-q", "-dNOPAUSE", "-dBATCH",
          "-dSAFER", "-sDEVICE=png16m", "-r40", "-dLastPage=2",
          "-sOutputFile=" + dir.resolve(pdf.getFileName() + "-%d.png"), pdf.toString());
      assertThat(r.exitCode()).as(r.output()).isZero();
      assertThat(r.output()).as(pdf.getFileName().toString()).doesNotContain("free object");
    }
    for (int page = 1; page <= 2; page++) {
      assertThat(Files.readAllBytes(dir.resolve("sealed.pdf-" + page + ".png")))
          .as("page " + page).isEqualTo(
              Files.readAllBytes(dir.resolve("word-hybrid.pdf-" + page + ".png")));
    }
  }
}
