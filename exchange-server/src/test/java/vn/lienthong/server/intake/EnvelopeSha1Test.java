package vn.lienthong.server.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.server.support.Calls.assertFault;
import static vn.lienthong.server.support.Calls.count;
import static vn.lienthong.server.support.Calls.payloadFiles;
import static vn.lienthong.server.support.Calls.send;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.xml.security.Init;
import org.apache.xml.security.algorithms.MessageDigestAlgorithm;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.core.edxml.EdxmlWriter;
import vn.lienthong.core.xml.SecureXml;
import vn.lienthong.core.xml.XmlLimits;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.server.api.ws.FaultCode;
import vn.lienthong.server.evidence.EvidenceHook;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubFixture;
import vn.lienthong.server.support.TestPki;

/**
 * Envelopes signed as other software signs them: a legacy SHA-1 signature is refused by default
 * and accepted with a warning on {@code intake.envelope.sha1=warn}; attachments the signed manifest
 * gives no digest of are accepted with a warning naming them.
 */
class EnvelopeSha1Test {

  static final String PROVINCE = DemoSet.PROVINCE;
  static final String NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016";

  @TempDir Path dir;

  /**
   * A document without attachments, signed as an old document system does: ECDSA-SHA1 over a
   * SHA-1 digest of the whole envelope.
   */
  byte[] sha1Envelope(String id) throws Exception {
    return foreignEnvelope(id, List.of(), XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA1,
        MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA1);
  }

  /**
   * A document signed as other software signs it: the manifest without this project's SHA-256 of
   * each attachment ({@code lt:sha256}), so the signature covers the envelope but not the files.
   */
  byte[] foreignEnvelope(String id, List<Attachment> files, String signatureAlgorithm, String digestAlgorithm)
      throws Exception {
    ByteArrayOutputStream unsigned = new ByteArrayOutputStream();
    EdxmlWriter.unsigned().write(Envelopes.document(PROVINCE, id, List.of(DemoSet.HA_LONG), files),
        new ArrayList<>(files), unsigned);
    String text = unsigned.toString(StandardCharsets.UTF_8).replaceAll(" lt:sha256=\"[0-9a-f]{64}\"", "");
    int from = text.indexOf("<AttachmentEncoded>");
    String attachments = from < 0 ? "" : text.substring(from, text.lastIndexOf("</edXML>"));
    // the signed part: the root holding the envelope alone, no white space where the files were
    String envelope = from < 0 ? text : text.substring(0, from).stripTrailing() + "</edXML>";
    Document doc = SecureXml.parse(new ByteArrayInputStream(envelope.getBytes(StandardCharsets.UTF_8)),
        XmlLimits.DEFAULTS);
    Init.init();
    Credential key = TestPki.PKI.system(PROVINCE);
    XMLSignature sig = new XMLSignature(doc, "", signatureAlgorithm, Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
    ((Element) doc.getElementsByTagNameNS(NS, "edXMLHeader").item(0)).appendChild(sig.getElement());
    Transforms transforms = new Transforms(doc);
    transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
    transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
    sig.addDocument("", transforms, digestAlgorithm);
    sig.addKeyInfo(key.certificate());
    sig.sign(key.privateKey());
    Transformer t = SecureXml.newTransformerFactory().newTransformer();
    t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    t.transform(new DOMSource(doc), new StreamResult(out));
    String signed = out.toString(StandardCharsets.UTF_8);
    int end = signed.lastIndexOf("</edXML>");
    return (signed.substring(0, end) + attachments + signed.substring(end)).getBytes(StandardCharsets.UTF_8);
  }

  HubFixture hub(IntakePolicy.EnvelopeSha1 rule) {
    return HubFixture.start(HubFixture.config(dir.resolve("hub"), null, Duration.ofMinutes(5))
        .toBuilder().intake(IntakePolicy.defaults().withEnvelopeSha1(rule)).build(), Clock.systemUTC(), EvidenceHook.NONE);
  }

  @Test
  void attachmentsTheSignatureDoesNotCoverAreAcceptedAndTheWarningSaysWhich() throws Exception {
    Attachment annex = Attachment.of("cid:phu-luc", "phu-luc.docx", "Phụ lục", "application/octet-stream",
        java.nio.file.Files.write(dir.resolve("phu-luc.docx"), "PK phụ lục".getBytes(StandardCharsets.UTF_8)));
    byte[] env = foreignEnvelope("UNBOUND-1", List.of(annex), XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA256,
        MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA256);
    assertThat(new String(env, StandardCharsets.UTF_8)).doesNotContain("lt:sha256").contains("phu-luc.docx");
    try (HubFixture hub = hub(IntakePolicy.defaults().envelopeSha1())) {
      long messageId = send(hub.client(PROVINCE), env).getMessageId();
      assertThat(warning(hub, messageId)).contains("envelope-signature")
          .contains("does not cover phu-luc.docx");
    }
  }

  static String warning(HubFixture hub, long messageId) {
    return hub.hub().database().autoCommit(c -> {
      try (var ps = c.prepareStatement("SELECT detail FROM audit_event WHERE action = 'WARNING' AND message_id = ?")) {
        ps.setLong(1, messageId);
        try (var rs = ps.executeQuery()) {
          return rs.next() ? rs.getString(1) : null;
        }
      }
    });
  }

  @Test
  void refusedByDefault() throws Exception {
    byte[] env = sha1Envelope("SHA1-1");
    try (HubFixture hub = hub(IntakePolicy.defaults().envelopeSha1())) {
      var d = assertFault(FaultCode.SIGNATURE_INVALID, () -> send(hub.client(PROVINCE), env));
      assertThat(d.getMessage()).contains("SHA-1");
      assertThat(count(hub.hub().database(), "message")).isZero();
      assertThat(payloadFiles(dir.resolve("hub"))).isZero();
    }
  }

  @Test
  void acceptedWithAnAuditedWarningOnWarn() throws Exception {
    byte[] env = sha1Envelope("SHA1-2");
    try (HubFixture hub = hub(IntakePolicy.EnvelopeSha1.WARN)) {
      long messageId = send(hub.client(PROVINCE), env).getMessageId();
      assertThat(warning(hub, messageId)).isNotNull().contains("envelope-signature").contains("sha1");
    }
  }
}
