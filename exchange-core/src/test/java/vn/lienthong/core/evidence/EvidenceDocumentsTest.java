package vn.lienthong.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.sample.pki.CaUrls;

/** The canonical evidence documents, the seal without a TSA, and bundles that are no bundles. */
class EvidenceDocumentsTest {

  static final String SHA = "ab".repeat(32);

  @TempDir Path dir;

  static ReceiptDocument receipt() {
    return new ReceiptDocument("r-1", 42, "DOCUMENT", "000.00.00.H49", "UBND-1 <&> \"x\"",
        List.of("000.00.31.H49", "000.00.32.H49"), SHA, List.of(new ReceiptDocument.FileDigest("vb ý.pdf", SHA)),
        List.of(new ReceiptDocument.CheckEntry("envelope-signature", "PASSED", "CN=Sở\tNội vụ"),
            new ReceiptDocument.CheckEntry("pdf-signatures", "PENDING", "")),
        Instant.parse("2026-11-26T01:02:03.456789Z"));
  }

  @Test
  void documentsAreCanonicalAndReadBackTheSame() {
    ReceiptDocument r = receipt();
    byte[] xml = r.toXml();
    assertThat(xml).isEqualTo(receipt().toXml());
    assertThat(new String(xml, StandardCharsets.UTF_8)).startsWith("<Receipt xmlns=\"urn:lienthong:evidence:1\"")
        .doesNotContain("<?xml").doesNotContain("\n");
    ReceiptDocument back = ReceiptDocument.parse(xml);
    assertThat(back).isEqualTo(r);
    assertThat(back.receivedAt()).isEqualTo(Instant.parse("2026-11-26T01:02:03.456Z"));
    assertThat(back.toXml()).isEqualTo(xml);

    DeliveryDocument d = new DeliveryDocument(42, "UBND-1", "000.00.00.H49", "000.00.31.H49", SHA, Instant.EPOCH);
    assertThat(DeliveryDocument.parse(d.toXml())).isEqualTo(d);
    EvidenceIndex i = new EvidenceIndex(42, Instant.EPOCH, List.of(new EvidenceIndex.Entry("receipt.p7s", SHA, 10,
        EvidenceIndex.Role.RECEIPT)));
    assertThat(EvidenceIndex.parse(i.toXml())).isEqualTo(i);
    assertThat(EvidenceBundle.parseAttachmentManifest(EvidenceBundle.attachmentManifest(42, r.attachments())))
        .isEqualTo(r.attachments());
    assertThat(EvidenceBundle.parseIntakeReport(EvidenceBundle.intakeReport(42, r.checks()))).isEqualTo(r.checks());
  }

  @Test
  void onlySchemaValidDocumentsAreRead() {
    byte[] xml = receipt().toXml();
    String text = new String(xml, StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ReceiptDocument.parse(text.replace(SHA, "not-a-digest").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReceiptDocument.parse(("<!DOCTYPE Receipt [<!ENTITY x \"y\">]>" + text)
        .getBytes(StandardCharsets.UTF_8))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeliveryDocument.parse(xml)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ReceiptDocument("r", 1, "DOCUMENT", "a", "\u0001", List.of(), SHA, List.of(),
        List.of(), Instant.EPOCH).toXml()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EvidenceBundle.Part.of("../etc/passwd", EvidenceIndex.Role.RECEIPT, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EvidenceBundle.Part.of(EvidenceBundle.INDEX, EvidenceIndex.Role.RECEIPT, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSealSignsWithoutATimeStampUntilOneIsAdded() {
    SamplePki pki = DemoSet.generator(KeyKind.EC_P256, CaUrls.loopback(1)).units(List.of()).build().generate();
    var hub = pki.credential(SamplePki.HUB_SEAL);
    EvidenceSeal seal = new EvidenceSeal(hub.privateKey(), hub.chain(), new java.security.SecureRandom());
    byte[] cms = seal.sign(receipt().toXml());
    assertThat(EvidenceSeal.isTimestamped(cms)).isFalse();
    assertThat(EvidenceSeal.content(cms)).isEqualTo(receipt().toXml());
    assertThatThrownBy(() -> EvidenceSeal.content("not a CMS".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void whatIsNoBundleIsAnInvalidReportNeverAnException() throws Exception {
    SamplePki pki = DemoSet.generator(KeyKind.EC_P256, CaUrls.loopback(1)).units(List.of()).build().generate();
    EvidenceVerifier verifier = EvidenceVerifier.builder(pki.trustAnchors()).build();
    for (byte[] bytes : List.of(new byte[0], "PK\u0003\u0004 garbage".getBytes(StandardCharsets.ISO_8859_1),
        new byte[4096])) {
      Path f = Files.write(dir.resolve("b.zip"), bytes);
      EvidenceReport r = verifier.verify(f);
      assertThat(r.valid()).isFalse();
      assertThat(r.failures()).extracting(EvidenceReport.Result::check).contains(EvidenceCheck.BUNDLE_READABLE);
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      r.writeJson(out);
      r.writeXml(out);
      r.writeHtml(out);
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("INVALID");
    }
  }
}
