package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vn.lienthong.core.validation.CheckId;
import vn.lienthong.core.validation.CheckResult;
import vn.lienthong.core.validation.Indication;
import vn.lienthong.core.validation.RevocationInfo;
import vn.lienthong.core.validation.RevocationMode;
import vn.lienthong.core.validation.SignatureReport;
import vn.lienthong.core.validation.SignatureReport.Role;
import vn.lienthong.core.validation.ValidationPolicy;
import vn.lienthong.core.validation.ValidationReport;
import vn.lienthong.core.validation.VerificationContext;
import vn.lienthong.core.validation.Verifier;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;

/** Genuine PDFs, signed by {@link PdfSigner} at every level, verified by the {@link Verifier}. */
class VerifierPdfTest {

  @TempDir static Path dir;
  static SampleServices services;
  static Path letter;
  static Path sealed;

  @BeforeAll
  static void sign() throws Exception {
    services = new SampleServices(KeyKind.EC_P256);
    letter = TestPdfs.letter(dir.resolve("letter.pdf"), 1);
    Path signed = dir.resolve("signed.pdf");
    sealed = dir.resolve("sealed.pdf");
    services.signer().sign(letter, signed, services.key(DemoSet.CHAIRMAN),
        SignatureOptions.builder().level(PadesLevel.B_T)
            .appearance(new Appearance.Signer(SampleServices.signatureImage(), "Phạm Văn Mẫu",
                "Chủ tịch"), Placement.onPage(1, 330, 300, 180, 110)).build());
    services.signer().sign(signed, sealed, services.key("seal-" + DemoSet.PROVINCE),
        SignatureOptions.builder().level(PadesLevel.B_T)
            .appearance(new Appearance.Seal(SampleServices.sealImage(),
                "Ủy ban nhân dân tỉnh Quảng Ninh"), Placement.overSignerImage()).build());
  }

  @AfterAll
  static void stop() {
    services.close();
  }

  static Verifier.Builder verifier() {
    return Verifier.builder(services.pki.trustAnchors()).clock(services.clock);
  }

  @ParameterizedTest
  @EnumSource(PadesLevel.class)
  void aGenuineSignatureAtEachLevelPassesWithItsFormat(PadesLevel level) throws Exception {
    Path pdf = dir.resolve("seal-" + level + ".pdf");
    services.signer().sign(letter, pdf, services.key("seal-" + DemoSet.PROVINCE),
        SignatureOptions.builder().level(level).build());

    ValidationReport report = verifier().policy(ValidationPolicy.basic()).build().verify(pdf);

    assertThat(report.verdict().passed()).as(describe(report)).isTrue();
    SignatureReport signature = report.signatures().stream()
        .filter(s -> s.kind() == SignatureReport.Kind.PADES).findFirst().orElseThrow();
    String expected = switch (level) {
      case B_B -> "PAdES-BASELINE-B";
      case B_T -> "PAdES-BASELINE-T";
      case B_LT -> "PAdES-BASELINE-LT";
      case B_LTA -> "PAdES-BASELINE-LTA";
    };
    assertThat(signature.format()).isEqualTo(expected);
    assertThat(signature.role()).isEqualTo(Role.ORGANIZATION_SEAL);
    assertThat(signature.chain()).last().matches(c -> c.trustAnchor());
    assertThat(report.signatures()).hasSize(level == PadesLevel.B_LTA ? 2 : 1);
    if (level == PadesLevel.B_LTA) {
      assertThat(report.signatures().get(1).kind())
          .isEqualTo(SignatureReport.Kind.PDF_DOCUMENT_TIMESTAMP);
    }
    if (level.atLeast(PadesLevel.B_LT)) {
      assertThat(signature.revocations()).allMatch(r -> r.origin().equals("embedded"));
    } else {
      assertThat(signature.revocations()).isNotEmpty()
          .allMatch(r -> r.origin().startsWith("http://"));
    }
  }

