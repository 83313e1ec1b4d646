package vn.lienthong.server.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.server.support.Calls.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.core.edxml.StatusCode;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.server.api.ws.FaultCode;
import vn.lienthong.server.evidence.EvidenceHook;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubFixture;
import vn.lienthong.server.support.TestPki;

/** Every refusal is a typed fault, and a refused message leaves nothing stored. */
class BadInputTest {

  static final String PROVINCE = DemoSet.PROVINCE;
  static final String HA_LONG = DemoSet.HA_LONG;

  @TempDir Path dir;
  HubFixture hub;

  @BeforeEach
  void start() {
    hub = HubFixture.start(HubFixture.config(dir.resolve("hub"), null, Duration.ofMinutes(5), 300_000),
        Clock.systemUTC(), EvidenceHook.NONE);
  }

  @AfterEach
  void nothingWasStored() {
    try {
      assertThat(count(hub.hub().database(), "message")).isZero();
      assertThat(count(hub.hub().database(), "delivery")).isZero();
      assertThat(payloadFiles(dir.resolve("hub"))).isZero();
    } finally {
      hub.close();
    }
  }

  Attachment pdf(int size) throws Exception {
    return Envelopes.pdf(dir.resolve("files"), "vanban.pdf", size, 7, PROVINCE);
  }

  byte[] doc(String from, List<String> to) throws Exception {
    Attachment a = pdf(50_000);
    return Envelopes.signed(Envelopes.document(from, "BAD-1", to, List.of(a)), List.of(a));
  }

  @Test
  void aDocumentIdLongerThanTheHubStoresIsAnEdxmlRuleNamingIt() throws Exception {
    Attachment a = pdf(50_000);
    byte[] env = Envelopes.signed(Envelopes.document(PROVINCE, "000.00.00.H49,2026/11/26," + "9".repeat(600),
        List.of(HA_LONG), List.of(a), "V/v mã văn bản quá dài"), List.of(a));
    assertThat(assertFault(FaultCode.EDXML_RULE, () -> send(hub.client(PROVINCE), env)).getField())
        .isEqualTo("MessageHeader/DocumentId");
  }

  @Test
  void anUnknownRecipientIsRefused() throws Exception {
    assertFault(FaultCode.UNKNOWN_RECIPIENT, () -> send(hub.client(PROVINCE), doc(PROVINCE, List.of(HA_LONG, "999.99.99.H49"))));
  }

  @Test
  void aDeactivatedRecipientIsRefused() throws Exception {
    hub.hub().registry().deactivate(OrganId.of(DemoSet.MONG_CAI));
    assertFault(FaultCode.INACTIVE_RECIPIENT, () -> send(hub.client(PROVINCE), doc(PROVINCE, List.of(DemoSet.MONG_CAI))));
  }

  @Test
  void aDeactivatedSenderCannotCall() throws Exception {
    hub.hub().registry().deactivate(OrganId.of(HA_LONG));
    assertFault(FaultCode.NOT_AUTHENTICATED, () -> send(hub.client(HA_LONG), doc(HA_LONG, List.of(PROVINCE))));
  }

  @Test
  void anOversizedEnvelopeIsRefused() throws Exception {
    Attachment big = pdf(400_000);
    byte[] env = Envelopes.signed(Envelopes.document(PROVINCE, "BIG", List.of(HA_LONG), List.of(big)), List.of(big));
    assertFault(FaultCode.ENVELOPE_TOO_LARGE, () -> send(hub.client(PROVINCE), env));
  }

