package vn.lienthong.core.edxml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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
import vn.lienthong.core.validation.ValidationReport;
import vn.lienthong.core.validation.Verdict;
import vn.lienthong.core.validation.Verifier;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.sample.services.SampleCaServer;

/**
 * The attachments travel outside the signed part, bound to it only by the signed manifest: a
 * {@link Verifier} that says an envelope is valid says so of its attachments too, so one added after
 * signing must not pass.
 */
class VerifierEnvelopeAttachmentsTest {

  @TempDir static Path dir;
  static SampleCaServer server;
  static SamplePki pki;
  static String signed;
  static Verifier verifier;

  @BeforeAll
  static void signADocumentWithAnAttachment() throws Exception {
    Clock clock = Clock.systemUTC();
    server = SampleCaServer.bind(0, clock);
    pki = DemoSet.generator(KeyKind.EC_P256, server.urls()).clock(clock).build().generate();
    server.start(pki);
    Credential system = pki.system(DemoSet.PROVINCE);
    Envelope sample = EdxmlReader.builder().attachmentDirectory(dir.resolve("sample")).build()
        .read(Samples.open("edoc_update.edxml"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EdxmlWriter.signing(EnvelopeSigner.of(system.privateKey(), system.certificate()))
        .write(sample.message(), sample.attachments(), out);
    signed = out.toString(StandardCharsets.UTF_8);
    verifier = Verifier.builder(pki.trustAnchors())
        .intermediateCertificates(List.of(pki.certificate(SamplePki.GOV_CA))).build();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static ValidationReport verify(String xml, String name) throws Exception {
    Path file = Files.writeString(dir.resolve(name), xml, StandardCharsets.UTF_8);
    return verifier.verify(file);
  }

  @Test
  void theSignedEnvelopeAsWrittenPasses() throws Exception {
    assertThat(verify(signed, "as-written.edxml").verdict()).isEqualTo(Verdict.PASSED);
  }

  @Test
  void anAttachmentAddedAfterSigningFails() throws Exception {
    int from = signed.indexOf("<Attachment>");
    int to = signed.indexOf("</Attachment>") + "</Attachment>".length();
    assertThat(from).isPositive();
    String added = signed.substring(from, to).replaceAll("<ContentId>[^<]*</ContentId>",
        "<ContentId>cid:added</ContentId>").replaceAll(
        "<AttachmentName>[^<]*</AttachmentName>", "<AttachmentName>added.pdf</AttachmentName>");
    assertThat(added).contains("cid:added").contains("added.pdf");
    String tampered = signed.substring(0, to) + added + signed.substring(to);
    // the reader takes it, and hands it to the application with the others
    Envelope e = EdxmlReader.builder().attachmentDirectory(dir.resolve("t")).build()
        .read(new ByteArrayInputStream(tampered.getBytes(StandardCharsets.UTF_8)));
    assertThat(e.attachments()).extracting(Attachment::attachmentName).contains("added.pdf");

    ValidationReport report = verify(tampered, "added.edxml");
    assertThat(report.verdict()).as(report.signatures().get(0).checks().stream()
        .filter(c -> c.status() != CheckResult.Status.PASSED).map(CheckResult::toString).toList().toString())
        .isNotEqualTo(Verdict.PASSED);
    assertThat(report.signatures().get(0).checks()).filteredOn(c -> c.id() == CheckId.XML_SIGNATURE_COVERS_DOCUMENT)
        .singleElement().matches(c -> c.status() == CheckResult.Status.FAILED);
  }
}
