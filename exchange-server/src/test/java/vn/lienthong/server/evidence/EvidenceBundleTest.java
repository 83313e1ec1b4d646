package vn.lienthong.server.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.server.support.Calls.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.core.edxml.StatusCode;
import vn.lienthong.core.evidence.DeliveryDocument;
import vn.lienthong.core.evidence.EvidenceBundle;
import vn.lienthong.core.evidence.EvidenceCheck;
import vn.lienthong.core.evidence.EvidenceIndex;
import vn.lienthong.core.evidence.EvidenceReport;
import vn.lienthong.core.evidence.EvidenceSeal;
import vn.lienthong.core.evidence.EvidenceVerifier;
import vn.lienthong.core.evidence.ReceiptDocument;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.core.pki.TimeStampClient;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.sample.services.SampleCaServer;
import vn.lienthong.server.api.ws.ExchangeFaultDetail;
import vn.lienthong.server.api.ws.ExchangePortType;
import vn.lienthong.server.api.ws.FaultCode;
import vn.lienthong.server.api.ws.GetEvidenceRequest;
import vn.lienthong.server.api.ws.MessageInfo;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubFixture;

/**
 * Signed receipts, delivery evidence and evidence bundles from a real hub (H2, HTTPS on loopback)
 * whose seal and TSA come from a sample PKI with its CA services running; bundles verified offline
 * with core's {@link EvidenceVerifier} against that PKI's roots only.
 */
abstract class EvidenceBundleTest {

  /** The database: null for H2. */
  abstract vn.lienthong.server.support.TestDatabases.Jdbc database();

  static final String AUDITOR = DemoSet.PROVINCE_COUNCIL;
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

  static EvidenceSetup setup() {
    Credential seal = pki.credential(SamplePki.HUB_SEAL);
    return new EvidenceSetup(seal.privateKey(), seal.chain(), ca.urls().tsa());
  }

  HubFixture hub() {
    return HubFixture.start(HubFixture.config(dir.resolve("hub"), database(), Duration.ofMinutes(5))
        .toBuilder().auditors(Set.of(OrganId.of(AUDITOR))).build(), Clock.systemUTC(),
        EvidenceHook.NONE, setup());
  }

  /** Trusting this PKI's roots (the hub's seal, the TSA) and the test PKI's (the units that sign envelopes). */
  EvidenceVerifier verifier() {
    List<java.security.cert.X509Certificate> roots = new ArrayList<>(pki.trustAnchors());
    roots.addAll(vn.lienthong.server.support.TestPki.PKI.trustAnchors());
    return EvidenceVerifier.builder(roots).build();
  }

  static EvidenceReport.Status statusOf(EvidenceReport report, EvidenceCheck check) {
    return report.results().stream().filter(r -> r.check() == check).map(EvidenceReport.Result::status)
        .reduce((a, b) -> a == b ? a : EvidenceReport.Status.FAILED).orElseThrow();
  }

  byte[] document(String id) throws Exception {
    Attachment a = Envelopes.pdf(dir.resolve("files"), "vb.pdf", 20_000, id.hashCode(), DemoSet.PROVINCE);
    Attachment b = Envelopes.pdf(dir.resolve("files"), "phu-luc.pdf", 12_000, id.hashCode() + 1, DemoSet.PROVINCE);
    return Envelopes.signed(Envelopes.document(DemoSet.PROVINCE, id, List.of(DemoSet.HA_LONG, DemoSet.MONG_CAI),
        List.of(a, b)), List.of(a, b));
  }