  @Test
  void malformedEnvelopesAreRefused() {
    assertFault(FaultCode.MALFORMED_ENVELOPE, () -> send(hub.client(PROVINCE), "not xml at all".getBytes(StandardCharsets.UTF_8)));
    String bomb = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
        + "<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">&b;</edXML>";
    assertFault(FaultCode.MALFORMED_ENVELOPE, () -> send(hub.client(PROVINCE), bomb.getBytes(StandardCharsets.UTF_8)));
    assertFault(FaultCode.MALFORMED_ENVELOPE, () -> send(hub.client(PROVINCE), "<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\"><edXML:edXMLEnvelope".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void anAttachmentThatDoesNotMatchTheManifestIsRefused() throws Exception {
    String env = new String(doc(PROVINCE, List.of(HA_LONG)), StandardCharsets.UTF_8);
    int content = env.indexOf("ContentTransferEncoded") + 200;
    char c = env.charAt(content);
    String tampered = env.substring(0, content) + (c == 'A' ? 'B' : 'A') + env.substring(content + 1);
    assertFault(FaultCode.MANIFEST_MISMATCH, () -> send(hub.client(PROVINCE), tampered.getBytes(StandardCharsets.UTF_8)));
    String missing = env.substring(0, env.indexOf("<AttachmentEncoded>"))
        + env.substring(env.indexOf("</AttachmentEncoded>") + "</AttachmentEncoded>".length());
    assertFault(FaultCode.MANIFEST_MISMATCH, () -> send(hub.client(PROVINCE), missing.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aChangedSignedEnvelopeIsRefused() throws Exception {
    String env = new String(doc(PROVINCE, List.of(HA_LONG)), StandardCharsets.UTF_8);
    String tampered = env.replace("Nội dung văn bản", "Nội dung đã sửa");
    assertThat(tampered).isNotEqualTo(env);
    assertFault(FaultCode.SIGNATURE_INVALID, () -> send(hub.client(PROVINCE), tampered.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void anUnsignedEnvelopeIsRefused() throws Exception {
    Attachment a = pdf(1000);
    var out = new java.io.ByteArrayOutputStream();
    vn.lienthong.core.edxml.EdxmlWriter.unsigned().write(Envelopes.document(PROVINCE, "U", List.of(HA_LONG), List.of(a)),
        List.of(a), out);
    assertFault(FaultCode.SIGNATURE_INVALID, () -> send(hub.client(PROVINCE), out.toByteArray()));
  }

  @Test
  void fromMustBeTheCallingUnit() throws Exception {
    byte[] env = doc(HA_LONG, List.of(DemoSet.MONG_CAI));
    assertFault(FaultCode.SENDER_MISMATCH, () -> send(hub.client(PROVINCE), env));
  }

  @Test
  void anEnvelopeSignedWithAnotherUnitsKeyIsRefused() throws Exception {
    Attachment a = pdf(1000);
    byte[] env = Envelopes.signed(Envelopes.document(PROVINCE, "K", List.of(HA_LONG), List.of(a)), List.of(a),
        TestPki.PKI.system(DemoSet.FINANCE));
    assertFault(FaultCode.SIGNER_NOT_REGISTERED, () -> send(hub.client(PROVINCE), env));
  }

  @Test
  void aStatusSentAsADocumentIsRefused() {
    byte[] status = Envelopes.signed(Envelopes.status(PROVINCE, HA_LONG, "X", StatusCode.ACCEPTED), List.of());
    assertFault(FaultCode.INVALID_REQUEST, () -> send(hub.client(PROVINCE), status));
  }

  @Test
  void aMalformedAddressIsRefused() throws Exception {
    byte[] env = doc(PROVINCE, List.of(HA_LONG));
    assertFault(FaultCode.INVALID_ADDRESS, () -> send(hub.client(PROVINCE), env, "not an address!"));
    assertFault(FaultCode.INVALID_ADDRESS, () -> send(hub.client(PROVINCE), env, "group:nobody"));
  }

  @Test
  void aSubjectLongerThan500CharactersBreaksTheEdxmlRules() throws Exception {
    String env = new String(doc(PROVINCE, List.of(HA_LONG)), StandardCharsets.UTF_8);
    String longer = env.replace("V/v kiểm thử trục liên thông BAD-1", "x".repeat(501));
    assertFault(FaultCode.EDXML_RULE, () -> send(hub.client(PROVINCE), longer.getBytes(StandardCharsets.UTF_8)));
  }
}
