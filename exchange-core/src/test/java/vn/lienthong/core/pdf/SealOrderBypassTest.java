package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.core.pdf.VerifierPdfTest.describe;
import static vn.lienthong.core.pdf.VerifierPdfTest.failed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Calendar;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.pki.TimeStampClient;
import vn.lienthong.core.validation.CheckId;
import vn.lienthong.core.validation.ValidationPolicy;
import vn.lienthong.core.validation.ValidationReport;
import vn.lienthong.core.validation.VerificationContext;
import vn.lienthong.core.validation.Verifier;
import vn.lienthong.sample.pki.DemoSet;

/**
 * Decree 30's order (DECREE30_SEAL_AFTER_SIGNER): only a DocMDP certification lets the seal come
 * before the person's signature. An approval seal whose FieldMDP transform carries {@code /P 2}
 * (PDF 2.0's field lock, "form filling and signing allowed") is not a certification: the person's
 * signature added over it must still fail the document's order. And when the sending unit is
 * known, its seal is the one that must come after the person: another unit's seal added on top
 * (a recipient's) does not put the sender's seal in order.
 */
class SealOrderBypassTest extends ServicesFixture {

  @Test
  void anApprovalSealWithAFieldLockUnderThePersonsSignatureFailsTheOrder() throws Exception {
    Path letter = TestPdfs.letter(dir.resolve("letter.pdf"), 1);
    Path sealed = dir.resolve("sealed-locked.pdf");
    sealWithFieldLock(letter, sealed, 2);
    Path signed = dir.resolve("signed.pdf");
    services.signer().sign(sealed, signed, services.key(DemoSet.CHAIRMAN),
        SignatureOptions.builder().level(PadesLevel.B_T).build());

    ValidationReport report = Verifier.builder(services.pki.trustAnchors()).clock(services.clock)
        .policy(ValidationPolicy.decree30()).build()
        .verify(signed, VerificationContext.none().withSender(DemoSet.PROVINCE));

    assertThat(report.signatures()).hasSize(2);
    assertThat(report.signatures()).allMatch(s -> s.verdict().passed(), describe(report));
    assertThat(failed(report.documentChecks())).as(describe(report))
        .containsExactly(CheckId.DECREE30_SEAL_AFTER_SIGNER);
    assertThat(report.verdict().passed()).isFalse();
  }

  @Test
  void anotherUnitsSealOnTopDoesNotPutTheSendersSealInOrder() throws Exception {
    Path letter = TestPdfs.letter(dir.resolve("letter-3.pdf"), 1);
    Path sealed = dir.resolve("sender-seal.pdf");
    Path signed = dir.resolve("sender-seal-signed.pdf");
    Path resealed = dir.resolve("sender-seal-signed-resealed.pdf");
    SignatureOptions bt = SignatureOptions.builder().level(PadesLevel.B_T).build();
    services.signer().sign(letter, sealed, services.key("seal-" + DemoSet.PROVINCE), bt);
    services.signer().sign(sealed, signed, services.key(DemoSet.CHAIRMAN), bt);
    services.signer().sign(signed, resealed, services.key("seal-" + DemoSet.HA_LONG), bt);

    ValidationReport report = Verifier.builder(services.pki.trustAnchors()).clock(services.clock)
        .policy(ValidationPolicy.decree30()).build()
        .verify(resealed, VerificationContext.none().withSender(DemoSet.PROVINCE));

    assertThat(report.signatures()).hasSize(3);
    assertThat(report.signatures()).allMatch(s -> s.verdict().passed(), describe(report));
    assertThat(failed(report.documentChecks())).as(describe(report))
        .containsExactly(CheckId.DECREE30_SEAL_AFTER_SIGNER);
  }

  /** An approval seal (no DocMDP) with a FieldMDP reference locking its own field, /P given. */
  private static void sealWithFieldLock(Path in, Path out, int p) throws Exception {
    COSDictionary params = new COSDictionary();
    params.setItem(COSName.TYPE, COSName.getPDFName("TransformParams"));
    params.setName(COSName.getPDFName("Action"), "All");
    params.setInt(COSName.P, p);
    params.setName(COSName.V, "1.2");
    COSDictionary reference = new COSDictionary();
    reference.setItem(COSName.TYPE, COSName.getPDFName("SigRef"));
    reference.setItem(COSName.getPDFName("TransformMethod"), COSName.getPDFName("FieldMDP"));
    reference.setItem(COSName.getPDFName("TransformParams"), params);
    COSArray references = new COSArray();
    references.add(reference);
    var key = services.key("seal-" + DemoSet.PROVINCE);
    CmsSignatureBuilder cms = new CmsSignatureBuilder(new SecureRandom());
    TimeStampClient tsa = new TimeStampClient(services.server.urls().tsa(), services.clock,
        new SecureRandom(), Duration.ofSeconds(30));
    try (PDDocument doc = Loader.loadPDF(in.toFile()); var os = Files.newOutputStream(out)) {
      PDSignature signature = new PDSignature();
      signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
      signature.setSubFilter(Revisions.ETSI_CADES_DETACHED);
      signature.setSignDate(Calendar.getInstance());
      signature.getCOSObject().setItem(COSName.getPDFName("Reference"), references);
      doc.addSignature(signature, content -> {
        try {
          return cms.sign(content, key, SignatureOptions.builder().level(PadesLevel.B_T).build(), tsa);
        } catch (PdfSigningException e) {
          throw new java.io.IOException(e);
        }
      });
      doc.saveIncremental(os);
    }
  }
}
