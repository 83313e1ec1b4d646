package vn.lienthong.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.lienthong.server.support.Calls.send;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.core.evidence.EvidenceReport;
import vn.lienthong.core.evidence.EvidenceSeal;
import vn.lienthong.core.evidence.EvidenceVerifier;
import vn.lienthong.core.evidence.ReceiptDocument;
import vn.lienthong.core.pki.PkiException;
import vn.lienthong.sample.interop.SoftHsmToken;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.server.api.ws.GetEvidenceRequest;
import vn.lienthong.server.evidence.EvidenceHook;
import vn.lienthong.server.evidence.EvidenceSetup;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubFixture;
import vn.lienthong.server.support.TestPki;

/**
 * The hub's seal key on a PKCS#11 token (SoftHSM 2), as an organisation's seal is kept: loaded from
 * {@code evidence.seal.pkcs11}, it signs receipts and bundle indexes on the token, and what it
 * signs verifies offline. Skipped with the reason where SoftHSM or OpenSC's pkcs11-tool is
 * missing; failed under CI=true (.ci/run installs them). Surefire sets SOFTHSM2_CONF.
 */
class EvidenceSealTokenTest {

  static final String PIN = "246810";

  @TempDir Path dir;

  @Test
  void theHubSealsWithAKeyThatNeverLeavesTheToken() throws Exception {
    SoftHsmToken.require();
    Credential seal = TestPki.PKI.credential(SamplePki.HUB_SEAL);
    Path token = SoftHsmToken.create(dir, "hub", PIN, Map.of("hub-seal", seal));
    String tsa = "--evidence.tsa=" + TestPki.SERVICES.urls().tsa();

    // first, before a login succeeds: PKCS#11 logins are per process, a later wrong PIN would not be asked
    assertThatThrownBy(() -> Main.evidenceSetup(Settings.read(new String[] {"--demo=false",
        "--evidence.seal.pkcs11=" + token, "--evidence.seal.password=000000", tsa}, Map.of()), null))
        .isInstanceOfSatisfying(PkiException.class, e -> assertThat(e.reason()).isEqualTo(PkiException.Reason.WRONG_PASSWORD));
    EvidenceSetup setup = Main.evidenceSetup(Settings.read(new String[] {"--demo=false",
        "--evidence.seal.pkcs11=" + token, "--evidence.seal.password=" + PIN, "--evidence.seal.alias=hub-seal", tsa},
        Map.of()), null);
    assertThat(setup.seal().provider()).as("signs through the token's provider").isPresent();
    assertThat(setup.seal().privateKey().getEncoded()).as("the key is a handle, not its bytes").isNull();
    assertThat(setup.chain()).startsWith(seal.certificate());

    assertThatThrownBy(() -> Main.evidenceSetup(Settings.read(new String[] {"--demo=false",
        "--evidence.seal.pkcs11=" + token, "--evidence.seal.keystore=" + dir.resolve("seal.p12"), tsa}, Map.of()), null))
        .hasMessageContaining("exclusive");

    try (HubFixture hub = HubFixture.start(HubFixture.config(dir.resolve("hub"), null, Duration.ofMinutes(5)),
        Clock.systemUTC(), EvidenceHook.NONE, setup)) {
      Attachment a = Envelopes.pdf(dir.resolve("files"), "vb.pdf", 20_000, 7, DemoSet.PROVINCE);
      var receipt = send(hub.client(DemoSet.PROVINCE), Envelopes.signed(Envelopes.document(DemoSet.PROVINCE,
          "P11-SEAL-1", List.of(DemoSet.HA_LONG), List.of(a)), List.of(a)));
      assertThat(EvidenceSeal.isTimestamped(receipt.getSignedReceipt())).isTrue();
      assertThat(ReceiptDocument.parse(EvidenceSeal.content(receipt.getSignedReceipt())).messageId())
          .isEqualTo(receipt.getMessageId());

      GetEvidenceRequest r = new GetEvidenceRequest();
      r.setMessageId(receipt.getMessageId());
      Path bundle = dir.resolve("bundle.zip");
      try (InputStream in = hub.client(DemoSet.PROVINCE).getEvidence(r).getBundle().getInputStream()) {
        Files.copy(in, bundle);
      }
      EvidenceReport report = EvidenceVerifier.builder(TestPki.PKI.trustAnchors()).build().verify(bundle);
      assertThat(report.valid()).as(report.failures().toString()).isTrue();
    }
  }
}
