package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.core.pdf.VerifierPdfTest.describe;
import static vn.lienthong.core.pdf.VerifierPdfTest.failed;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.lienthong.core.validation.CheckId;
import vn.lienthong.core.validation.CheckResult;
import vn.lienthong.core.validation.Indication;
import vn.lienthong.core.validation.SubIndication;
import vn.lienthong.core.validation.ValidationPolicy;
import vn.lienthong.core.validation.ValidationReport;
import vn.lienthong.core.validation.VerificationContext;
import vn.lienthong.core.validation.Verifier;
import vn.lienthong.sample.pki.DemoSet;

/**
 * Decree 30's order of the two signatures: the organization seals what the authorized person
 * signed (the seal a later revision), or certifies the document before the person signs
 * (signatures.md); an approval seal under the person's signature fails the document.
 */
class SigningOrderTest extends ServicesFixture {

  static Path letter;

  @BeforeAll
  static void letter() throws Exception {
    letter = TestPdfs.letter(dir.resolve("letter.pdf"), 1);
  }

  @Test
  void anApprovalSealUnderThePersonsSignatureFailsTheDocument() throws Exception {
    Path pdf = twoSignatures("seal-first.pdf", "seal-" + DemoSet.PROVINCE, Certification.NONE,
        DemoSet.CHAIRMAN);

    ValidationReport report = verify(pdf, ValidationPolicy.decree30());

    assertThat(report.signatures()).allMatch(s -> s.verdict().passed(), describe(report));
    assertThat(report.verdict().indication()).isEqualTo(Indication.TOTAL_FAILED);
    assertThat(report.verdict().subIndication()).contains(SubIndication.SIG_CONSTRAINTS_FAILURE);
    assertThat(failed(report.documentChecks()))
        .containsExactly(CheckId.DECREE30_SEAL_AFTER_SIGNER);
    assertThat(check(report).arguments()).containsExactly("Signature1", "Signature2");
  }

  /** The seal certifying before the person signs, or sealing over a certifying person. */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aCertifyingFirstSignatureWithTheSealAfterOrBeforeThePersonPasses(boolean sealFirst)
      throws Exception {
    String seal = "seal-" + DemoSet.PROVINCE;
    Path pdf = twoSignatures("certified-" + sealFirst + ".pdf", sealFirst ? seal : DemoSet.CHAIRMAN,
        Certification.FORM_FILLING, sealFirst ? DemoSet.CHAIRMAN : seal);

    ValidationReport report = verify(pdf, ValidationPolicy.decree30());

    assertThat(report.verdict().passed()).as(describe(report)).isTrue();
    assertThat(check(report).status()).isEqualTo(CheckResult.Status.PASSED);
    assertThat(check(report).arguments()).containsExactly(sealFirst ? "Signature1" : "Signature2",
        sealFirst ? "Signature2" : "Signature1");
  }

  @Test
  void theBasicPolicyDoesNotAskForAnOrder() throws Exception {
    Path pdf = twoSignatures("seal-first-basic.pdf", "seal-" + DemoSet.PROVINCE,
        Certification.NONE, DemoSet.CHAIRMAN);

    ValidationReport report = verify(pdf, ValidationPolicy.basic());

    assertThat(report.verdict().passed()).as(describe(report)).isTrue();
  }

  private static Path twoSignatures(String name, String first, Certification certification,
      String second) throws Exception {
    Path once = dir.resolve("once-" + name);
    Path twice = dir.resolve(name);
    services.signer().sign(letter, once, services.key(first), SignatureOptions.builder()
        .level(PadesLevel.B_T).certification(certification).build());
    services.signer().sign(once, twice, services.key(second),
        SignatureOptions.builder().level(PadesLevel.B_T).build());
    return twice;
  }

  private static ValidationReport verify(Path pdf, ValidationPolicy policy) {
    return Verifier.builder(services.pki.trustAnchors()).clock(services.clock).policy(policy)
        .build().verify(pdf, VerificationContext.none().withSender(DemoSet.PROVINCE));
  }

  private static CheckResult check(ValidationReport report) {
    return report.documentChecks().stream()
        .filter(c -> c.id() == CheckId.DECREE30_SEAL_AFTER_SIGNER).findFirst().orElseThrow();
  }
}
