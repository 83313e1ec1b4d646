package vn.lienthong.server.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.server.support.Calls.assertFault;
import static vn.lienthong.server.support.Calls.count;
import static vn.lienthong.server.support.Calls.payloadFiles;
import static vn.lienthong.server.support.Calls.send;
import static vn.lienthong.server.support.Calls.traces;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.core.edxml.Business;
import vn.lienthong.core.edxml.StaffInfo;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.core.pdf.PadesLevel;
import vn.lienthong.core.pdf.PdfSigner;
import vn.lienthong.core.pdf.SignatureOptions;
import vn.lienthong.core.pki.SigningKey;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.RevocationReason;
import vn.lienthong.sample.services.SampleCaServer;
import vn.lienthong.server.api.ws.FaultCode;
import vn.lienthong.server.api.ws.GetTracesRequest;
import vn.lienthong.server.api.ws.SignatureCheck;
import vn.lienthong.server.evidence.EvidenceHook;
import vn.lienthong.server.health.AcknowledgeServlet;
import vn.lienthong.server.store.Database;
import vn.lienthong.server.support.AdminHttp;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubFixture;
import vn.lienthong.server.support.MutableClock;
import vn.lienthong.server.support.SignedPdfs;
import vn.lienthong.server.support.TestPki;

/**
 * When the sample OCSP responder and CRL server are down: with {@code intake.when-unavailable}
 * {@code accept} documents are accepted with their checks pending, the alert and the metrics say
 * so, and the re-check job completes them when the services return (a certificate revoked in
 * between: completed as failed, alerted, audited, shown to the sender); with {@code refuse} the
 * sender gets VERIFICATION_UNAVAILABLE and nothing is stored.
 */
class PendingChecksTest {

  static final String PROVINCE = DemoSet.PROVINCE;
  static final String TEXT = "text/plain;charset=utf-8";
  static final String HA_LONG = DemoSet.HA_LONG;
  static final String AUDITOR = DemoSet.PROVINCE_COUNCIL;
  /** A commune of the test PKI whose seal gets revoked while the services are down. */
  static final String COMMUNE = TestPki.UNITS.get(TestPki.UNITS.size() - 1);

  @TempDir Path dir;

  @AfterEach
  void servicesBack() {
    down(false);
    TestPki.SERVICES.unrevoke(TestPki.PKI.seal(COMMUNE).certificate());
    TestPki.SERVICES.unrevoke(TestPki.PKI.credential(DemoSet.VICE_CHAIRMAN).certificate());
  }

  /** A PDF the province's vice-chairman signed and the province sealed (B-T), written to {@code out}. */
  static Path signedByTheViceChairman(Path out, long seed) throws Exception {
    Files.createDirectories(out.getParent());
    PdfSigner pdfSigner = PdfSigner.builder().timeStampAuthority(TestPki.SERVICES.urls().tsa())
        .trustAnchors(TestPki.PKI.trustAnchors()).build();
    Path signed = Files.createTempFile(out.getParent(), "signed", ".pdf");
    Credential signer = TestPki.PKI.credential(DemoSet.VICE_CHAIRMAN);
    Credential seal = TestPki.PKI.seal(PROVINCE);
    pdfSigner.sign(SignedPdfs.unsigned(20_000, seed), signed, SigningKey.of(signer.privateKey(), signer.chain()),
        SignatureOptions.builder().level(PadesLevel.B_T).build());
    pdfSigner.sign(signed, out, SigningKey.of(seal.privateKey(), seal.chain()),
        SignatureOptions.builder().level(PadesLevel.B_T).build());
    return out;
  }

  /** The vice-chairman's key was compromised an hour ago; the CA learns it while OCSP is down. */
  static void revokeTheViceChairman() {
    TestPki.SERVICES.revoke(TestPki.PKI.credential(DemoSet.VICE_CHAIRMAN).certificate(),
        RevocationReason.KEY_COMPROMISE, Instant.now().minus(Duration.ofHours(1)));
  }

