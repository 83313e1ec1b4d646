package vn.lienthong.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.core.edxml.Business;
import vn.lienthong.core.edxml.Code;
import vn.lienthong.core.edxml.DocumentHeader;
import vn.lienthong.core.edxml.DocumentMessage;
import vn.lienthong.core.edxml.DocumentType;
import vn.lienthong.core.edxml.EdxmlWriter;
import vn.lienthong.core.edxml.EnvelopeSigner;
import vn.lienthong.core.edxml.ManifestEntry;
import vn.lienthong.core.edxml.Organization;
import vn.lienthong.core.edxml.OtherInfo;
import vn.lienthong.core.edxml.Promulgation;
import vn.lienthong.core.edxml.SignerInfo;
import vn.lienthong.core.edxml.StaffInfo;
import vn.lienthong.core.edxml.SteeringType;
import vn.lienthong.core.edxml.TraceHeader;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.core.pki.TimeStampClient;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.sample.services.SampleCaServer;

/** Bundles sealed by the sample hub (real seal, real TSA) whose contents the verifier should refuse. */
class BundleForgeryTest {

  static SampleCaServer ca;
  static SamplePki pki;
  @TempDir Path dir;

  @BeforeAll
  static void services() throws Exception {
    ca = SampleCaServer.bind(0, Clock.systemUTC());
    pki = DemoSet.generator(KeyKind.EC_P256, ca.urls()).units(DemoSet.units()).build().generate();
    ca.start(pki);
  }

  @AfterAll
  static void stop() {
    ca.close();
  }

  static TimeStampClient tsa() {
    return new TimeStampClient(ca.urls().tsa(), Clock.systemUTC(), new SecureRandom(), Duration.ofSeconds(5));
  }

  static EvidenceSeal sealOf(Credential c) {
    return new EvidenceSeal(c.privateKey(), c.chain(), new SecureRandom());
  }

  static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  /** A document from the province to Hạ Long with one attachment, signed by the province's system key. */
  byte[] envelope(byte[] pdf) throws Exception {
    Path file = Files.write(dir.resolve("vb.pdf"), pdf);
    Attachment a = Attachment.of("cid:vb.pdf", "vb.pdf", "Văn bản", "application/pdf", file);
    DocumentHeader h = new DocumentHeader(Organization.of(OrganId.of(DemoSet.PROVINCE), "UBND"),
        List.of(Organization.of(OrganId.of(DemoSet.HA_LONG), "Hạ Long")), "DOC-1", new Code("12", "UBND-VP"),
        new Promulgation("Hạ Long", LocalDate.of(2026, 11, 26)), new DocumentType(1, 0, "Công văn"), "Thử",
        "Nội dung", new SignerInfo("TM.", "Chủ tịch", "A"), null, List.of(), OtherInfo.NONE, List.of(),
        SteeringType.NOT_DIRECTIVE);
    DocumentMessage m = new DocumentMessage(h, List.of(new TraceHeader(OrganId.of(DemoSet.PROVINCE),
        Instant.parse("2026-11-26T01:00:00Z"))), new Business.NewDocument("", "", false, StaffInfo.NONE),
        List.of(new ManifestEntry(a.contentId(), a.contentType(), a.description(), a.attachmentName(), a.sha256())));
    Credential signer = pki.system(DemoSet.PROVINCE);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EdxmlWriter.signing(EnvelopeSigner.of(signer.privateKey(), signer.certificate())).write(m, List.of(a), out);
    return out.toByteArray();
  }

  Path bundle(byte[] envelope, List<ReceiptDocument.FileDigest> attachments, EvidenceSeal receiptSeal)
      throws Exception {
    ReceiptDocument receipt = new ReceiptDocument("r-1", 7, "DOCUMENT", DemoSet.PROVINCE, "DOC-1",
        List.of(DemoSet.HA_LONG), sha256(envelope), attachments, List.of(), Instant.now().minusSeconds(5));
    List<EvidenceBundle.Part> parts = new ArrayList<>();
    parts.add(EvidenceBundle.Part.of(EvidenceBundle.ENVELOPE, EvidenceIndex.Role.ENVELOPE, envelope));
    parts.add(EvidenceBundle.Part.of(EvidenceBundle.ATTACHMENTS, EvidenceIndex.Role.ATTACHMENTS,
        EvidenceBundle.attachmentManifest(7, attachments)));
    parts.add(EvidenceBundle.Part.of(EvidenceBundle.RECEIPT, EvidenceIndex.Role.RECEIPT,
        receiptSeal.signStamped(receipt.toXml(), tsa())));
    Path out = dir.resolve("bundle.zip");
    try (OutputStream o = Files.newOutputStream(out)) {
      EvidenceBundle.write(o, 7, parts, sealOf(pki.credential(SamplePki.HUB_SEAL)), tsa(), Instant.now());
    }
    return out;
  }

