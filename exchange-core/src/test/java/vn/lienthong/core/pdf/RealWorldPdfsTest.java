package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.lienthong.core.pdf.PdfSigningException.Code;
import vn.lienthong.core.validation.SignatureReport;
import vn.lienthong.core.validation.ValidationReport;
import vn.lienthong.core.validation.VerificationContext;
import vn.lienthong.core.validation.Verifier;
import vn.lienthong.sample.pki.DemoSet;

/**
 * PDFs as other tools write them ({@code realworld/}, see its README), signed by the chairman at
 * the placeholder and sealed over it as a clerk does with {@code dx sign} and {@code dx seal}:
 * each signed file starts with the input's exact bytes, passes Decree 30 in our verifier, both
 * signatures are valid for pdfsig, and the pages without the signatures render as before.
 * Encrypted inputs are refused with {@code ENCRYPTED_PDF}, nothing written.
 */
class RealWorldPdfsTest extends PdfsigFixture {

  @ParameterizedTest
  @ValueSource(strings = {"pdfbox-letter.pdf", "qpdf-object-streams.pdf", "qpdf-linearized.pdf",
      "qpdf-classic-xref.pdf", "gs-pdf17.pdf", "gs-pdf20.pdf", "no-trailer-id.pdf",
      "updated-classic.pdf", "updated-xref-stream.pdf", "nul-bytes-after-eof.pdf",
      "acroform-fields.pdf", "word-hybrid.pdf"})
  void signedAndSealedAsAClerkDoes(String name) throws Exception {
    Path in = resource(name);
    Path signed = dir.resolve("signed-" + name);
    Path sealed = dir.resolve("sealed-" + name);
    signAndSeal(in, signed, sealed, PadesLevel.B_T);

    assertThat(Files.readAllBytes(signed)).startsWith(Files.readAllBytes(in));
    assertThat(Files.readAllBytes(sealed)).startsWith(Files.readAllBytes(signed));
    ValidationReport report = Verifier.builder(services.pki.trustAnchors())
        .clock(services.clock).build()
        .verify(sealed, VerificationContext.none().withSender(DemoSet.PROVINCE));
    assertThat(report.verdict().passed()).as(VerifierPdfTest.describe(report)).isTrue();
    assertThat(report.signatures()).extracting(SignatureReport::role).containsExactly(
        SignatureReport.Role.SIGNER, SignatureReport.Role.ORGANIZATION_SEAL);
    String out = pdfsig.check(sealed);
    assertThat(count(out, "Signature Validation: Signature is Valid.")).as(out).isEqualTo(2);
    assertThat(count(out, "Certificate Validation: Certificate is Trusted.")).as(out)
        .isEqualTo(2);
    try (PDDocument before = Loader.loadPDF(in.toFile());
        PDDocument after = Loader.loadPDF(sealed.toFile())) {
      assertThat(after.getNumberOfPages()).isEqualTo(before.getNumberOfPages());
      for (int page = 0; page < before.getNumberOfPages() - 1; page++) {
        BufferedImage a = new PDFRenderer(before).renderImageWithDPI(page, 36);
        BufferedImage b = new PDFRenderer(after).renderImageWithDPI(page, 36);
        assertThat(Decree30SignaturesTest.changedOutside(a, b, List.of(), a.getHeight()))
            .as("page " + (page + 1)).isZero();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"encrypted-aes128-owner-only.pdf", "encrypted-aes256-owner-only.pdf"})
  void encryptedInputIsRefusedWithItsReason(String name) throws Exception {
    Path in = resource(name);
    Path out = dir.resolve("signed-" + name);
    assertThatThrownBy(() -> services.signer().sign(in, out, services.key(DemoSet.CHAIRMAN),
        SignatureOptions.builder().level(PadesLevel.B_B).build()))
        .isInstanceOfSatisfying(PdfSigningException.class, e -> {
          assertThat(e.code()).isEqualTo(Code.ENCRYPTED_PDF);
          assertThat(e.getMessage()).contains("encrypted");
        });
    assertThat(out).doesNotExist();
  }

  private static Path resource(String name) throws Exception {
    Path file = dir.resolve(name);
    if (!Files.exists(file)) {
      try (InputStream in = RealWorldPdfsTest.class.getResourceAsStream("realworld/" + name)) {
        Files.copy(in, file);
      }
    }
    return file;
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      n++;
    }
    return n;
  }
}