  @Test
  void theRecheckVerifiesTheAttachmentItIsAboutWhenNamesRepeat() throws Exception {
    Path files = dir.resolve("files");
    Path first = SignedPdfs.copy(SignedPdfs.of(PROVINCE, 20_000, 33), files, "first");
    Path second = signedByTheViceChairman(files.resolve("second.pdf"), 34);
    // two attachments named alike (only ContentIds must differ); the second one's signer gets revoked
    Attachment a = Attachment.of("cid:a", "vb.pdf", "", "application/pdf", first);
    Attachment b = Attachment.of("cid:b", "vb.pdf", "", "application/pdf", second);
    MutableClock clock = new MutableClock(Instant.now());
    try (HubFixture hub = hub(clock, IntakePolicy.WhenUnavailable.ACCEPT)) {
      down(true);
      send(hub.client(PROVINCE), Envelopes.signed(Envelopes.document(PROVINCE, "SAME-NAME-1", List.of(HA_LONG),
          List.of(a, b)), List.of(a, b)));
      revokeTheViceChairman();
      down(false);
      clock.advance(Duration.ofMinutes(5));
      assertThat(hub.hub().recheck().runOnce()).isEqualTo(2);
      assertThat(checks(hub, PROVINCE, "SAME-NAME-1")).extracting(SignatureCheck::getOutcome)
          .containsExactly("PASSED", "FAILED");
    }
  }

  @Test
  void theChecksOfARevocationUnderTheSameDocumentIdAreInItsTraces() throws Exception {
    Path files = dir.resolve("files");
    Attachment decision = Attachment.of("cid:a", "thu-hoi.pdf", "", "application/pdf",
        signedByTheViceChairman(files.resolve("thu-hoi.pdf"), 35));
    MutableClock clock = new MutableClock(Instant.now());
    try (HubFixture hub = hub(clock, IntakePolicy.WhenUnavailable.ACCEPT)) {
      Attachment original = Envelopes.pdf(files, "vb.pdf", 20_000, 36, PROVINCE);
      send(hub.client(PROVINCE), Envelopes.signed(Envelopes.document(PROVINCE, "RV-CHECK-1", List.of(HA_LONG),
          List.of(original)), List.of(original)));
      down(true);
      send(hub.client(PROVINCE), Envelopes.signed(Envelopes.document(PROVINCE, "RV-CHECK-1", List.of(HA_LONG),
          List.of(decision), new Business.Revocation("", "Ban hành nhầm", false, StaffInfo.NONE)), List.of(decision)));
      revokeTheViceChairman();
      down(false);
      clock.advance(Duration.ofMinutes(5));
      assertThat(hub.hub().recheck().runOnce()).isEqualTo(1);
      assertThat(checks(hub, PROVINCE, "RV-CHECK-1")).singleElement().satisfies(c -> {
        assertThat(c.getAttachment()).isEqualTo("thu-hoi.pdf");
        assertThat(c.getOutcome()).isEqualTo("FAILED");
      });
    }
  }

  static void down(boolean down) {
    TestPki.SERVICES.setDown(SampleCaServer.Service.OCSP, down);
    TestPki.SERVICES.setDown(SampleCaServer.Service.CRL, down);
  }

  byte[] document(String from, String id, Attachment a) {
    return Envelopes.signed(Envelopes.document(from, id, List.of(HA_LONG), List.of(a)), List.of(a));
  }

  HubFixture hub(MutableClock clock, IntakePolicy.WhenUnavailable rule) {
    return HubFixture.start(HubFixture.config(dir.resolve("hub"), null, Duration.ofMinutes(5))
        .toBuilder().intake(IntakePolicy.defaults().withWhenUnavailable(rule)).auditors(Set.of(OrganId.of(AUDITOR)))
        .build(), clock, EvidenceHook.NONE);
  }

