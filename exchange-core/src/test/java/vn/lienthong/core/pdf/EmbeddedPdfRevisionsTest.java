package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationFileAttachment;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.validation.ChangeInfo;
import vn.lienthong.core.validation.Indication;
import vn.lienthong.core.validation.ValidationPolicy;
import vn.lienthong.core.validation.ValidationReport;
import vn.lienthong.core.validation.Verifier;
import vn.lienthong.sample.pki.DemoSet;

/**
 * A PDF carried inside a signed PDF as an uncompressed embedded file: its own
 * {@code startxref ... %%EOF} lies inside a stream of the outer file and is no revision of it.
 */
class EmbeddedPdfRevisionsTest extends ServicesFixture {

  /** Another PDF's bytes, as an agency attaches the document it answers. */
  static byte[] attachedPdf() throws Exception {
    Path inner = TestPdfs.letter(dir.resolve("inner-" + System.nanoTime() + ".pdf"), 1);
    byte[] bytes = Files.readAllBytes(inner);
    assertThat(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1))
        .contains("startxref").endsWith("%%EOF\n");
    return bytes;
  }

  /** The embedded file stream, written without a filter: the inner PDF's bytes as they are. */
  static PDComplexFileSpecification fileSpec(PDDocument doc, byte[] pdf) throws Exception {
    PDEmbeddedFile file = new PDEmbeddedFile(doc, new ByteArrayInputStream(pdf));
    file.setSubtype("application/pdf");
    file.setSize(pdf.length);
    assertThat(file.getCOSObject().containsKey(COSName.FILTER)).isFalse();
    PDComplexFileSpecification spec = new PDComplexFileSpecification();
    spec.setFile("answered.pdf");
    spec.setFileUnicode("answered.pdf");
    spec.setEmbeddedFile(file);
    return spec;
  }

  /** A letter whose catalog's /EmbeddedFiles carries another PDF, uncompressed. */
  static Path letterWithAttachment(String name) throws Exception {
    Path letter = TestPdfs.letter(dir.resolve(name + "-plain.pdf"), 1);
    Path out = dir.resolve(name + ".pdf");
    try (PDDocument doc = Loader.loadPDF(letter.toFile())) {
      PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
      tree.setNames(Map.of("answered.pdf", fileSpec(doc, attachedPdf())));
      PDDocumentNameDictionary names = new PDDocumentNameDictionary(doc.getDocumentCatalog());
      names.setEmbeddedFiles(tree);
      doc.getDocumentCatalog().setNames(names);
      doc.save(out.toFile());
    }
    return out;
  }

  /** Signed by the chairman (B-B) and sealed by the province (B-B), as a clerk does. */
  static Path signedAndSealed(Path in, String name) throws Exception {
    Path signed = dir.resolve(name + "-signed.pdf");
    Path sealed = dir.resolve(name + "-sealed.pdf");
    services.signer().sign(in, signed, services.key(DemoSet.CHAIRMAN),
        SignatureOptions.builder().level(PadesLevel.B_B)
            .appearance(new Appearance.Signer(SampleServices.signatureImage(), "Phạm Văn Mẫu",
                "Chủ tịch"), Placement.onPage(1, 330, 300, 180, 110)).build());
    services.signer().sign(signed, sealed, services.key("seal-" + DemoSet.PROVINCE),
        SignatureOptions.builder().level(PadesLevel.B_B)
            .appearance(new Appearance.Seal(SampleServices.sealImage(), "UBND"),
                Placement.overSignerImage()).build());
    return sealed;
  }

  /**
   * {@code signed} with a file attachment annotation (an uncompressed PDF) added after it, in
   * the same update as a black box drawn over the page when {@code forge}.
   */
  static Path withAttachmentAnnotation(Path signed, String name, boolean forge) throws Exception {
    Path out = dir.resolve(name + "-annotated.pdf");
    try (PDDocument doc = Loader.loadPDF(signed.toFile());
        OutputStream o = Files.newOutputStream(out)) {
      PDPage page = doc.getPage(0);
      if (forge) {
        try (var cs = new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page,
            org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode.APPEND, false)) {
          cs.addRect(40, 400, 500, 300);
          cs.fill();
        }
      }
      PDAnnotationFileAttachment a = new PDAnnotationFileAttachment();
      a.setRectangle(new PDRectangle(20, 20, 16, 20));
      a.setFile(fileSpec(doc, attachedPdf()));
      a.setContents("answered.pdf");
      a.constructAppearances(doc);
      page.getAnnotations().add(a);
      page.getCOSObject().setNeedToBeUpdated(true);
      page.getCOSObject().getCOSArray(COSName.ANNOTS).setNeedToBeUpdated(true);
      doc.saveIncremental(o);
    }
    return out;
  }

  static Verifier verifier() {
    return Verifier.builder(List.copyOf(services.pki.trustAnchors()))
        .policy(ValidationPolicy.basic()).build();
  }

  /**
   * A document signed and sealed, then a PDF attached to its page (a file attachment
   * annotation, allowed without certification) stored uncompressed: the attached PDF's
   * {@code startxref n %%EOF} was taken for a revision end, the outer file cut there compared as
   * a revision ("form field Signature1 removed", 3 545 pixels changed), and the genuine
   * document was TOTAL_FAILED. The attached letter is made like the document's own first
   * revision, so its offset names a cross-reference section of the outer file too.
   */
  @Test
  void aPdfAttachedAfterTheSignaturesIsAnAllowedAnnotation() throws Exception {
    Path sealed = signedAndSealed(TestPdfs.letter(dir.resolve("letter.pdf"), 1), "letter");
    Path attached = withAttachmentAnnotation(sealed, "attached", false);

    PdfRevisions revisions = PdfRevisions.read(attached);
    assertThat(revisions.revisionCount()).isEqualTo(PdfRevisions.read(sealed).revisionCount() + 1);
    List<ChangeInfo> changes = revisions.changesAfter(revisions.signatures().get(0));
    assertThat(changes).as("changes " + changes).allMatch(ChangeInfo::allowed)
        .anyMatch(c -> c.kind() == ChangeInfo.Kind.ANNOTATION_ADDED);
    ValidationReport report = verifier().verify(attached);
    assertThat(report.verdict().indication()).as("verdict " + report.verdict())
        .isEqualTo(Indication.TOTAL_PASSED);
  }

  /** The same attachment added with a black box over the letter: still caught. */
  @Test
  void aChangeBesideTheAttachmentIsStillCaught() throws Exception {
    Path sealed = signedAndSealed(TestPdfs.letter(dir.resolve("letter-f.pdf"), 1), "letter-f");
    Path forged = withAttachmentAnnotation(sealed, "forged", true);

    PdfRevisions revisions = PdfRevisions.read(forged);
    List<ChangeInfo> changes = revisions.changesAfter(revisions.signatures().get(0));
    assertThat(changes).as("changes " + changes).anyMatch(c -> !c.allowed()
        && c.kind() == ChangeInfo.Kind.PAGE_CONTENT_CHANGED);
    assertThat(verifier().verify(forged).verdict().indication())
        .isEqualTo(Indication.TOTAL_FAILED);
  }

  /** A letter carrying an uncompressed PDF in its /EmbeddedFiles, signed and sealed: valid. */
  @Test
  void aSignedDocumentCarryingAnUncompressedPdfIsValid() throws Exception {
    Path sealed = signedAndSealed(letterWithAttachment("catalog"), "catalog");

    PdfRevisions revisions = PdfRevisions.read(sealed);
    assertThat(revisions.revisionCount()).isEqualTo(3);
    assertThat(revisions.signatures()).extracting(SignatureField::revision).containsExactly(2, 3);
    assertThat(verifier().verify(sealed).verdict().indication())
        .isEqualTo(Indication.TOTAL_PASSED);
  }
}
