package vn.lienthong.server.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.server.support.Calls.assertFault;
import static vn.lienthong.server.support.Calls.count;
import static vn.lienthong.server.support.Calls.payloadFiles;
import static vn.lienthong.server.support.Calls.pending;
import static vn.lienthong.server.support.Calls.send;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.core.pdf.attacks.AttackCorpus;
import vn.lienthong.core.pdf.attacks.CorpusEntry;
import vn.lienthong.core.validation.ValidationPolicy;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.server.Hub;
import vn.lienthong.server.TlsMaterial;
import vn.lienthong.server.api.ws.ExchangeFaultDetail;
import vn.lienthong.server.api.ws.ExchangePortType;
import vn.lienthong.server.api.ws.FaultCode;
import vn.lienthong.server.evidence.EvidenceHook;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubClient;
import vn.lienthong.server.support.HubFixture;
import vn.lienthong.server.support.SignedPdfs;
import vn.lienthong.server.support.TestPki;
import vn.lienthong.server.support.Units;

/**
 * The {@code pdf-signatures} intake check over the wire: Decree 30 PDFs pass; unsigned PDFs, PDFs
 * sealed by another unit and every forgery of the verifier's attack corpus are refused with
 * PDF_SIGNATURE_INVALID carrying the validation report, and nothing is stored.
 */
class PdfIntakeTest {

  static final String PROVINCE = DemoSet.PROVINCE;
  static final String HA_LONG = DemoSet.HA_LONG;

  @TempDir Path dir;

  HubFixture hub() {
    return HubFixture.start(HubFixture.config(dir.resolve("hub"), null, Duration.ofMinutes(5)), Clock.systemUTC(),
        EvidenceHook.NONE);
  }

  byte[] envelope(String from, String id, Attachment... files) {
    return Envelopes.signed(Envelopes.document(from, id, List.of(HA_LONG), List.of(files)), List.of(files));
  }

  static void assertNothingStored(Hub hub, Path dataDir) {
    assertThat(count(hub.database(), "message")).isZero();
    assertThat(count(hub.database(), "delivery")).isZero();
    assertThat(payloadFiles(dataDir)).isZero();
  }

  static String report(ExchangeFaultDetail d) {
    assertThat(d.getReport()).as("the fault carries the validation report").isNotNull().isNotEmpty();
    String xml = new String(d.getReport(), StandardCharsets.UTF_8);
    assertThat(xml).contains("urn:lienthong:validation-report:1");
    return xml;
  }

  static boolean failed(String reportXml, String checkId) {
    return Pattern.compile("<Check id=\"" + checkId + "\"[^>]*status=\"FAILED\"").matcher(reportXml).find();
  }

  @Test
  void aDecree30PdfOfTheSenderIsAcceptedAndANonPdfAttachmentIsNotSignatureChecked() throws Exception {
    try (HubFixture hub = hub()) {
      Attachment pdf = Envelopes.pdf(dir.resolve("files"), "quyet-dinh.pdf", 30_000, 1, PROVINCE);
      Path sheet = Files.writeString(dir.resolve("phu-luc.csv"), "STT;Nội dung\n1;Kế hoạch\n");
      Attachment csv = Attachment.of("cid:phu-luc", "phu-luc.csv", "Phụ lục", "text/csv", sheet);
      send(hub.client(PROVINCE), envelope(PROVINCE, "PDF-OK", pdf, csv));
      assertThat(pending(hub.client(HA_LONG))).singleElement()
          .satisfies(m -> assertThat(m.getDocumentId()).isEqualTo("PDF-OK"));
    }
  }

  @Test
  void anUnsignedPdfIsRefusedWithItsReportAndNothingIsStored() throws Exception {
    try (HubFixture hub = hub()) {
      // named .bin and typed octet-stream: the %PDF header still makes it a PDF to check
      Attachment relabelled = Attachment.of("cid:x", "vanban.bin", "", "application/octet-stream",
          SignedPdfs.copy(SignedPdfs.unsigned(20_000, 3), dir.resolve("files"), "unsigned"));
      ExchangeFaultDetail d = assertFault(FaultCode.PDF_SIGNATURE_INVALID,
          () -> send(hub.client(PROVINCE), envelope(PROVINCE, "PDF-UNSIGNED", relabelled)));
      assertThat(d.getMessage()).contains("vanban.bin").contains("DOCUMENT_SIGNED");
      assertThat(d.getField()).isEqualTo("Attachment[1]");
      assertThat(failed(report(d), "DOCUMENT_SIGNED")).isTrue();
      // random bytes behind a %PDF header: unreadable, named so, without Java names for the clerk
      Attachment garbage = Envelopes.file(dir.resolve("files"), "hong.pdf", 20_000, 3);
      ExchangeFaultDetail g = assertFault(FaultCode.PDF_SIGNATURE_INVALID,
          () -> send(hub.client(PROVINCE), envelope(PROVINCE, "PDF-GARBAGE", garbage)));
      assertThat(g.getMessage()).contains("hong.pdf").contains("DOCUMENT_READABLE");
      assertThat(failed(report(g), "DOCUMENT_READABLE")).isTrue();
      assertNothingStored(hub.hub(), dir.resolve("hub"));
    }
  }

