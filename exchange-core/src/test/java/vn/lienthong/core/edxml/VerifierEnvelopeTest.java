package vn.lienthong.core.edxml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.validation.CheckId;
import vn.lienthong.core.validation.CheckResult;
import vn.lienthong.core.validation.Indication;
import vn.lienthong.core.validation.SignatureReport;
import vn.lienthong.core.validation.SubIndication;
import vn.lienthong.core.validation.ValidationReport;
import vn.lienthong.core.validation.VerificationContext;
import vn.lienthong.core.validation.Verdict;
import vn.lienthong.core.validation.Verifier;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.sample.services.SampleCaServer;

/**
 * Signed edXML envelopes through the {@link Verifier}: the signature, the attachments against the
 * signed manifest, and the signer's chain.
 */
class VerifierEnvelopeTest {

  @TempDir static Path dir;
  static SampleCaServer server;
  static SamplePki pki;
  static Path envelope;
  static Verifier verifier;

  @BeforeAll
  static void signAnEnvelope() throws Exception {
    Clock clock = Clock.systemUTC();
    server = SampleCaServer.bind(0, clock);
    pki = DemoSet.generator(KeyKind.EC_P256, server.urls()).clock(clock).build().generate();
    server.start(pki);
    Credential system = pki.system(DemoSet.PROVINCE);
    envelope = dir.resolve("status.edxml");
    try (OutputStream out = Files.newOutputStream(envelope)) {
      EdxmlWriter.signing(EnvelopeSigner.of(system.privateKey(), system.certificate()))
          .write(SignedEnvelopes.status(dir), out);
    }
    verifier = Verifier.builder(pki.trustAnchors())
        .intermediateCertificates(List.of(pki.certificate(SamplePki.GOV_CA))).build();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void anEnvelopeSignedByTheSendersSystemPasses() {
    ValidationReport report = verifier.verify(envelope,
        VerificationContext.none().withSender(DemoSet.PROVINCE)
            .withEnvelopeSigner(pki.system(DemoSet.PROVINCE).certificate()));

    assertThat(report.verdict()).isEqualTo(Verdict.PASSED);
    assertThat(report.documentType()).isEqualTo("EDXML");
    SignatureReport signature = report.signatures().get(0);
    assertThat(signature.kind()).isEqualTo(SignatureReport.Kind.XML_DSIG);
    assertThat(signature.role()).isEqualTo(SignatureReport.Role.ENVELOPE);
    assertThat(signature.chain()).hasSize(3).last().matches(c -> c.trustAnchor());
    assertThat(signature.revocations()).hasSize(2);
  }

  @Test
  void anEnvelopeOfAnotherUnitFailsTheSenderRule() {
    ValidationReport report = verifier.verify(envelope,
        VerificationContext.none().withSender(DemoSet.HA_LONG));

    assertThat(report.verdict().indication()).isEqualTo(Indication.TOTAL_FAILED);
    assertThat(report.documentChecks()).filteredOn(CheckResult::isDecisive)
        .extracting(CheckResult::id).containsExactly(CheckId.DECREE30_SEAL_OF_SENDER);
  }

  @Test
  void anEnvelopeSignedWithAnotherKeyThanTheRegisteredOneFails() {
    ValidationReport report = verifier.verify(envelope, VerificationContext.none()
        .withEnvelopeSigner(pki.system(DemoSet.HA_LONG).certificate()));

    assertThat(report.verdict()).isEqualTo(Verdict.of(Indication.TOTAL_FAILED,
        SubIndication.SIG_CONSTRAINTS_FAILURE));
    assertThat(report.signatures().get(0).checks()).filteredOn(CheckResult::isDecisive)
        .extracting(CheckResult::id).containsExactly(CheckId.EXPECTED_SIGNER);
  }

  @Test
  void aChangedEnvelopeIsAHashFailure() throws Exception {
    Path changed = dir.resolve("changed.edxml");
    Files.writeString(changed, Files.readString(envelope, StandardCharsets.UTF_8)
        .replace("Nguyen thi ngoc tram", "Nguyen van mao danh"), StandardCharsets.UTF_8);

    assertThat(verifier.verify(changed).verdict()).isEqualTo(Verdict.of(Indication.TOTAL_FAILED,
        SubIndication.HASH_FAILURE));
  }

  /**
   * XML may come in UTF-16 (other systems write it so); the signature covers the characters, not
   * the bytes. The type was guessed from ASCII text in the first bytes, so such an envelope was
   * read as CMS and refused.
   */
  @Test
  void anEnvelopeInUtf16IsReadAsAnEnvelope() throws Exception {
    String text = Files.readString(envelope, StandardCharsets.UTF_8)
        .replaceFirst("encoding=\"(?i:utf-8)\"", "encoding=\"UTF-16\"");
    for (var charset : List.of(StandardCharsets.UTF_16, StandardCharsets.UTF_16LE)) {
      String bom = charset == StandardCharsets.UTF_16LE ? "\uFEFF" : ""; // UTF_16 writes its own
      Path utf16 = Files.write(dir.resolve("status-" + charset.name() + ".edxml"),
          (bom + text).getBytes(charset));

      ValidationReport report = verifier.verify(utf16, VerificationContext.none()
          .withSender(DemoSet.PROVINCE)
          .withEnvelopeSigner(pki.system(DemoSet.PROVINCE).certificate()));

      assertThat(report.documentType()).as(charset.name()).isEqualTo("EDXML");
      assertThat(report.verdict()).as(charset.name()).isEqualTo(Verdict.PASSED);
    }
  }

  @Test
  void anEnvelopeWhoseSignerIsUnknownToTheHubHasNoChain() {
    Verifier withoutIntermediates = Verifier.builder(pki.trustAnchors()).build();

    assertThat(withoutIntermediates.verify(envelope).verdict()).isEqualTo(Verdict.of(
        Indication.INDETERMINATE, SubIndication.NO_CERTIFICATE_CHAIN_FOUND));
  }

  @Test
  void withAiaDownloadsTheMissingIntermediateIsFetchedAsACandidate() {
    Verifier withAia = Verifier.builder(pki.trustAnchors()).aiaDownloads(true).build();

    ValidationReport report = withAia.verify(envelope);

    assertThat(report.verdict()).isEqualTo(Verdict.PASSED);
    assertThat(report.signatures().get(0).chain()).hasSize(3);
  }

  /**
   * Attachments travel outside the signed part, bound to it by the signed manifest: one added
   * after signing made a TOTAL_PASSED envelope whose reader hands the application the added file.
   */
  @Test
  void anAttachmentAddedAfterSigningFails() throws Exception {
    Credential system = pki.system(DemoSet.PROVINCE);
    Envelope sample = EdxmlReader.builder().attachmentDirectory(dir.resolve("sample")).build()
        .read(Samples.open("edoc_update.edxml"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EdxmlWriter.signing(EnvelopeSigner.of(system.privateKey(), system.certificate()))
        .write(sample.message(), sample.attachments(), out);
    String signed = out.toString(StandardCharsets.UTF_8);
    assertThat(verifier.verify(Files.writeString(dir.resolve("as-written.edxml"), signed)).verdict())
        .isEqualTo(Verdict.PASSED);

    int from = signed.indexOf("<Attachment>");
    int to = signed.indexOf("</Attachment>") + "</Attachment>".length();
    String added = signed.substring(from, to)
        .replaceAll("<ContentId>[^<]*</ContentId>", "<ContentId>cid:added</ContentId>")
        .replaceAll("<AttachmentName>[^<]*</AttachmentName>", "<AttachmentName>added.pdf</AttachmentName>");
    assertThat(added).contains("cid:added", "added.pdf");
    String tampered = signed.substring(0, to) + added + signed.substring(to);
    Envelope read = EdxmlReader.builder().attachmentDirectory(dir.resolve("tampered")).build()
        .read(new ByteArrayInputStream(tampered.getBytes(StandardCharsets.UTF_8)));
    assertThat(read.attachments()).extracting(Attachment::attachmentName).contains("added.pdf");

    ValidationReport report = verifier.verify(Files.writeString(dir.resolve("added.edxml"), tampered));
    assertThat(report.verdict()).isNotEqualTo(Verdict.PASSED);
    assertThat(report.signatures().get(0).checks()).filteredOn(c -> c.id() == CheckId.XML_SIGNATURE_COVERS_DOCUMENT)
        .singleElement().matches(c -> c.status() == CheckResult.Status.FAILED);
  }
}