  @Test
  void theSignerAndTheSealOfTheSenderPassDecree30() {
    ValidationReport report = verifier().build().verify(sealed,
        VerificationContext.none().withSender(DemoSet.PROVINCE));

    assertThat(report.verdict().passed()).as(describe(report)).isTrue();
    assertThat(report.signatures()).extracting(SignatureReport::role)
        .containsExactly(Role.SIGNER, Role.ORGANIZATION_SEAL);
    assertThat(report.documentChecks()).filteredOn(c -> c.id().name().startsWith("DECREE30"))
        .hasSize(4).allMatch(c -> c.status() == CheckResult.Status.PASSED);
  }

  @Test
  void aSealOfAnotherUnitFailsTheSenderRule() {
    ValidationReport report = verifier().build().verify(sealed,
        VerificationContext.none().withSender(DemoSet.HA_LONG));

    assertThat(report.verdict().indication()).isEqualTo(Indication.TOTAL_FAILED);
    assertThat(failed(report.documentChecks())).containsExactly(CheckId.DECREE30_SEAL_OF_SENDER);
  }

  @Test
  void aDocumentWithOnlyThePersonsSignatureLacksTheSeal() throws Exception {
    Path signedOnly = dir.resolve("signed-only.pdf");
    services.signer().sign(letter, signedOnly, services.key(DemoSet.CHAIRMAN),
        SignatureOptions.builder().level(PadesLevel.B_T).build());

    ValidationReport report = verifier().build().verify(signedOnly);

    assertThat(report.verdict().indication()).isEqualTo(Indication.TOTAL_FAILED);
    assertThat(failed(report.documentChecks()))
        .containsExactly(CheckId.DECREE30_ORGANIZATION_SEAL);
  }

  @Test
  void bothDecree30SignaturesExtendedToLtaPassOfflineWithTheServerStopped() throws Exception {
    Path archived = dir.resolve("archived.pdf");
    Verifier offline;
    try (SampleServices own = new SampleServices(KeyKind.EC_P256)) {
      Path signed = dir.resolve("own-signed.pdf");
      Path sealedToo = dir.resolve("own-sealed.pdf");
      own.signer().sign(letter, signed, own.key(DemoSet.CHAIRMAN),
          SignatureOptions.builder().level(PadesLevel.B_T).build());
      own.signer().sign(signed, sealedToo, own.key("seal-" + DemoSet.PROVINCE),
          SignatureOptions.builder().level(PadesLevel.B_T).build());
      own.extender().extend(sealedToo, archived, PadesLevel.B_LTA);
      offline = Verifier.builder(own.pki.trustAnchors()).clock(own.clock)
          .revocationMode(RevocationMode.OFFLINE).build();
    } // the sample CA server is closed: nothing answers any more

    ValidationReport report = offline.verify(archived);

    assertThat(report.verdict().passed()).as(describe(report)).isTrue();
    assertThat(report.signatures()).extracting(SignatureReport::format).containsExactly(
        "PAdES-BASELINE-LTA", "PAdES-BASELINE-LTA", "PAdES-DOCUMENT-TIMESTAMP");
    assertThat(report.signatures().get(0).revocations()).isNotEmpty()
        .allMatch(r -> r.origin().equals("embedded") && r.status() == RevocationInfo.Status.GOOD);
  }

  static List<CheckId> failed(List<CheckResult> checks) {
    return checks.stream().filter(CheckResult::isDecisive).map(CheckResult::id).toList();
  }

  static String describe(ValidationReport report) {
    StringBuilder sb = new StringBuilder(report.verdict().toString());
    for (CheckResult c : report.documentChecks()) {
      if (c.status() == CheckResult.Status.FAILED) {
        sb.append("\n  document ").append(c.id()).append(' ').append(c.arguments());
      }
    }
    for (SignatureReport s : report.signatures()) {
      sb.append("\n ").append(s.id()).append(' ').append(s.format()).append(' ')
          .append(s.verdict());
      for (CheckResult c : s.checks()) {
        if (c.status() == CheckResult.Status.FAILED) {
          sb.append("\n  ").append(c.id()).append(' ').append(c.arguments());
        }
      }
    }
    return sb.toString();
  }
}
