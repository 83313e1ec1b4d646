package vn.lienthong.server.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.server.support.Calls.assertFault;
import static vn.lienthong.server.support.Calls.count;
import static vn.lienthong.server.support.Calls.payloadFiles;
import static vn.lienthong.server.support.Calls.send;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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

/** {@code intake.envelope.sha1}: a legacy SHA-1 envelope is refused by default, accepted with a warning on "warn". */
class EnvelopeSha1Test {

  static final String PROVINCE = DemoSet.PROVINCE;
  static final String NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016";

  @TempDir Path dir;

  /**
   * A document without attachments, signed as an old document system does: ECDSA-SHA1 over a
   * SHA-1 digest of the whole envelope.
   */
  byte[] sha1Envelope(String id) throws Exception {
    ByteArrayOutputStream unsigned = new ByteArrayOutputStream();
    EdxmlWriter.unsigned().write(Envelopes.document(PROVINCE, id, List.of(DemoSet.HA_LONG), List.of()),
        new ArrayList<Attachment>(), unsigned);
    Document doc = SecureXml.parse(new ByteArrayInputStream(unsigned.toByteArray()), XmlLimits.DEFAULTS);
    Init.init();
    Credential key = TestPki.PKI.system(PROVINCE);
    XMLSignature sig = new XMLSignature(doc, "", XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA1,
        Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
    ((Element) doc.getElementsByTagNameNS(NS, "edXMLHeader").item(0)).appendChild(sig.getElement());
    Transforms transforms = new Transforms(doc);
    transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
    transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
    sig.addDocument("", transforms, MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA1);
    sig.addKeyInfo(key.certificate());
    sig.sign(key.privateKey());
    Transformer t = SecureXml.newTransformerFactory().newTransformer();
    t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    t.transform(new DOMSource(doc), new StreamResult(out));
    return out.toByteArray();
  }

  HubFixture hub(IntakePolicy.EnvelopeSha1 rule) {
    return HubFixture.start(HubFixture.config(dir.resolve("hub"), null, Duration.ofMinutes(5))
        .toBuilder().intake(IntakePolicy.defaults().withEnvelopeSha1(rule)).build(), Clock.systemUTC(), EvidenceHook.NONE);
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
      String warning = hub.hub().database().autoCommit(c -> {
        try (var ps = c.prepareStatement("SELECT detail FROM audit_event WHERE action = 'WARNING' AND message_id = ?")) {
          ps.setLong(1, messageId);
          try (var rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
          }
        }
      });
      assertThat(warning).isNotNull().contains("envelope-signature").contains("sha1");
    }
  }
}