  @Test
  void aPdfSealedByAnotherUnitIsRefused() throws Exception {
    try (HubFixture hub = hub()) {
      Path pdf = SignedPdfs.sealedBy(PROVINCE, 20_000, 5, DemoSet.FINANCE);
      Attachment a = Attachment.of("cid:vb", "vanban.pdf", "", "application/pdf",
          SignedPdfs.copy(pdf, dir.resolve("files"), "finance-seal"));
      ExchangeFaultDetail d = assertFault(FaultCode.PDF_SIGNATURE_INVALID,
          () -> send(hub.client(PROVINCE), envelope(PROVINCE, "PDF-OTHER-SEAL", a)));
      assertThat(d.getMessage()).contains("vanban.pdf").contains("DECREE30_SEAL_OF_SENDER").contains(DemoSet.FINANCE);
      String xml = report(d);
      assertThat(failed(xml, "DECREE30_SEAL_OF_SENDER")).isTrue();
      assertThat(failed(xml, "SIGNATURE_VALUE_VALID")).isFalse();
      assertNothingStored(hub.hub(), dir.resolve("hub"));
    }
  }

  @Test
  void underAPolicyThatIgnoresTheSealRuleTheSamePdfIsAccepted() throws Exception {
    ValidationPolicy lenient = ValidationPolicy.builder("Hub without the seal rule")
        .level(vn.lienthong.core.validation.CheckId.DECREE30_SEAL_OF_SENDER, vn.lienthong.core.validation.Level.IGNORE)
        .build();
    try (HubFixture hub = HubFixture.start(HubFixture.config(dir.resolve("hub"), null, Duration.ofMinutes(5))
        .toBuilder().intake(IntakePolicy.defaults().withPdfPolicy(lenient)).build(), Clock.systemUTC(), EvidenceHook.NONE)) {
      Attachment a = Attachment.of("cid:vb", "vanban.pdf", "", "application/pdf",
          SignedPdfs.copy(SignedPdfs.sealedBy(PROVINCE, 20_000, 5, DemoSet.FINANCE), dir.resolve("files"), "lenient"));
      send(hub.client(PROVINCE), envelope(PROVINCE, "PDF-LENIENT", a));
      assertThat(count(hub.hub().database(), "message")).isEqualTo(1);
    }
  }

  /**
   * Every forgery of the verifier issue's corpus is refused with the check the corpus names as
   * failing in the report; its genuine Decree 30 control (the chairman signs, the province seals)
   * is accepted from the province.
   */
  @Test
  void theForgedPdfsOfTheAttackCorpusAreRefusedWithTheRightFault() throws Exception {
    try (AttackCorpus corpus = AttackCorpus.start()) {
      List<CorpusEntry> entries = corpus.write(dir.resolve("corpus"));
      List<java.security.cert.X509Certificate> anchors = new ArrayList<>(TestPki.PKI.trustAnchors());
      anchors.addAll(corpus.trustAnchors());
      var tls = TestPki.PKI.credential(SamplePki.HUB_TLS);
      try (Hub hub = Hub.start(HubFixture.config(dir.resolve("hub"), null, Duration.ofMinutes(5)),
          new TlsMaterial(tls.privateKey(), tls.chain(), anchors), Clock.systemUTC(), new SecureRandom(),
          EvidenceHook.NONE)) {
        Units.load(hub.registry());
        ExchangePortType client = HubClient.of(hub.address(), PROVINCE);
        int forgeries = 0;
        for (CorpusEntry e : entries) {
          Attachment a = Attachment.of("cid:vb", e.name() + ".pdf", "", "application/pdf", e.file());
          byte[] env = envelope(PROVINCE, "CORPUS-" + e.name(), a);
          if (e.name().equals("control-signer-and-seal")) {
            send(client, env);
            continue;
          }
          if (e.isControl()) {
            continue; // the other controls are genuine but lack the seal Decree 30 requires
          }
          forgeries++;
          ExchangeFaultDetail d = assertFault(FaultCode.PDF_SIGNATURE_INVALID, () -> send(client, env));
          assertThat(d.getMessage()).as(e.name()).contains(e.name() + ".pdf");
          assertThat(failed(report(d), e.failingCheck().name())).as(e.name() + ": " + e.description()).isTrue();
        }
        assertThat(forgeries).isGreaterThan(10);
        assertThat(count(hub.database(), "message")).as("only the control was stored").isEqualTo(1);
      }
    }
  }

  /** The cost of verifying a 100 KB PDF with two signatures at intake (OCSP answers cached). */
  @Test
  void verifyingA100KbTwoSignaturePdfIsFastOnceOcspIsCached() {
    PdfVerification v = new PdfVerification(TestPki.PKI.trustAnchors(), ValidationPolicy.decree30(), Clock.systemUTC(),
        Duration.ofSeconds(5));
    Path pdf = SignedPdfs.of(PROVINCE, 100_000, 100);
    assertThat(v.verify(pdf, OrganId.of(PROVINCE))).isInstanceOf(PdfVerification.Passed.class);
    long ocspBefore = TestPki.SERVICES.requestCount(vn.lienthong.sample.services.SampleCaServer.Service.OCSP);
    int n = 30;
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      assertThat(v.verify(pdf, OrganId.of(PROVINCE))).isInstanceOf(PdfVerification.Passed.class);
    }
    double ms = (System.nanoTime() - start) / 1e6 / n;
    System.out.printf("PDF verification, 100 KB, signer + seal (B-T), OCSP cached: %.1f ms per document%n", ms);
    assertThat(TestPki.SERVICES.requestCount(vn.lienthong.sample.services.SampleCaServer.Service.OCSP))
        .as("OCSP answers are reused within their validity").isEqualTo(ocspBefore);
    assertThat(Files.exists(pdf)).isTrue();
  }
}
