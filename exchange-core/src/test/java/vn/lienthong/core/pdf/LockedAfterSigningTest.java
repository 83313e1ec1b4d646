package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Calendar;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.pdf.PdfSigningException.Code;
import vn.lienthong.core.validation.CheckId;
import vn.lienthong.core.validation.Indication;
import vn.lienthong.core.validation.ValidationReport;
import vn.lienthong.core.validation.VerificationContext;
import vn.lienthong.core.validation.Verifier;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;

/**
 * A document signed elsewhere with Acrobat's "lock document after signing": an approval signature
 * whose FieldMDP transform carries {@code /P 1} (ISO 32000-2, 12.8.2.4, and the field's
 * {@code /Lock} the same, 12.7.5.5): once that field is signed, no change at all is allowed, as
 * with a DocMDP P=1 certification. Signing it must be refused; a signature added anyway must fail
 * the locking signature, not leave it TOTAL_PASSED.
 */
class LockedAfterSigningTest {

  @TempDir static Path dir;
  static SampleServices services;
  static Path locked;

  @BeforeAll
  static void lock() throws Exception {
    services = new SampleServices(KeyKind.EC_P256);
    Path letter = TestPdfs.letter(dir.resolve("letter.pdf"), 1);
    locked = dir.resolve("locked.pdf");
    lockedAfterSigning(letter, locked);
  }

  @AfterAll
  static void stop() {
    services.close();
  }

  @Test
  void signingADocumentLockedAfterSigningIsRefused() throws Exception {
    assertSealingIsRefused(locked, dir.resolve("sealed.pdf"));
  }

  private static void assertSealingIsRefused(Path in, Path out) {
    assertThatThrownBy(() -> services.signer().sign(in, out,
        services.key("seal-" + DemoSet.PROVINCE),
        SignatureOptions.builder().level(PadesLevel.B_B).build()))
        .isInstanceOfSatisfying(PdfSigningException.class,
            e -> assertThat(e.code()).isEqualTo(Code.CERTIFIED_NO_CHANGES));
    assertThat(out).doesNotExist();
  }

  @Test
  void aSignatureAddedAfterALockingSignatureFailsIt() throws Exception {
    Path added = dir.resolve("added.pdf");
    appendApprovalSignature(locked, added); // what another tool would do anyway

    ValidationReport report = Verifier.builder(services.pki.trustAnchors())
        .clock(services.clock).build().verify(added, VerificationContext.none());

    var first = report.signatures().get(0);
    assertThat(first.verdict().indication()).as(VerifierPdfTest.describe(report))
        .isEqualTo(Indication.TOTAL_FAILED);
    assertThat(VerifierPdfTest.failed(first.checks()))
        .contains(CheckId.CERTIFICATION_PERMISSIONS);
  }

  /**
   * A certification lists its DocMDP reference among others (a FieldMDP one first, here): the
   * signer read the first reference's /P whatever its method, found none, and signed a document
   * certified with P=1.
   */
  @Test
  void aCertificationIsReadFromItsDocMdpReferenceWhereverItStands() throws Exception {
    COSArray references = new COSArray();
    references.add(reference("FieldMDP", transformParams(0)));
    references.add(reference("DocMDP", transformParams(1)));
    Path certified = dir.resolve("certified.pdf");
    sign(TestPdfs.letter(dir.resolve("letter-2.pdf"), 1), certified, DemoSet.CHAIRMAN,
        references, null);

    assertSealingIsRefused(certified, dir.resolve("sealed-2.pdf"));
  }