  @Test
  void acceptedWhileDownThenCompletedWhenTheServicesReturn() throws Exception {
    // signed before the outage (signing itself checks the signer's status online)
    Attachment good = Envelopes.pdf(dir.resolve("files"), "vb.pdf", 20_000, 21, PROVINCE);
    Attachment toRevoke = Envelopes.pdf(dir.resolve("files"), "vb.pdf", 20_000, 22, COMMUNE);
    MutableClock clock = new MutableClock(Instant.now());
    try (HubFixture hub = hub(clock, IntakePolicy.WhenUnavailable.ACCEPT)) {
      down(true);
      send(hub.client(PROVINCE), document(PROVINCE, "PENDING-1", good));
      send(hub.client(COMMUNE), document(COMMUNE, "PENDING-2", toRevoke));
      // the commune's seal key was compromised an hour ago; the CA learns it while OCSP is down
      TestPki.SERVICES.revoke(TestPki.PKI.seal(COMMUNE).certificate(), RevocationReason.KEY_COMPROMISE,
          Instant.now().minus(Duration.ofHours(1)));
      Database db = hub.hub().database();
      assertThat(count(db, "message")).isEqualTo(2);
      assertThat(db.autoCommit(PendingChecks::countPending)).isEqualTo(2);
      assertThat(hub.hub().alerts().isRaised("ocsp-unavailable")).isTrue();
      String metrics = get(hub.hub().metricsAddress(), TestPki.PKI.system(HubFixture.ADMIN));
      assertThat(metrics).contains("lienthong_pending_checks 2\n").contains("lienthong_alert{name=\"ocsp-unavailable\"} 1\n");
      assertThat(checks(hub, PROVINCE, "PENDING-1")).singleElement()
          .satisfies(c -> assertThat(c.getOutcome()).isEqualTo("PENDING"));

      clock.advance(Duration.ofMinutes(5));
      assertThat(hub.hub().recheck().runOnce()).as("still down: nothing completes").isZero();
      assertThat(checks(hub, PROVINCE, "PENDING-1").get(0).getAttempts()).isEqualTo(1);
      assertThat(hub.hub().alerts().isRaised("ocsp-unavailable")).isTrue();

      down(false);
      clock.advance(Duration.ofMinutes(5));
      assertThat(hub.hub().recheck().runOnce()).isEqualTo(2);
      assertThat(checks(hub, PROVINCE, "PENDING-1")).singleElement().satisfies(c -> {
        assertThat(c.getOutcome()).isEqualTo("PASSED");
        assertThat(c.getCompletedAt()).isNotNull();
      });
      assertThat(checks(hub, COMMUNE, "PENDING-2")).singleElement().satisfies(c -> {
        assertThat(c.getOutcome()).isEqualTo("FAILED");
        assertThat(c.getVerdict()).contains("SIGNER_NOT_REVOKED").contains("REVOKED");
      });
      // an auditor reading the commune's traces sees the commune's document's checks
      GetTracesRequest audited = new GetTracesRequest();
      audited.setSender(COMMUNE);
      audited.setDocumentId("PENDING-2");
      assertThat(hub.client(AUDITOR).getTraces(audited).getSignatureCheck()).singleElement()
          .satisfies(c -> assertThat(c.getOutcome()).isEqualTo("FAILED"));
      assertThat(db.autoCommit(PendingChecks::countPending)).isZero();
      assertThat(hub.hub().alerts().isRaised("ocsp-unavailable")).isFalse();
      assertThat(hub.hub().alerts().isRaised(Recheck.FAILED_ALERT)).isTrue();
      long failedAudits = db.autoCommit(c -> {
        try (var ps = c.prepareStatement("SELECT COUNT(*) FROM audit_event WHERE action = 'CHECK_FAILED'");
            var rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      });
      assertThat(failedAudits).isEqualTo(1);
      metrics = get(hub.hub().metricsAddress(), TestPki.PKI.system(HubFixture.ADMIN));
      assertThat(metrics).contains("lienthong_pending_checks 0\n").contains("lienthong_alert{name=\"ocsp-unavailable\"} 0\n")
          .contains("lienthong_alert{name=\"pdf-check-failed\"} 1\n");
      assertThat(hub.hub().recheck().runOnce()).as("nothing left").isZero();
      assertThat(hub.hub().alerts().isRaised(Recheck.FAILED_ALERT)).as("stays until acknowledged").isTrue();

      acknowledgingTheFailureClearsTheAlert(hub);
    }
  }

  /** The alert comes from the database, and only an administrator's acknowledgement clears it. */
  void acknowledgingTheFailureClearsTheAlert(HubFixture hub) throws Exception {
    Database db = hub.hub().database();
    String acknowledge = hub.hub().metricsAddress().replace("/metrics", AcknowledgeServlet.PATH);
    Credential admin = TestPki.PKI.system(HubFixture.ADMIN);
    // another hub process on the database, or this one restarted, shows it at its next run
    hub.hub().alerts().clear(Recheck.FAILED_ALERT, "as if this process had just started");
    hub.hub().recheck().runOnce();
    assertThat(hub.hub().alerts().isRaised(Recheck.FAILED_ALERT)).isTrue();

    assertThat(AdminHttp.post(acknowledge, TestPki.PKI.system(HA_LONG), true).status()).as("a unit").isEqualTo(403);
    assertThat(AdminHttp.post(acknowledge, admin, false).status()).as("no header: maybe a cross-site form").isEqualTo(400);
    assertThat(status(acknowledge, admin)).as("GET").isEqualTo(405);
    assertThat(hub.hub().alerts().isRaised(Recheck.FAILED_ALERT)).isTrue();
    assertThat(db.autoCommit(PendingChecks::countUnacknowledgedFailures)).isEqualTo(1);

    assertThat(AdminHttp.post(acknowledge, admin, true)).isEqualTo(new AdminHttp.Answer(200, TEXT, "acknowledged 1 failed PDF check(s)\n"));
    assertThat(hub.hub().alerts().isRaised(Recheck.FAILED_ALERT)).isFalse();
    assertThat(db.autoCommit(PendingChecks::countUnacknowledgedFailures)).isZero();
    assertThat(get(hub.hub().metricsAddress(), admin)).contains("lienthong_alert{name=\"pdf-check-failed\"} 0\n");
    assertThat(audits(db, "CHECKS_ACKNOWLEDGED")).singleElement().asString().startsWith(HubFixture.ADMIN + " ");
    hub.hub().recheck().runOnce();
    assertThat(hub.hub().alerts().isRaised(Recheck.FAILED_ALERT)).as("the next run agrees").isFalse();

    assertThat(AdminHttp.post(acknowledge, admin, true)).isEqualTo(new AdminHttp.Answer(200, TEXT, "acknowledged 0 failed PDF check(s)\n"));
    assertThat(audits(db, "CHECKS_ACKNOWLEDGED")).as("nothing new to audit").hasSize(1);
  }

  /** "actor detail" of each audit event with {@code action}. */
  static List<String> audits(Database db, String action) {
    return db.autoCommit(c -> {
      try (var ps = c.prepareStatement("SELECT actor, detail FROM audit_event WHERE action = ? ORDER BY seq")) {
        ps.setString(1, action);
        List<String> out = new java.util.ArrayList<>();
        try (var rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getString(1) + " " + rs.getString(2));
          }
        }
        return out;
      }
    });
  }

  @Test
  void refusedWhileDownWhenConfiguredSo() throws Exception {
    Attachment good = Envelopes.pdf(dir.resolve("files"), "vb.pdf", 20_000, 23, PROVINCE);
    MutableClock clock = new MutableClock(Instant.now());
    try (HubFixture hub = hub(clock, IntakePolicy.WhenUnavailable.REFUSE)) {
      down(true);
      var d = assertFault(FaultCode.VERIFICATION_UNAVAILABLE, () -> send(hub.client(PROVINCE),
          document(PROVINCE, "REFUSED-1", good)));
      assertThat(d.getMessage()).contains("vb.pdf");
      assertThat(count(hub.hub().database(), "message")).isZero();
      assertThat(count(hub.hub().database(), "pending_check")).isZero();
      assertThat(payloadFiles(dir.resolve("hub"))).isZero();
      assertThat(hub.hub().alerts().isRaised("ocsp-unavailable")).isTrue();
      down(false);
      send(hub.client(PROVINCE), document(PROVINCE, "REFUSED-1", good));
      assertThat(count(hub.hub().database(), "message")).isEqualTo(1);
      assertThat(hub.hub().alerts().isRaised("ocsp-unavailable")).isFalse();
    }
  }

  @Test
  void metricsAreForAdministratorsOnly() throws Exception {
    MutableClock clock = new MutableClock(Instant.now());
    try (HubFixture hub = hub(clock, IntakePolicy.WhenUnavailable.ACCEPT)) {
      assertThat(get(hub.hub().metricsAddress(), TestPki.PKI.system(HubFixture.ADMIN)))
          .contains("# TYPE lienthong_pending_checks gauge\nlienthong_pending_checks 0\n");
      assertThat(status(hub.hub().metricsAddress(), TestPki.PKI.system(HA_LONG))).isEqualTo(403);
    }
  }

  List<SignatureCheck> checks(HubFixture hub, String sender, String documentId) throws Exception {
    return traces(hub.client(sender), documentId).getSignatureCheck();
  }

  static String get(String address, Credential credential) throws Exception {
    AdminHttp.Answer a = AdminHttp.get(address, credential);
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.contentType()).startsWith("text/plain; version=0.0.4");
    return a.body();
  }

  static int status(String address, Credential credential) throws Exception {
    return AdminHttp.get(address, credential).status();
  }
}
