package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.pdf.PdfSigningException.Code;
import vn.lienthong.core.validation.ValidationReport;
import vn.lienthong.core.validation.Verifier;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;
import vn.lienthong.sample.pki.SamplePki;

/**
 * What PdfSigner refuses with a typed PdfSigningException: a PDF without pages, a rectangle off
 * the page, a signer's certificate its CA signed with SHA-1.
 */
class SigningRefusalsTest {

  static SampleServices services;
  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    services = new SampleServices(KeyKind.EC_P256);
  }

  @AfterAll
  static void stop() {
    services.close();
  }

  /** A PDF without pages is a corrupt document: a typed refusal, not an IllegalStateException. */
  @Test
  void pdfWithoutPagesIsRefusedWithATypedError() throws Exception {
    Path empty = dir.resolve("empty.pdf");
    try (PDDocument doc = new PDDocument()) {
      doc.save(empty.toFile());
    }
    Path out = dir.resolve("out.pdf");
    assertThatThrownBy(() -> services.signer().sign(empty, out,
        services.key(DemoSet.CHAIRMAN), SignatureOptions.builder().level(PadesLevel.B_B).build()))
        .isInstanceOf(PdfSigningException.class);
    assertThat(out).doesNotExist();
  }

  /** Code.BAD_PLACEMENT: "The page of the placement does not exist, or the rectangle is not on it." */
  @Test
  void rectangleOffThePageIsRefusedAsBadPlacement() throws Exception {
    Path letter = TestPdfs.letter(dir.resolve("letter.pdf"), 1);
    Path out = dir.resolve("out.pdf");
    assertThatThrownBy(() -> services.signer().sign(letter, out,
        services.key(DemoSet.CHAIRMAN), SignatureOptions.builder().level(PadesLevel.B_B)
            .appearance(new Appearance.Signer(SampleServices.signatureImage(), "Phạm Văn Mẫu",
                "Chủ tịch"), Placement.onPage(1, 5000, 5000, 180, 110)).build()))
        .isInstanceOfSatisfying(PdfSigningException.class,
            e -> assertThat(e.code()).isEqualTo(Code.BAD_PLACEMENT));
    assertThat(out).doesNotExist();
  }

  /**
   * signatures.md: "SHA-1 and MD5 are not acceptable for new signatures". A certificate signed
   * with SHA-1 makes a signature the project's own Verifier rejects; PdfSigner should refuse it
   * (UNSUPPORTED_KEY) as it refuses RSA-1024.
   */
  @Test
  void certificateSignedWithSha1IsRefused() throws Exception {
    Path letter = TestPdfs.letter(dir.resolve("letter.pdf"), 1);
    Path out = dir.resolve("out.pdf");
    String verdict = "not signed";
    try {
      services.signer().sign(letter, out, services.key(SamplePki.BAD_SHA1),
          SignatureOptions.builder().level(PadesLevel.B_T).build());
      ValidationReport report = Verifier.builder(services.pki.trustAnchors())
          .clock(services.clock).build().verify(out);
      verdict = "signed; the project's Verifier says " + report.verdict();
    } catch (PdfSigningException e) {
      assertThat(e.code()).isEqualTo(Code.UNSUPPORTED_KEY);
      return;
    }
    throw new AssertionError("A SHA-1 certificate was allowed to sign: " + verdict);
  }
}