  /** FieldMDP /P 2: form filling and signing allowed; a seal added by our signer must leave both valid. */
  @Test
  void aSealAfterAFieldMdpP2SignatureLeavesBothValid() throws Exception {
    COSArray references = new COSArray();
    references.add(reference("FieldMDP", transformParams(2)));
    COSDictionary lock = new COSDictionary();
    lock.setItem(COSName.TYPE, COSName.getPDFName("SigFieldLock"));
    lock.setName(COSName.getPDFName("Action"), "All");
    lock.setInt(COSName.P, 2);
    Path p2 = dir.resolve("p2.pdf");
    sign(TestPdfs.letter(dir.resolve("letter-p2.pdf"), 1), p2, DemoSet.CHAIRMAN, references, lock);
    Path out = dir.resolve("p2-sealed.pdf");
    services.signer().sign(p2, out, services.key("seal-" + DemoSet.PROVINCE),
        SignatureOptions.builder().level(PadesLevel.B_LT)
            .appearance(new Appearance.Seal(SampleServices.sealImage(),
                "Ủy ban nhân dân tỉnh Quảng Ninh"), Placement.topRight()).build());
    ValidationReport report = Verifier.builder(services.pki.trustAnchors())
        .clock(services.clock).build().verify(out, VerificationContext.none());
    assertThat(report.signatures()).hasSize(2);
    for (var s : report.signatures()) {
      assertThat(VerifierPdfTest.failed(s.checks())).as(VerifierPdfTest.describe(report))
          .doesNotContain(CheckId.CERTIFICATION_PERMISSIONS, CheckId.NO_VISIBLE_CHANGES);
    }
  }

  private static COSDictionary transformParams(int permission) {
    COSDictionary params = new COSDictionary();
    params.setItem(COSName.TYPE, COSName.getPDFName("TransformParams"));
    params.setName(COSName.getPDFName("Action"), "All");
    if (permission > 0) {
      params.setInt(COSName.P, permission);
    }
    params.setName(COSName.V, "1.2");
    return params;
  }

  private static COSDictionary reference(String method, COSDictionary params) {
    COSDictionary reference = new COSDictionary();
    reference.setItem(COSName.TYPE, COSName.getPDFName("SigRef"));
    reference.setItem(COSName.getPDFName("TransformMethod"), COSName.getPDFName(method));
    reference.setItem(COSName.getPDFName("TransformParams"), params);
    return reference;
  }

  /** Signs {@code in} as Acrobat does a field with "lock document after signing". */
  static void lockedAfterSigning(Path in, Path out) throws IOException {
    COSArray references = new COSArray();
    references.add(reference("FieldMDP", transformParams(1)));
    COSDictionary lock = new COSDictionary();
    lock.setItem(COSName.TYPE, COSName.getPDFName("SigFieldLock"));
    lock.setName(COSName.getPDFName("Action"), "All");
    lock.setInt(COSName.P, 1);
    sign(in, out, DemoSet.CHAIRMAN, references, lock);
  }

  static void appendApprovalSignature(Path in, Path out) throws IOException {
    sign(in, out, "seal-" + DemoSet.PROVINCE, null, null);
  }

  private static void sign(Path in, Path out, String alias, COSArray references,
      COSDictionary lock) throws IOException {
    var key = services.key(alias);
    CmsSignatureBuilder cms = new CmsSignatureBuilder(new SecureRandom());
    try (PDDocument doc = Loader.loadPDF(in.toFile());
        var os = Files.newOutputStream(out)) {
      PDSignature signature = new PDSignature();
      signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
      signature.setSubFilter(Revisions.ETSI_CADES_DETACHED);
      signature.setSignDate(Calendar.getInstance());
      if (references != null) {
        signature.getCOSObject().setItem(COSName.getPDFName("Reference"), references);
        if (references.toString().contains("DocMDP")) {
          COSDictionary perms = new COSDictionary();
          perms.setItem(COSName.DOCMDP, signature);
          doc.getDocumentCatalog().getCOSObject().setItem(COSName.PERMS, perms);
        }
      }
      doc.addSignature(signature, content -> {
        try {
          return cms.sign(content, key, SignatureOptions.builder().level(PadesLevel.B_B).build(),
              null);
        } catch (PdfSigningException e) {
          throw new IOException(e);
        }
      });
      if (lock != null) {
        var fields = doc.getDocumentCatalog().getAcroForm().getFields();
        fields.get(fields.size() - 1).getCOSObject().setItem(COSName.getPDFName("Lock"), lock);
      }
      doc.saveIncremental(os);
    }
  }
}
