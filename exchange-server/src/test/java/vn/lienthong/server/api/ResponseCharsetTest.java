package vn.lienthong.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.sample.pki.DemoSet.HA_LONG;
import static vn.lienthong.sample.pki.DemoSet.PROVINCE;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.server.support.H2HubTest;
import vn.lienthong.server.support.RawSoap;
import vn.lienthong.server.support.TestPki;

/**
 * A SOAP 1.1 request whose Content-Type is {@code text/xml} without a charset (curl, hand-made
 * clients; XML's own default is UTF-8): the hub's MTOM answer declares its root part
 * {@code charset=UTF-8}, so its bytes must be UTF-8.
 */
class ResponseCharsetTest extends H2HubTest {

  byte[] post(String contentType, byte[] body) throws Exception {
    URI u = URI.create(hub.hub().address());
    try (SSLSocket s = (SSLSocket) RawSoap.context(TestPki.PKI.system(PROVINCE), TestPki.PKI.trustAnchors())
        .getSocketFactory().createSocket(u.getHost(), u.getPort())) {
      s.setSoTimeout(20000);
      OutputStream out = s.getOutputStream();
      out.write(("POST /exchange HTTP/1.1\r\nHost: " + u.getHost() + ":" + u.getPort() + "\r\nContent-Type: "
          + contentType + "\r\nContent-Length: " + body.length + "\r\nSOAPAction: \"\"\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      InputStream in = s.getInputStream();
      in.transferTo(got);
      return got.toByteArray();
    }
  }

  /** The MTOM answer's root part (the SOAP XML, declared {@code charset=UTF-8}) read strictly as UTF-8. */
  static String rootPartAsUtf8(byte[] answer) throws CharacterCodingException {
    String latin = new String(answer, StandardCharsets.ISO_8859_1); // one char per byte: indexes are byte offsets
    int header = latin.indexOf("Content-ID: <root.message@cxf.apache.org>");
    int start = latin.indexOf("\r\n\r\n", header) + 4;
    int end = latin.indexOf("\r\n--uuid:", start);
    return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(answer, start, end - start)).toString();
  }

  @Test
  void getUnitWithoutACharsetAnswersTheDeclaredUtf8() throws Exception {
    String name = hub.hub().registry().require(OrganId.of(HA_LONG)).data().name();
    assertThat(name).as("a Vietnamese name, not ASCII").matches(".*[^\\x00-\\x7f].*");
    String xml = "<soap:Envelope xmlns:soap=\"" + RawSoap.SOAP + "\"><soap:Header/><soap:Body>"
        + "<ns:GetUnitRequest xmlns:ns=\"" + RawSoap.NS + "\"><ns:OrganId>" + HA_LONG + "</ns:OrganId>"
        + "</ns:GetUnitRequest></soap:Body></soap:Envelope>";
    byte[] signed = RawSoap.bytes(RawSoap.sign(RawSoap.parse(xml), TestPki.PKI.system(PROVINCE), Clock.systemUTC(),
        true, true));

    byte[] answer = post("text/xml", signed);

    String latin = new String(answer, StandardCharsets.ISO_8859_1);
    assertThat(latin).startsWith("HTTP/1.1 200").contains("application/xop+xml; charset=UTF-8");
    assertThat(rootPartAsUtf8(answer)).as("the answer, read as the UTF-8 it declares").contains("<Name>" + name + "</Name>");
  }

  @Test
  void aFaultWithoutACharsetIsTheDeclaredUtf8() throws Exception {
    byte[] unsigned = RawSoap.bytes(RawSoap.pendingRequest(1));

    byte[] answer = post("text/xml", unsigned);

    assertThat(new String(answer, StandardCharsets.ISO_8859_1)).contains("application/xop+xml; charset=UTF-8");
    assertThat(rootPartAsUtf8(answer)).as("the fault, read as the UTF-8 it declares").contains("Thiếu hoặc sai tiêu đề");
  }
}
