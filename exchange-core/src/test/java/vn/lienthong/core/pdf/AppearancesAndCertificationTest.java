package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.pdf.PdfSigningException.Code;
import vn.lienthong.core.pki.DigestAlgorithm;
import vn.lienthong.sample.pki.DemoSet;

/** The copy mark, anchor placement and DocMDP certification, as a reader and pdfsig see them. */
class AppearancesAndCertificationTest extends PdfsigFixture {

  @Test
  void copyIsMarkedTopRightOfFirstPageInBlackVietnameseText() throws Exception {
    Path in = TestPdfs.letter(dir.resolve("copy-in.pdf"), 2);
    Path out = dir.resolve("copy.pdf");

    services.signer().sign(in, out, services.key("seal-" + DemoSet.PROVINCE),
        SignatureOptions.builder().level(PadesLevel.B_T)
            .appearance(new Appearance.CopyText("Ủy ban nhân dân tỉnh Quảng Ninh"),
                Placement.topRight()).build());

    PDRectangle rect = widgetRect(out);
    PDRectangle page = new PDRectangle(595.27563f, 841.8898f);
    assertThat(rect.getUpperRightX()).isCloseTo(page.getWidth() - 28, Offset.offset(1f));
    assertThat(rect.getUpperRightY()).isCloseTo(page.getHeight() - 28, Offset.offset(1f));
    BufferedImage after = Decree30SignaturesTest.render(out, 0);
    BufferedImage before = Decree30SignaturesTest.render(in, 0);
    assertThat(Decree30SignaturesTest.nonWhite(after, rect, after.getHeight())).isGreaterThan(100);
    assertThat(Decree30SignaturesTest.red(after, rect, after.getHeight())).isZero();
    assertThat(Decree30SignaturesTest.changedOutside(before, after, List.of(rect),
        after.getHeight())).isZero();
    try (PDDocument doc = Loader.loadPDF(out.toFile())) {
      var widget = doc.getDocumentCatalog().getAcroForm().getFields().get(0).getWidgets().get(0);
      String shown = new String(widget.getAppearance().getNormalAppearance().getAppearanceStream()
          .getContentStream().toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1);
      assertThat(shown).contains(" 10 Tf");
      assertThat(widget.getAppearance().getNormalAppearance().getAppearanceStream()
          .getResources().getFont(widget.getAppearance().getNormalAppearance()
              .getAppearanceStream().getResources().getFontNames().iterator().next())
          .getName()).contains("LiberationSerif");
    }
    pdfsig.assertAllValid(out, 1, 0);
  }

  @Test
  void anchorPlacementCentresTheSignatureOnThePlaceholder() throws Exception {
    Path in = TestPdfs.letter(dir.resolve("anchor-in.pdf"), 3);
    Path out = dir.resolve("anchor.pdf");

    services.signer().sign(in, out, services.key(DemoSet.CHAIRMAN), SignatureOptions.builder()
        .level(PadesLevel.B_B).digest(DigestAlgorithm.SHA384)
        .appearance(new Appearance.Signer(SampleServices.signatureImage(), "Phạm Văn Mẫu",
            "Chủ tịch"), Placement.atAnchor(TestPdfs.ANCHOR, 180, 110)).build());

    PDRectangle rect = widgetRect(out);
    try (PDDocument doc = Loader.loadPDF(out.toFile())) {
      var widget = doc.getDocumentCatalog().getAcroForm().getFields().get(0).getWidgets().get(0);
      assertThat(doc.getPages().indexOf(widget.getPage())).isEqualTo(2);
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setStartPage(3);
      assertThat(stripper.getText(doc)).contains(TestPdfs.ANCHOR);
    }
    // TestPdfs draws the placeholder at x=380, baseline 360, 12 pt
    assertThat(rect.getLowerLeftX() + rect.getWidth() / 2).isBetween(400f, 450f);
    assertThat(rect.getLowerLeftY() + rect.getHeight() / 2).isBetween(355f, 375f);
    BufferedImage after = Decree30SignaturesTest.render(out, 2);
    assertThat(Decree30SignaturesTest.nonWhite(after, rect, after.getHeight())).isGreaterThan(500);
    pdfsig.assertAllValid(out, 1, 0);
  }

  @Test
  void certificationWithFormFillingStillAllowsTheSeal() throws Exception {
    Path in = TestPdfs.letter(dir.resolve("cert-in.pdf"), 1);
    Path certified = dir.resolve("certified.pdf");
    Path sealed = dir.resolve("certified-sealed.pdf");

    services.signer().sign(in, certified, services.key(DemoSet.CHAIRMAN), SignatureOptions
        .builder().level(PadesLevel.B_T).certification(Certification.FORM_FILLING).build());
    services.signer().sign(certified, sealed, services.key("seal-" + DemoSet.PROVINCE),
        SignatureOptions.builder().level(PadesLevel.B_T).build());

    String report = pdfsig.assertAllValid(sealed, 2, 0);
    assertThat(report).contains("Signature Field Name: Signature1");
  }

  @Test
  void documentCertifiedWithNoChangesRefusesAFurtherSignature() throws Exception {
    Path in = TestPdfs.letter(dir.resolve("p1-in.pdf"), 1);
    Path certified = dir.resolve("p1.pdf");
    services.signer().sign(in, certified, services.key(DemoSet.CHAIRMAN), SignatureOptions
        .builder().level(PadesLevel.B_B).certification(Certification.NO_CHANGES).build());
    Path out = dir.resolve("p1-sealed.pdf");

    assertThatThrownBy(() -> services.signer().sign(certified, out,
        services.key("seal-" + DemoSet.PROVINCE), SignatureOptions.builder()
            .level(PadesLevel.B_B).build()))
        .isInstanceOfSatisfying(PdfSigningException.class,
            e -> assertThat(e.code()).isEqualTo(Code.CERTIFIED_NO_CHANGES));
    assertThat(out).doesNotExist();
  }

  private static PDRectangle widgetRect(Path pdf) throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      var fields = doc.getDocumentCatalog().getAcroForm().getFields();
      return fields.get(fields.size() - 1).getWidgets().get(0).getRectangle();
    }
  }
}