  static EvidenceReport.Result result(EvidenceReport r, EvidenceCheck check) {
    return r.results().stream().filter(x -> x.check() == check).findFirst().orElseThrow();
  }

  @Test
  void aReceiptSealedByAUnitInsteadOfTheHubIsNotTheHubsReceipt() throws Exception {
    byte[] pdf = "%PDF-1.7 the document".getBytes(StandardCharsets.US_ASCII);
    byte[] env = envelope(pdf);
    // the sending unit seals a "receipt" itself, with its own organization seal (same roots as the hub)
    EvidenceSeal unitSeal = sealOf(pki.seal(DemoSet.PROVINCE));
    EvidenceReport r = EvidenceVerifier.builder(pki.trustAnchors()).build()
        .verify(bundle(env, List.of(new ReceiptDocument.FileDigest("vb.pdf", sha256(pdf))), unitSeal));

    assertThat(result(r, EvidenceCheck.INDEX_SEAL_VALID).status()).isEqualTo(EvidenceReport.Status.PASSED);
    EvidenceReport.Result receipt = result(r, EvidenceCheck.RECEIPT_SEAL_VALID);
    assertThat(receipt.status())
        .as("receipt sealed by %s, index by the hub: %s", pki.seal(DemoSet.PROVINCE).certificate()
            .getSubjectX500Principal(), receipt.detail())
        .isNotEqualTo(EvidenceReport.Status.PASSED);
  }

  @Test
  void anAttachmentTheSenderNeverSignedIsNotMatchedAgainstTheSignedManifest() throws Exception {
    byte[] pdf = "%PDF-1.7 the document".getBytes(StandardCharsets.US_ASCII);
    String env = new String(envelope(pdf), StandardCharsets.UTF_8);
    // a second attachment, outside the signature and absent from the signed manifest
    byte[] extra = "%PDF-1.7 added after signing".getBytes(StandardCharsets.US_ASCII);
    String added = "<Attachment><ContentId>cid:extra.pdf</ContentId>"
        + "<AttachmentName>extra.pdf</AttachmentName><ContentType>application/pdf"
        + "</ContentType><ContentTransferEncoded>" + Base64.getEncoder().encodeToString(extra)
        + "</ContentTransferEncoded></Attachment>";
    int at = env.lastIndexOf("</AttachmentEncoded>");
    assertThat(at).as("writer's attachment section").isPositive();
    byte[] forged = (env.substring(0, at) + added + env.substring(at)).getBytes(StandardCharsets.UTF_8);
    List<ReceiptDocument.FileDigest> both = List.of(new ReceiptDocument.FileDigest("vb.pdf", sha256(pdf)),
        new ReceiptDocument.FileDigest("extra.pdf", sha256(extra)));
    EvidenceReport r = EvidenceVerifier.builder(pki.trustAnchors()).build()
        .verify(bundle(forged, both, sealOf(pki.credential(SamplePki.HUB_SEAL))));

    EvidenceReport.Result sig = result(r, EvidenceCheck.ENVELOPE_SIGNATURE_VALID);
    EvidenceReport.Result att = result(r, EvidenceCheck.ATTACHMENT_DIGESTS_MATCH);
    assertThat(sig.status() == EvidenceReport.Status.PASSED && att.status() == EvidenceReport.Status.PASSED)
        .as("extra.pdf is not in the signed manifest, yet ENVELOPE_SIGNATURE_VALID=%s (%s) and "
            + "ATTACHMENT_DIGESTS_MATCH=%s (%s)", sig.status(), sig.detail(), att.status(), att.detail())
        .isFalse();
  }
}