  static List<String> names(Path zip) throws IOException {
    List<String> names = new ArrayList<>();
    try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
      for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
        names.add(e.getName());
      }
    }
    return names;
  }

  Path download(ExchangePortType client, long messageId, String name) throws Exception {
    GetEvidenceRequest r = new GetEvidenceRequest();
    r.setMessageId(messageId);
    Path out = dir.resolve(name);
    try (InputStream in = client.getEvidence(r).getBundle().getInputStream()) {
      Files.copy(in, out);
    }
    return out;
  }

  /** Sends a document, Hạ Long confirms it and reports 03; answers the document's message id. */
  long exchange(HubFixture hub, String id) throws Exception {
    var receipt = send(hub.client(DemoSet.PROVINCE), document(id));
    ExchangePortType haLong = hub.client(DemoSet.HA_LONG);
    MessageInfo m = pending(haLong).stream().filter(x -> x.getDocumentId().equals(id)).findFirst().orElseThrow();
    var confirmed = confirm(haLong, m);
    DeliveryDocument d = DeliveryDocument.parse(EvidenceSeal.content(confirmed.getDeliveryEvidence()));
    assertThat(d.recipient()).isEqualTo(DemoSet.HA_LONG);
    assertThat(d.messageId()).isEqualTo(receipt.getMessageId());
    assertThat(d.envelopeSha256()).isEqualTo(receipt.getContentSha256());
    assertThat(EvidenceSeal.isTimestamped(confirmed.getDeliveryEvidence())).isTrue();
    // confirming again answers the same evidence
    assertThat(confirm(haLong, m).getDeliveryEvidence()).isEqualTo(confirmed.getDeliveryEvidence());
    status(haLong, Envelopes.signed(Envelopes.status(DemoSet.HA_LONG, DemoSet.PROVINCE, id, StatusCode.ACCEPTED),
        List.of()));
    return receipt.getMessageId();
  }

  @Test
  void theReceiptIsSealedTimestampedAndNamesWhatWasChecked() throws Exception {
    try (HubFixture hub = hub()) {
      byte[] env = document("EV-1");
      var receipt = send(hub.client(DemoSet.PROVINCE), env);
      byte[] cms = receipt.getSignedReceipt();
      assertThat(EvidenceSeal.isTimestamped(cms)).isTrue();
      ReceiptDocument doc = ReceiptDocument.parse(EvidenceSeal.content(cms));
      assertThat(doc.messageId()).isEqualTo(receipt.getMessageId());
      assertThat(doc.receiptId()).isEqualTo(receipt.getReceiptId());
      assertThat(doc.from()).isEqualTo(DemoSet.PROVINCE);
      assertThat(doc.recipients()).containsExactlyInAnyOrder(DemoSet.HA_LONG, DemoSet.MONG_CAI);
      assertThat(doc.envelopeSha256()).isEqualTo(receipt.getContentSha256());
      assertThat(doc.attachments()).extracting(ReceiptDocument.FileDigest::name).containsExactly("vb.pdf",
          "phu-luc.pdf");
      assertThat(doc.checks()).extracting(ReceiptDocument.CheckEntry::check).contains("envelope-signature",
          "manifest", "recipients");
      assertThat(doc.checks()).filteredOn(c -> c.check().equals("envelope-signature")).singleElement()
          .satisfies(c -> {
            assertThat(c.outcome()).isEqualTo("PASSED");
            assertThat(c.detail()).contains("ORGANID:" + DemoSet.PROVINCE);
          });
      // a duplicate answers the original signed receipt, byte for byte
      var again = send(hub.client(DemoSet.PROVINCE), env);
      assertThat(again.isDuplicate()).isTrue();
      assertThat(again.getSignedReceipt()).isEqualTo(cms);
    }
  }

  @Test
  void aBundleFromTheHubVerifiesOfflineAndFailsAfterAnyChangedByte() throws Exception {
    try (HubFixture hub = hub()) {
      long id = exchange(hub, "EV-2");
      Path bundle = download(hub.client(DemoSet.PROVINCE), id, "bundle.zip");
      EvidenceReport report = verifier().verify(bundle);
      assertThat(report.valid()).as(report.failures().toString()).isTrue();
      assertThat(report.messageId()).isEqualTo(id);
      Map<String, byte[]> entries = entries(bundle);
      assertThat(entries.keySet()).contains(EvidenceBundle.ENVELOPE, EvidenceBundle.ATTACHMENTS,
          EvidenceBundle.RECEIPT, EvidenceBundle.INTAKE_REPORT, EvidenceBundle.deliveryName(DemoSet.HA_LONG),
          EvidenceBundle.CERTIFICATES, EvidenceBundle.ENVELOPE_SIGNER_CERTIFICATES, EvidenceBundle.SEAL_OCSP,
          EvidenceBundle.INDEX);
      // the seal's OCSP answer and the signer's chain are listed in the sealed index like every file
      assertThat(EvidenceIndex.parse(EvidenceSeal.content(entries.get(EvidenceBundle.INDEX))).files())
          .extracting(EvidenceIndex.Entry::name, EvidenceIndex.Entry::role).contains(
              org.assertj.core.groups.Tuple.tuple(EvidenceBundle.SEAL_OCSP, EvidenceIndex.Role.SEAL_REVOCATION),
              org.assertj.core.groups.Tuple.tuple(EvidenceBundle.ENVELOPE_SIGNER_CERTIFICATES,
                  EvidenceIndex.Role.CERTIFICATES));
      assertThat(statusOf(report, EvidenceCheck.ENVELOPE_SIGNER_TRUSTED)).isEqualTo(EvidenceReport.Status.PASSED);
      // the seal's certificate and the CA that issued it (below the root) each have their answer
      assertThat(entries.keySet()).containsAnyOf(EvidenceBundle.sealCaRevocationName(1, true),
          EvidenceBundle.sealCaRevocationName(1, false));
      assertThat(report.results()).filteredOn(r -> r.check() == EvidenceCheck.SEAL_NOT_REVOKED)
          .extracting(EvidenceReport.Result::status, r -> r.detail().split(" ")[2])
          .containsExactly(org.assertj.core.groups.Tuple.tuple(EvidenceReport.Status.PASSED, "certificate"),
              org.assertj.core.groups.Tuple.tuple(EvidenceReport.Status.PASSED, "CA"));
      // the hub's 01 and Hạ Long's signed 03, each with its receipt
      assertThat(entries.keySet().stream().filter(n -> n.startsWith("status/") && n.endsWith(".edxml"))).hasSize(2);
      assertThat(report.results()).filteredOn(r -> r.check() == EvidenceCheck.STATUS_VALID).hasSizeGreaterThanOrEqualTo(3);
      // Hạ Long's status comes with its signer's chain, and that signer is checked like the envelope's
      long status = unitStatus(entries);
      assertThat(entries).containsKey(EvidenceBundle.statusSignerCertificatesName(status));
      assertThat(report.results()).filteredOn(r -> r.check() == EvidenceCheck.STATUS_SIGNER_TRUSTED).singleElement()
          .satisfies(r -> {
            assertThat(r.status()).isEqualTo(EvidenceReport.Status.PASSED);
            assertThat(r.subject()).isEqualTo(EvidenceBundle.statusName(status));
          });

      byte[] original = Files.readAllBytes(bundle);
      List<Integer> positions = new ArrayList<>();
      for (int p = 0; p < original.length; p += Math.max(1, original.length / 120)) {
        positions.add(p);
      }
      positions.addAll(entryStarts(original));
      positions.add(original.length - 1);
      long started = System.nanoTime();
      for (int p : positions) {
        byte[] changed = original.clone();
        changed[p] ^= 0x01;
        Path f = Files.write(dir.resolve("changed.zip"), changed);
        EvidenceReport r = verifier().verify(f);
        assertThat(r.valid()).as("byte " + p + " changed").isFalse();
        assertThat(r.failures()).isNotEmpty();
      }
      System.out.printf(getClass().getSimpleName() + ": %d-byte bundle, %d changed bytes each refused, %.1f ms per "
          + "verification%n", original.length, positions.size(),
          (System.nanoTime() - started) / 1e6 / positions.size());
    }
  }

  @Test
  void reSealedByAnUntrustedKeyRemovedFilesAndAnotherMessagesReceiptFail() throws Exception {
    try (HubFixture hub = hub()) {
      long first = exchange(hub, "EV-3");
      long second = exchange(hub, "EV-4");
      Path onePath = download(hub.client(DemoSet.PROVINCE), first, "one.zip");
      Map<String, byte[]> one = entries(onePath);
      Map<String, byte[]> two = entries(download(hub.client(DemoSet.PROVINCE), second, "two.zip"));
      TimeStampClient tsa = new TimeStampClient(ca.urls().tsa(), Clock.systemUTC(), new java.security.SecureRandom(),
          Duration.ofSeconds(10));
      Credential hubSeal = pki.credential(SamplePki.HUB_SEAL);
      EvidenceSeal genuine = new EvidenceSeal(hubSeal.privateKey(), hubSeal.chain(), new java.security.SecureRandom());

      // control: the same files re-sealed with the hub's own key verify
      assertThat(verifier().verify(reseal(one, first, genuine, tsa, "control.zip")).valid()).isTrue();

      // an untrusted key (another PKI's hub-seal) re-seals the index
      SamplePki rogue = DemoSet.generator(KeyKind.EC_P256, ca.urls()).units(List.of()).build().generate();
      Credential rogueSeal = rogue.credential(SamplePki.HUB_SEAL);
      EvidenceReport untrusted = verifier().verify(reseal(one, first, new EvidenceSeal(rogueSeal.privateKey(),
          rogueSeal.chain(), new java.security.SecureRandom()), tsa, "rogue.zip"));
      assertThat(untrusted.valid()).isFalse();
      assertThat(untrusted.failures()).extracting(EvidenceReport.Result::check).contains(EvidenceCheck.INDEX_SEAL_VALID);

      // a file removed, the index left as it was
      Map<String, byte[]> removed = new LinkedHashMap<>(one);
      removed.remove(EvidenceBundle.deliveryName(DemoSet.HA_LONG));
      EvidenceReport gone = verifier().verify(zip(removed, "removed.zip"));
      assertThat(gone.valid()).isFalse();
      assertThat(gone.failures()).extracting(EvidenceReport.Result::check).contains(
          EvidenceCheck.INDEX_COMPLETE, EvidenceCheck.FILE_DIGEST_MATCHES).doesNotContain(
          EvidenceCheck.BUNDLE_READABLE, EvidenceCheck.BUNDLE_CANONICAL, EvidenceCheck.INDEX_SEAL_VALID);

      // the receipt of another message, even re-sealed by the hub's genuine key
      Map<String, byte[]> swapped = new LinkedHashMap<>(one);
      swapped.put(EvidenceBundle.RECEIPT, two.get(EvidenceBundle.RECEIPT));
      EvidenceReport other = verifier().verify(reseal(swapped, first, genuine, tsa, "swapped.zip"));
      assertThat(other.valid()).isFalse();
      assertThat(other.failures()).extracting(EvidenceReport.Result::check).contains(
          EvidenceCheck.RECEIPT_ABOUT_MESSAGE, EvidenceCheck.RECEIPT_ENVELOPE_DIGEST);

      // another message's delivery evidence, re-sealed
      Map<String, byte[]> delivery = new LinkedHashMap<>(one);
      String name = EvidenceBundle.deliveryName(DemoSet.HA_LONG);
      delivery.put(name, two.get(name));
      EvidenceReport wrongDelivery = verifier().verify(reseal(delivery, first, genuine, tsa, "delivery.zip"));
      assertThat(wrongDelivery.failures()).extracting(EvidenceReport.Result::check)
          .contains(EvidenceCheck.DELIVERY_EVIDENCE_VALID);

      // a bundle verified against other roots only
      EvidenceReport foreign = EvidenceVerifier.builder(rogue.trustAnchors()).build()
          .verify(onePath);
      assertThat(foreign.valid()).isFalse();
    }
  }

  @Test
  void onlyTheSenderRecipientsAndAuditorsGetTheBundleOthersAreToldItDoesNotExist() throws Exception {
    try (HubFixture hub = hub()) {
      long id = exchange(hub, "EV-5");
      assertThat(verifier().verify(download(hub.client(DemoSet.HA_LONG), id, "recipient.zip")).valid()).isTrue();
      assertThat(verifier().verify(download(hub.client(DemoSet.MONG_CAI), id, "unconfirmed.zip")).valid()).isTrue();
      assertThat(verifier().verify(download(hub.client(AUDITOR), id, "auditor.zip")).valid()).isTrue();
      // a recipient's bundle holds its own delivery evidence and statuses, not another recipient's
      assertThat(names(dir.resolve("unconfirmed.zip")))
          .noneMatch(n -> n.startsWith("status/") || n.startsWith("delivery/"));
      assertThat(names(dir.resolve("recipient.zip"))).anyMatch(n -> n.equals("delivery/" + DemoSet.HA_LONG + ".p7s"))
          .filteredOn(n -> n.startsWith("status/") && n.endsWith(".edxml")).hasSize(2);   // the hub's 01, its 03
      assertThat(names(dir.resolve("auditor.zip"))).containsAll(names(dir.resolve("recipient.zip")).stream()
          .filter(n -> n.startsWith("status/") || n.startsWith("delivery/")).toList());
      ExchangeFaultDetail notYours = assertFault(FaultCode.UNKNOWN_MESSAGE,
          () -> download(hub.client(DemoSet.FINANCE), id, "x.zip"));
      ExchangeFaultDetail missing = assertFault(FaultCode.UNKNOWN_MESSAGE,
          () -> download(hub.client(DemoSet.FINANCE), id + 1000, "y.zip"));
      assertThat(notYours.getCode()).isEqualTo(missing.getCode());
      assertThat(notYours.getMessage()).isEqualTo(missing.getMessage());
      assertThat(notYours.getField()).isEqualTo(missing.getField());
      // each download is in the audit chain, with who and which message; the refused ones are not
      List<String> reads = hub.hub().database().autoCommit(c -> {
        List<String> out = new ArrayList<>();
        try (var ps = c.prepareStatement("SELECT actor, message_id FROM audit_event WHERE action = 'EVIDENCE_READ' "
            + "ORDER BY seq"); var rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getString(1) + ":" + rs.getLong(2));
          }
        }
        return out;
      });
      assertThat(reads).containsExactly(DemoSet.HA_LONG + ":" + id, DemoSet.MONG_CAI + ":" + id, AUDITOR + ":" + id);
    }
  }

  @Test
  void whileTheTsaIsDownReceiptsAreSignedAndPendingThenStampedLater() throws Exception {
    try (HubFixture hub = hub()) {
      EvidenceService evidence = hub.hub().evidence().orElseThrow();
      ca.setDown(SampleCaServer.Service.TSA, true);
      var receipt = send(hub.client(DemoSet.PROVINCE), document("EV-6"));
      try {
        assertThat(receipt.getSignedReceipt()).isNotNull();
        assertThat(EvidenceSeal.isTimestamped(receipt.getSignedReceipt())).isFalse();
        assertThat(evidence.pendingTimestamps()).isEqualTo(1);
        assertThat(evidence.stampPending()).isZero();
        assertFault(FaultCode.UNAVAILABLE, () -> download(hub.client(DemoSet.PROVINCE), receipt.getMessageId(),
            "down.zip"));
      } finally {
        ca.setDown(SampleCaServer.Service.TSA, false);
      }
      assertThat(evidence.stampPending()).isEqualTo(1);
      assertThat(evidence.pendingTimestamps()).isZero();
      // the stamped receipt is the one the hub signed, now CAdES-T; duplicates answer it
      var again = send(hub.client(DemoSet.PROVINCE), document("EV-6"));
      assertThat(EvidenceSeal.isTimestamped(again.getSignedReceipt())).isTrue();
      assertThat(EvidenceSeal.content(again.getSignedReceipt())).isEqualTo(
          EvidenceSeal.content(receipt.getSignedReceipt()));
      EvidenceReport r = verifier().verify(download(hub.client(DemoSet.PROVINCE), receipt.getMessageId(), "b.zip"));
      assertThat(r.valid()).as(r.failures().toString()).isTrue();
    }
  }

  @Test
  void aDamagedPendingReceiptDoesNotHoldUpTheOnesAfterIt() throws Exception {
    try (HubFixture hub = hub()) {
      EvidenceService evidence = hub.hub().evidence().orElseThrow();
      ca.setDown(SampleCaServer.Service.TSA, true);
      long first;
      long second;
      try {
        first = send(hub.client(DemoSet.PROVINCE), document("EV-12")).getMessageId();
        second = send(hub.client(DemoSet.PROVINCE), document("EV-13")).getMessageId();
      } finally {
        ca.setDown(SampleCaServer.Service.TSA, false);
      }
      // the oldest pending receipt is damaged in the database: every run stopped at it, for good
      hub.hub().database().autoCommit(c -> {
        try (var ps = c.prepareStatement("UPDATE evidence_receipt SET cms = ? WHERE message_id = ?")) {
          ps.setBytes(1, new byte[] {0x30, 0x03, 0x02, 0x01, 0x07});
          ps.setLong(2, first);
          return ps.executeUpdate();
        }
      });
      assertThat(evidence.stampPending()).isEqualTo(1);
      assertThat(evidence.pendingTimestamps()).isEqualTo(1);
      var again = send(hub.client(DemoSet.PROVINCE), document("EV-13"));
      assertThat(again.getMessageId()).isEqualTo(second);
      assertThat(EvidenceSeal.isTimestamped(again.getSignedReceipt())).isTrue();
      assertThat(evidence.stampPending()).isZero(); // and the next run goes past it again, ending
    }
  }

  @Test
  void aTsaOutsideTheHubsRootsStampsNothingItsAnswersAreTreatedAsNoAnswer() throws Exception {
    try (SampleCaServer rogueCa = SampleCaServer.bind(0, Clock.systemUTC())) {
      rogueCa.start(DemoSet.generator(KeyKind.EC_P256, rogueCa.urls()).units(List.of()).build().generate());
      Credential seal = pki.credential(SamplePki.HUB_SEAL);
      EvidenceSetup untrustedTsa = new EvidenceSetup(seal.privateKey(), seal.chain(), rogueCa.urls().tsa());
      try (HubFixture hub = HubFixture.start(HubFixture.config(dir.resolve("hub"), database(), Duration.ofMinutes(5)),
          Clock.systemUTC(), EvidenceHook.NONE, untrustedTsa)) {
        var receipt = send(hub.client(DemoSet.PROVINCE), document("EV-11"));
        assertThat(receipt.getSignedReceipt()).isNotNull();
        assertThat(EvidenceSeal.isTimestamped(receipt.getSignedReceipt())).isFalse();
        EvidenceService evidence = hub.hub().evidence().orElseThrow();
        assertThat(evidence.pendingTimestamps()).isEqualTo(1);
        assertThat(evidence.stampPending()).isZero();
        assertFault(FaultCode.UNAVAILABLE, () -> download(hub.client(DemoSet.PROVINCE), receipt.getMessageId(),
            "untrusted-tsa.zip"));
      }
    }
  }

  @Test
  void anEnvelopeSignedUnderTheRogueRootFailsTheSignerCheckEvenWhenEverythingElseIsSealed() throws Exception {
    try (HubFixture hub = hub()) {
      long id = exchange(hub, "EV-7");
      Map<String, byte[]> one = entries(download(hub.client(DemoSet.PROVINCE), id, "genuine.zip"));
      // control: the same forgery with the sender's genuine key verifies, so only the signer differs below
      Path control = forgedEnvelope(one, id, vn.lienthong.server.support.TestPki.PKI.system(DemoSet.PROVINCE),
          "control.zip");
      EvidenceReport ok = verifier().verify(control);
      assertThat(ok.valid()).as(ok.failures().toString()).isTrue();

      EvidenceReport rogue = verifier().verify(forgedEnvelope(one, id, pki.credential(SamplePki.BAD_UNTRUSTED),
          "rogue.zip"));
      assertThat(rogue.valid()).isFalse();
      assertThat(rogue.failures()).extracting(EvidenceReport.Result::check)
          .containsExactly(EvidenceCheck.ENVELOPE_SIGNER_TRUSTED);
      assertThat(rogue.failures().get(0).detail()).contains("CHAIN_TO_TRUST_ANCHOR");
      // its XML signature itself is intact: integrity alone passed before this check existed
      assertThat(statusOf(rogue, EvidenceCheck.ENVELOPE_SIGNATURE_VALID)).isEqualTo(EvidenceReport.Status.PASSED);
    }
  }

  @Test
  void aUnitStatusSignedUnderTheRogueRootFailsItsSignerCheckEvenWhenTheHubSealedItsReceipt() throws Exception {
    try (HubFixture hub = hub()) {
      long id = exchange(hub, "EV-10");
      Map<String, byte[]> one = entries(download(hub.client(DemoSet.PROVINCE), id, "genuine.zip"));
      // control: the status signed again with Hạ Long's genuine key verifies, so only the signer differs below
      EvidenceReport ok = verifier().verify(forgedStatus(one, id,
          vn.lienthong.server.support.TestPki.PKI.system(DemoSet.HA_LONG), "control.zip"));
      assertThat(ok.valid()).as(ok.failures().toString()).isTrue();

      EvidenceReport rogue = verifier().verify(forgedStatus(one, id, pki.credential(SamplePki.BAD_UNTRUSTED),
          "rogue.zip"));
      assertThat(rogue.valid()).isFalse();
      assertThat(rogue.failures()).singleElement().satisfies(f -> {
        assertThat(f.check()).isEqualTo(EvidenceCheck.STATUS_SIGNER_TRUSTED);
        assertThat(f.status()).isEqualTo(EvidenceReport.Status.FAILED);
        assertThat(f.detail()).contains("CHAIN_TO_TRUST_ANCHOR");
      });
      // its XML signature is intact and the hub's receipt names it: integrity alone passed before this check
      assertThat(statusOf(rogue, EvidenceCheck.STATUS_VALID)).isEqualTo(EvidenceReport.Status.PASSED);

      // without the status's receipt, when the hub received it is not proven
      Map<String, byte[]> noReceipt = new LinkedHashMap<>(one);
      assertThat(noReceipt.remove(EvidenceBundle.statusReceiptName(unitStatus(one)))).isNotNull();
      EvidenceReport unproven = verifier().verify(reseal(noReceipt, id, genuineSeal(), tsa(), "no-receipt.zip"));
      assertThat(unproven.failures()).extracting(EvidenceReport.Result::check, EvidenceReport.Result::status)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(EvidenceCheck.STATUS_SIGNER_TRUSTED,
              EvidenceReport.Status.INDETERMINATE));
    }
  }

  @Test
  void aBundleWithoutTheSealsRevocationDataIsIndeterminateByName() throws Exception {
    try (HubFixture hub = hub()) {
      long id = exchange(hub, "EV-8");
      Map<String, byte[]> without = new LinkedHashMap<>(entries(download(hub.client(DemoSet.PROVINCE), id,
          "b.zip")));
      assertThat(without.remove(EvidenceBundle.SEAL_OCSP)).isNotNull();
      EvidenceReport r = verifier().verify(reseal(without, id, genuineSeal(), tsa(), "no-ocsp.zip"));
      assertThat(r.valid()).isFalse();
      assertThat(r.failures()).singleElement().satisfies(f -> {
        assertThat(f.check()).isEqualTo(EvidenceCheck.SEAL_NOT_REVOKED);
        assertThat(f.status()).isEqualTo(EvidenceReport.Status.INDETERMINATE);
      });
      ByteArrayOutputStream json = new ByteArrayOutputStream();
      r.writeJson(json);
      assertThat(json.toString(java.nio.charset.StandardCharsets.UTF_8))
          .contains("\"id\": \"SEAL_NOT_REVOKED\", \"subject\": \"\", \"status\": \"INDETERMINATE\"")
          .contains("\"verdict\": \"INVALID\"");
    }
  }

  @Test
  void aRevokedSealSealsNoBundleAndItsOcspAnswerFailsTheCheck() throws Exception {
    try (HubFixture hub = hub()) {
      long id = exchange(hub, "EV-9");
      Map<String, byte[]> one = entries(download(hub.client(DemoSet.PROVINCE), id, "before.zip"));
      java.security.cert.X509Certificate seal = pki.credential(SamplePki.HUB_SEAL).certificate();
      ca.revoke(seal, vn.lienthong.sample.pki.RevocationReason.KEY_COMPROMISE, java.time.Instant.now().minusSeconds(5));
      try {
        ExchangeFaultDetail refused = assertFault(FaultCode.UNAVAILABLE,
            () -> download(hub.client(DemoSet.PROVINCE), id, "revoked.zip"));
        assertThat(refused.getMessage()).contains("revoked");
        // a hub that sealed anyway, with its CA's answer of now in the bundle
        byte[] ocsp = new vn.lienthong.core.pki.RevocationClient(Clock.systemUTC(), new java.security.SecureRandom(),
            Duration.ofSeconds(5)).fetch(seal, pki.credential(SamplePki.GOV_CA).certificate()).encoded();
        Map<String, byte[]> changed = new LinkedHashMap<>(one);
        changed.put(EvidenceBundle.SEAL_OCSP, ocsp);
        EvidenceReport r = verifier().verify(reseal(changed, id, genuineSeal(), tsa(), "sealed-anyway.zip"));
        assertThat(r.valid()).isFalse();
        assertThat(r.failures()).singleElement().satisfies(f -> {
          assertThat(f.check()).isEqualTo(EvidenceCheck.SEAL_NOT_REVOKED);
          assertThat(f.status()).isEqualTo(EvidenceReport.Status.FAILED);
          assertThat(f.detail()).contains("REVOKED");
        });
      } finally {
        ca.unrevoke(seal);
      }
      // and the OCSP answer about another certificate (the TSA's) is no answer about the seal
      byte[] other = new vn.lienthong.core.pki.RevocationClient(Clock.systemUTC(), new java.security.SecureRandom(),
          Duration.ofSeconds(5)).fetch(pki.credential(SamplePki.TSA).certificate(),
          pki.credential(SamplePki.GOV_CA).certificate()).encoded();
      Map<String, byte[]> wrong = new LinkedHashMap<>(one);
      wrong.put(EvidenceBundle.SEAL_OCSP, other);
      EvidenceReport r = verifier().verify(reseal(wrong, id, genuineSeal(), tsa(), "other-cert.zip"));
      // a file about none of the seal's path fails; the seal's certificate, without an answer, is not proven
      assertThat(r.failures()).extracting(EvidenceReport.Result::check, EvidenceReport.Result::subject,
          EvidenceReport.Result::status).containsExactlyInAnyOrder(
          org.assertj.core.groups.Tuple.tuple(EvidenceCheck.SEAL_NOT_REVOKED, EvidenceBundle.SEAL_OCSP,
              EvidenceReport.Status.FAILED),
          org.assertj.core.groups.Tuple.tuple(EvidenceCheck.SEAL_NOT_REVOKED, "", EvidenceReport.Status.INDETERMINATE));
    }
  }

  @Test
  void aRevokedCaAboveTheSealSealsNoBundleAndTheRootsAnswerFailsTheCheckForThatCa() throws Exception {
    try (HubFixture hub = hub()) {
      long id = exchange(hub, "EV-12");
      Map<String, byte[]> one = entries(download(hub.client(DemoSet.PROVINCE), id, "before.zip"));
      String caFile = one.keySet().stream().filter(n -> n.startsWith("revocation/hub-seal-ca-1.")).findFirst()
          .orElseThrow();
      java.security.cert.X509Certificate govCa = pki.credential(SamplePki.GOV_CA).certificate();
      java.security.cert.X509Certificate root = pki.credential(SamplePki.GOV_ROOT).certificate();
      ca.revoke(govCa, vn.lienthong.sample.pki.RevocationReason.CA_COMPROMISE, java.time.Instant.now().minusSeconds(5));
      try {
        ExchangeFaultDetail refused = assertFault(FaultCode.UNAVAILABLE,
            () -> download(hub.client(DemoSet.PROVINCE), id, "revoked-ca.zip"));
        assertThat(refused.getMessage()).contains("revoked");
        // a hub that sealed anyway, with the root's answer of now about its CA in the bundle
        var answer = new vn.lienthong.core.pki.RevocationClient(Clock.systemUTC(), new java.security.SecureRandom(),
            Duration.ofSeconds(5)).fetch(govCa, root);
        Map<String, byte[]> changed = new LinkedHashMap<>(one);
        changed.remove(caFile);
        changed.put(EvidenceBundle.sealCaRevocationName(1, answer.kind() == vn.lienthong.core.pki.RevocationEvidence
            .Kind.OCSP), answer.encoded());
        EvidenceReport r = verifier().verify(reseal(changed, id, genuineSeal(), tsa(), "sealed-anyway.zip"));
        assertThat(r.valid()).isFalse();
        assertThat(r.failures()).singleElement().satisfies(f -> {
          assertThat(f.check()).isEqualTo(EvidenceCheck.SEAL_NOT_REVOKED);
          assertThat(f.status()).isEqualTo(EvidenceReport.Status.FAILED);
          assertThat(f.detail()).startsWith("the seal's CA").contains("REVOKED");
        });
      } finally {
        ca.unrevoke(govCa);
      }
      // without the CA's answer, whether it was revoked is not proven
      Map<String, byte[]> without = new LinkedHashMap<>(one);
      without.remove(caFile);
      EvidenceReport r = verifier().verify(reseal(without, id, genuineSeal(), tsa(), "no-ca-answer.zip"));
      assertThat(r.failures()).singleElement().satisfies(f -> {
        assertThat(f.check()).isEqualTo(EvidenceCheck.SEAL_NOT_REVOKED);
        assertThat(f.status()).isEqualTo(EvidenceReport.Status.INDETERMINATE);
        assertThat(f.detail()).contains("the seal's CA");
      });
    }
  }

  // ----- helpers -----

  static EvidenceSeal genuineSeal() {
    Credential hubSeal = pki.credential(SamplePki.HUB_SEAL);
    return new EvidenceSeal(hubSeal.privateKey(), hubSeal.chain(), new java.security.SecureRandom());
  }

  static TimeStampClient tsa() {
    return new TimeStampClient(ca.urls().tsa(), Clock.systemUTC(), new java.security.SecureRandom(),
        Duration.ofSeconds(10));
  }

  /**
   * The bundle {@code one} with its envelope replaced by the same kind of document signed by
   * {@code signer}, and everything that names the envelope made again and sealed by the hub's
   * genuine key: the attachment list, the receipt (same reception time), the signer's chain; the
   * delivery evidence (about the original envelope) left out.
   */
  Path forgedEnvelope(Map<String, byte[]> one, long id, Credential signer, String name) throws Exception {
    Attachment a = Envelopes.pdf(dir.resolve("forged-" + name), "vb.pdf", 20_000, name.hashCode(), DemoSet.PROVINCE);
    ReceiptDocument genuine = ReceiptDocument.parse(EvidenceSeal.content(one.get(EvidenceBundle.RECEIPT)));
    byte[] envelope = Envelopes.signed(Envelopes.document(DemoSet.PROVINCE, genuine.documentId(),
        List.of(DemoSet.HA_LONG, DemoSet.MONG_CAI), List.of(a)), List.of(a), signer);
    List<ReceiptDocument.FileDigest> digests = List.of(new ReceiptDocument.FileDigest(a.attachmentName(), a.sha256()));
    ReceiptDocument forged = new ReceiptDocument(genuine.receiptId(), genuine.messageId(), genuine.kind(),
        genuine.from(), genuine.documentId(), genuine.recipients(),
        java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(envelope)),
        digests, genuine.checks(), genuine.receivedAt());
    Map<String, byte[]> changed = new LinkedHashMap<>(one);
    changed.keySet().removeIf(n -> n.startsWith("delivery/"));
    changed.put(EvidenceBundle.ENVELOPE, envelope);
    changed.put(EvidenceBundle.ATTACHMENTS, EvidenceBundle.attachmentManifest(id, digests));
    changed.put(EvidenceBundle.RECEIPT, EvidenceSeal.timestamp(genuineSeal().sign(forged.toXml()), tsa()));
    changed.put(EvidenceBundle.ENVELOPE_SIGNER_CERTIFICATES, pem(signer));
    return reseal(changed, id, genuineSeal(), tsa(), name);
  }


  /** The message id of the one status in the bundle that a unit signed. */
  static long unitStatus(Map<String, byte[]> entries) {
    return EvidenceIndex.parse(EvidenceSeal.content(entries.get(EvidenceBundle.INDEX))).files().stream()
        .filter(f -> f.role() == EvidenceIndex.Role.STATUS_UNIT).map(EvidenceIndex.Entry::name)
        .map(n -> Long.parseLong(n.substring("status/".length(), n.length() - ".edxml".length())))
        .reduce((a, b) -> {
          throw new AssertionError("more than one unit status");
        }).orElseThrow();
  }

  /**
   * The bundle {@code one} with Hạ Long's status replaced by the same status signed by
   * {@code signer}, its receipt made again for it (same reception time) and sealed with the hub's
   * genuine key, the signer's chain in place of the genuine one, and the index re-sealed.
   */
  Path forgedStatus(Map<String, byte[]> one, long id, Credential signer, String name) throws Exception {
    long status = unitStatus(one);
    ReceiptDocument genuine = ReceiptDocument.parse(EvidenceSeal.content(one.get(
        EvidenceBundle.statusReceiptName(status))));
    byte[] envelope = Envelopes.signed(Envelopes.status(DemoSet.HA_LONG, DemoSet.PROVINCE, genuine.documentId(),
        StatusCode.ACCEPTED), List.of(), signer);
    ReceiptDocument forged = new ReceiptDocument(genuine.receiptId(), genuine.messageId(), genuine.kind(),
        genuine.from(), genuine.documentId(), genuine.recipients(),
        java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(envelope)),
        genuine.attachments(), genuine.checks(), genuine.receivedAt());
    Map<String, byte[]> changed = new LinkedHashMap<>(one);
    changed.put(EvidenceBundle.statusName(status), envelope);
    changed.put(EvidenceBundle.statusReceiptName(status),
        EvidenceSeal.timestamp(genuineSeal().sign(forged.toXml()), tsa()));
    changed.put(EvidenceBundle.statusSignerCertificatesName(status), pem(signer));
    return reseal(changed, id, genuineSeal(), tsa(), name);
  }

  /** The signer's certificate and its CAs, PEM, as the hub puts a signer's chain into a bundle. */
  static byte[] pem(Credential signer) {
    StringBuilder pem = new StringBuilder();
    signer.chain().forEach(c -> pem.append(SamplePki.pem(c)));
    return pem.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  static Map<String, byte[]> entries(Path zip) throws Exception {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        out.put(e.getName(), in.readAllBytes());
      }
    }
    return out;
  }

  /** Offsets of local file headers (PK\3\4). */
  static List<Integer> entryStarts(byte[] zip) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i + 3 < zip.length; i++) {
      if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 3 && zip[i + 3] == 4) {
        out.add(i);
        out.add(i + 30); // the entry's name
      }
    }
    return out;
  }

  Path reseal(Map<String, byte[]> entries, long messageId, EvidenceSeal seal, TimeStampClient tsa, String name)
      throws Exception {
    byte[] indexXml = EvidenceSeal.content(entries.get(EvidenceBundle.INDEX));
    Map<String, EvidenceIndex.Role> roles = new LinkedHashMap<>();
    EvidenceIndex.parse(indexXml).files().forEach(f -> roles.put(f.name(), f.role()));
    List<EvidenceBundle.Part> parts = new ArrayList<>();
    entries.forEach((n, bytes) -> {
      if (!n.equals(EvidenceBundle.INDEX)) {
        parts.add(EvidenceBundle.Part.of(n, roles.get(n), bytes));
      }
    });
    Path out = dir.resolve(name);
    try (OutputStream o = Files.newOutputStream(out)) {
      EvidenceBundle.write(o, messageId, parts, seal, tsa, java.time.Instant.now());
    }
    return out;
  }

  Path zip(Map<String, byte[]> entries, String name) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      for (var e : entries.entrySet()) {
        // stored and dated as the hub does: the ZIP stays canonical, only the file is missing
        ZipEntry entry = new ZipEntry(e.getKey());
        entry.setMethod(ZipEntry.STORED);
        entry.setTimeLocal(java.time.LocalDateTime.of(2000, 1, 1, 0, 0));
        entry.setSize(e.getValue().length);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(e.getValue());
        entry.setCrc(crc.getValue());
        z.putNextEntry(entry);
        z.write(e.getValue());
        z.closeEntry();
      }
    }
    return Files.write(dir.resolve(name), bytes.toByteArray());
  }
}
