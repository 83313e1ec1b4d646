package vn.lienthong.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.sample.pki.DemoSet.PROVINCE;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import vn.lienthong.server.support.Calls;
import vn.lienthong.server.support.H2HubTest;
import vn.lienthong.server.support.RawSoap;
import vn.lienthong.server.support.TestPki;

/**
 * Signed MTOM requests whose MIME structure is wrong: the client's mistake, so the typed
 * INVALID_REQUEST (README: "Unexpected failures answer INTERNAL_ERROR"; these are not unexpected).
 */
class MtomInputTest extends H2HubTest {

  static final String BOUNDARY = "MIMEBOUNDARY";

  /** A signed SendDocument whose Envelope is an xop:Include of {@code href}. */
  static byte[] soap(String sha, String href) {
    String xml = "<soap:Envelope xmlns:soap=\"" + RawSoap.SOAP + "\"><soap:Header/><soap:Body>"
        + "<ns:SendDocumentRequest xmlns:ns=\"" + RawSoap.NS + "\"><ns:Envelope><xop:Include "
        + "xmlns:xop=\"http://www.w3.org/2004/08/xop/include\" href=\"" + href + "\"/></ns:Envelope>"
        + "<ns:EnvelopeSha256>" + sha + "</ns:EnvelopeSha256></ns:SendDocumentRequest></soap:Body></soap:Envelope>";
    return RawSoap.bytes(RawSoap.sign(RawSoap.parse(xml), TestPki.PKI.system(PROVINCE), Clock.systemUTC(), true, true));
  }

  static byte[] multipart(byte[] root, List<String> ids, List<byte[]> parts) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(("--" + BOUNDARY + "\r\nContent-Type: application/xop+xml; charset=UTF-8; type=\"text/xml\"\r\n"
        + "Content-Transfer-Encoding: binary\r\nContent-ID: <root>\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    b.write(root);
    for (int i = 0; i < parts.size(); i++) {
      b.write(("\r\n--" + BOUNDARY + "\r\nContent-Type: application/octet-stream\r\n"
          + "Content-Transfer-Encoding: binary\r\nContent-ID: <" + ids.get(i) + ">\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      b.write(parts.get(i));
    }
    b.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
    return b.toByteArray();
  }

  RawSoap.Answer post(byte[] body) throws Exception {
    URI u = URI.create(hub.hub().address());
    try (SSLSocket s = (SSLSocket) RawSoap.context(TestPki.PKI.system(PROVINCE), TestPki.PKI.trustAnchors())
        .getSocketFactory().createSocket(u.getHost(), u.getPort())) {
      s.setSoTimeout(20000);
      OutputStream out = s.getOutputStream();
      out.write(("POST /exchange HTTP/1.1\r\nHost: " + u.getHost() + ":" + u.getPort() + "\r\n"
          + "Content-Type: multipart/related; type=\"application/xop+xml\"; boundary=\"" + BOUNDARY
          + "\"; start=\"<root>\"; start-info=\"text/xml\"\r\nContent-Length: " + body.length
          + "\r\nSOAPAction: \"\"\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      InputStream in = s.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new RawSoap.Answer(Integer.parseInt(answer.substring(9, 12)), answer);
    }
  }

  @Test
  void anXopIncludeOfAPartNotSentIsInvalidRequest() throws Exception {
    byte[] envelope = {1, 2, 3};
    RawSoap.Answer a = post(multipart(soap(Calls.sha256(envelope), "cid:other"), List.of("env"), List.of(envelope)));
    assertThat(a.faultCode()).as(a.faultMessage()).isEqualTo("INVALID_REQUEST");
  }

  @Test
  void moreAttachmentsThanCxfPermitsIsInvalidRequest() throws Exception {
    List<String> ids = new ArrayList<>();
    List<byte[]> parts = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      ids.add("junk" + i);
      parts.add(new byte[100]);
    }
    byte[] envelope = {1};
    ids.add("env");
    parts.add(envelope);
    RawSoap.Answer a = post(multipart(soap(Calls.sha256(envelope), "cid:env"), ids, parts));
    assertThat(a.faultCode()).as(a.faultMessage()).isEqualTo("INVALID_REQUEST");
  }
}
