package vn.lienthong.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.lienthong.sample.pki.DemoSet.HA_LONG;
import static vn.lienthong.sample.pki.DemoSet.PROVINCE;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.message.ExchangeImpl;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageImpl;
import org.apache.cxf.staxutils.StaxUtils;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import vn.lienthong.server.api.ws.FaultCode;
import vn.lienthong.server.support.Calls;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.H2HubTest;
import vn.lienthong.server.support.RawSoap;
import vn.lienthong.server.support.TestPki;

/**
 * SOAP requests the hub's own code never sees, because CXF's reader refuses them first, answered
 * with the contract's typed fault; and the SOAP XML bounded, since WS-Security reads it whole into
 * a DOM (MTOM parts are not in it): an envelope sent inline is accepted up to the limit.
 */
class SoapInputTest extends H2HubTest {

  static final String OPEN = "<soap:Envelope xmlns:soap=\"" + RawSoap.SOAP + "\"><soap:Header/><soap:Body>";
  static final String CLOSE = "</soap:Body></soap:Envelope>";

  RawSoap.Answer post(String body) {
    return post(body.getBytes(StandardCharsets.UTF_8));
  }

  RawSoap.Answer post(byte[] body) {
    return RawSoap.post(hub.hub().address(), TestPki.PKI.system(PROVINCE), TestPki.PKI.trustAnchors(), body);
  }

  static String sendDocument(String inlineBase64, String sha256) {
    return OPEN + "<ns:SendDocumentRequest xmlns:ns=\"" + RawSoap.NS + "\"><ns:Envelope>" + inlineBase64
        + "</ns:Envelope><ns:EnvelopeSha256>" + sha256 + "</ns:EnvelopeSha256></ns:SendDocumentRequest>" + CLOSE;
  }

  @Test
  void whatIsNotSoapXmlIsATypedInvalidRequest() {
    String laughs = "<?xml version=\"1.0\"?><!DOCTYPE soap:Envelope [<!ENTITY a \"aaaaaaaaaa\">"
        + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
        + OPEN + "<ns:GetPendingMessagesRequest xmlns:ns=\"" + RawSoap.NS + "\"><ns:Max>&c;</ns:Max>"
        + "</ns:GetPendingMessagesRequest>" + CLOSE;
    List<String> bad = List.of("this is not xml", laughs,
        OPEN + "<ns:GetPendingMessagesRequest xmlns:ns=\"" + RawSoap.NS + "\"><ns:Max>1</ns:Max>");
    for (String body : bad) {
      RawSoap.Answer a = post(body);
      assertThat(a.status()).isEqualTo(500);
      assertThat(a.faultCode()).as(body).isEqualTo("INVALID_REQUEST");
      assertThat(a.faultMessage()).contains("the request is not well-formed SOAP XML");
    }
  }

  @Test
  void soapXmlPastEitherLimitIsTooLargeAndNothingIsStored() {
    String overOneText = sendDocument("A".repeat(SoapXmlBudget.INLINE_TEXT_CHARS + 4), "0".repeat(64));
    String part = "A".repeat(SoapXmlBudget.INLINE_TEXT_CHARS - 8);
    String overAll = OPEN + "<ns:SendDocumentRequest xmlns:ns=\"" + RawSoap.NS + "\"><ns:Envelope>" + part
        + "</ns:Envelope><ns:EnvelopeSha256>" + "0".repeat(64) + "</ns:EnvelopeSha256><ns:Address>" + part
        + "</ns:Address><ns:Address>" + part + "</ns:Address></ns:SendDocumentRequest>" + CLOSE;

    for (String body : List.of(overOneText, overAll)) {
      RawSoap.Answer a = post(body);
      assertThat(a.faultCode()).isEqualTo("ENVELOPE_TOO_LARGE");
      assertThat(a.faultMessage()).contains("send large envelopes as MTOM attachments");
    }
    assertThat(Calls.count(hub.hub().database(), "message")).isZero();
  }

  @Test
  void anMtomRequestsXmlIsHeldToTheSmallerLimits() throws Exception {
    byte[] envelope = Envelopes.signed(Envelopes.document(PROVINCE, "MTOM-1", List.of(HA_LONG), List.of()),
        List.of());
    String address = "x".repeat(SoapXmlBudget.MTOM_TEXT_CHARS + 1);

    Calls.assertFault(FaultCode.ENVELOPE_TOO_LARGE, () -> Calls.send(hub.client(PROVINCE), envelope, address));
    assertThat(Calls.count(hub.hub().database(), "message")).isZero();
  }

  /** Large inline requests hold a permit until their operation has run; the rest wait, then UNAVAILABLE. */
  @Test
  void largeInlineRequestsTakeTurns() {
    SoapXmlBudget budget = new SoapXmlBudget(96L << 20, Duration.ofMillis(100));
    Message first = request("text/xml; charset=UTF-8");
    Message second = request("text/xml; charset=UTF-8");
    Message mtom = request("multipart/related; type=\"application/xop+xml\"");

    budget.admit().handleMessage(first);
    budget.admit().handleMessage(mtom); // MTOM parts are streamed: no permit
    assertThat(budget.available()).isZero();
    assertThat(mtom.get(StaxUtils.MAX_TEXT_LENGTH)).isEqualTo(SoapXmlBudget.MTOM_TEXT_CHARS);
    assertThat(first.get(StaxUtils.MAX_TEXT_LENGTH)).isEqualTo(SoapXmlBudget.INLINE_TEXT_CHARS);
    assertThatThrownBy(() -> budget.admit().handleMessage(second)).isInstanceOfSatisfying(SoapFault.class,
        f -> assertThat(f.getMessage()).startsWith("UNAVAILABLE"));

    budget.release().handleMessage(first);
    budget.release().handleMessage(first); // once only
    assertThat(budget.available()).isEqualTo(1);
    budget.admit().handleMessage(second);
    budget.admit().handleFault(second); // a fault on the way gives it back too
    assertThat(budget.available()).isEqualTo(1);
  }

  static Message request(String contentType) {
    Message m = new MessageImpl();
    m.setExchange(new ExchangeImpl());
    m.put(Message.CONTENT_TYPE, contentType);
    return m;
  }

  /** Python's zeep, for one, cannot send MTOM: the envelope comes as base64 inside the signed Body. */
  @Test
  void aSignedEnvelopeSentInlineIsAccepted() {
    byte[] envelope = Envelopes.signed(Envelopes.document(PROVINCE, "INLINE-1", List.of(HA_LONG), List.of()),
        List.of());
    Document request = RawSoap.parse(sendDocument(Base64.getEncoder().encodeToString(envelope),
        Calls.sha256(envelope)));

    RawSoap.Answer a = post(RawSoap.bytes(RawSoap.sign(request, TestPki.PKI.system(PROVINCE), Clock.systemUTC(),
        true, true)));

    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.body()).contains("ReceiptId");
    assertThat(Calls.count(hub.hub().database(), "message")).isEqualTo(1);
  }
}
