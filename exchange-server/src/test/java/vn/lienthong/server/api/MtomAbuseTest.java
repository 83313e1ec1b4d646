package vn.lienthong.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.sample.pki.DemoSet.HA_LONG;
import static vn.lienthong.sample.pki.DemoSet.PROVINCE;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.server.support.Calls;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.H2HubTest;
import vn.lienthong.server.support.RawSoap;
import vn.lienthong.server.support.TestPki;

/** MTOM requests shaped by hand: extra parts, odd part headers, cut short. */
class MtomAbuseTest extends H2HubTest {

  static final String B = MtomInputTest.BOUNDARY;

  byte[] envelope(String id) throws Exception {
    Attachment a = Envelopes.pdf(dir.resolve("files"), "vanban.pdf", 50_000, 7, PROVINCE);
    return Envelopes.signed(Envelopes.document(PROVINCE, id, List.of(HA_LONG), List.of(a)), List.of(a));
  }

  static byte[] root(byte[] soap) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(("--" + B + "\r\nContent-Type: application/xop+xml; charset=UTF-8; type=\"text/xml\"\r\n"
        + "Content-Transfer-Encoding: binary\r\nContent-ID: <root>\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    b.writeBytes(soap);
    return b.toByteArray();
  }

  static byte[] part(String id, String extraHeaders, byte[] content) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(("\r\n--" + B + "\r\nContent-Type: application/octet-stream\r\n" + extraHeaders
        + "Content-ID: <" + id + ">\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    b.writeBytes(content);
    return b.toByteArray();
  }

  static byte[] end() {
    return ("\r\n--" + B + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
  }

  static byte[] cat(byte[]... parts) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      b.writeBytes(p);
    }
    return b.toByteArray();
  }

  String headFor(long length) {
    URI u = URI.create(hub.hub().address());
    return "POST /exchange HTTP/1.1\r\nHost: " + u.getHost() + ":" + u.getPort() + "\r\n"
        + "Content-Type: multipart/related; type=\"application/xop+xml\"; boundary=\"" + B
        + "\"; start=\"<root>\"; start-info=\"text/xml\"\r\nContent-Length: " + length
        + "\r\nSOAPAction: \"\"\r\nConnection: close\r\n\r\n";
  }

  RawSoap.Answer post(byte[] body) throws Exception {
    URI u = URI.create(hub.hub().address());
    try (SSLSocket s = (SSLSocket) RawSoap.context(TestPki.PKI.system(PROVINCE), TestPki.PKI.trustAnchors())
        .getSocketFactory().createSocket(u.getHost(), u.getPort())) {
      s.setSoTimeout(60000);
      OutputStream out = s.getOutputStream();
      out.write(headFor(body.length).getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      InputStream in = s.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new RawSoap.Answer(Integer.parseInt(answer.substring(9, 12)), answer);
    }
  }

  List<Path> temporaryFiles() throws Exception {
    Path tmp = dir.resolve("hub").resolve("payloads").resolve("tmp");
    try (var files = Files.walk(tmp)) {
      return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(".lock")).toList();
    }
  }

  /** Waits (up to 10 s) for the request's spooled files to go, then lists what is left. */
  List<Path> leftAfterwards() throws Exception {
    List<Path> left = temporaryFiles();
    for (int i = 0; i < 100 && !left.isEmpty(); i++) {
      Thread.sleep(100);
      left = temporaryFiles();
    }
    return left;
  }

  @Test
  void partsTheOperationNeverReadsLeaveNoTemporaryFiles() throws Exception {
    byte[] env = envelope("MTOM-1");
    byte[] junk = new byte[1 << 20]; // over the 256 KiB CXF keeps in memory: spooled to a file
    RawSoap.Answer after = post(cat(root(MtomInputTest.soap(Calls.sha256(env), "cid:env")), part("env", "", env),
        part("j1", "", junk), part("j2", "", junk), part("j3", "", junk), end()));
    assertThat(after.status()).as(after.body()).isEqualTo(200);
    assertThat(leftAfterwards()).as("extra parts after the envelope").isEmpty();

    env = envelope("MTOM-2");
    RawSoap.Answer before = post(cat(root(MtomInputTest.soap(Calls.sha256(env), "cid:env")),
        part("j0", "", new byte[5 << 20]), part("env", "", env), end()));
    assertThat(before.status()).as(before.body()).isEqualTo(200);
    assertThat(leftAfterwards()).as("an extra part before the envelope").isEmpty();
    assertThat(Calls.count(hub.hub().database(), "message")).isEqualTo(2);
  }

  @Test
  void anUnsignedRequestsPartsLeaveNoTemporaryFilesEither() throws Exception {
    byte[] env = envelope("MTOM-3");
    String unsigned = "<soap:Envelope xmlns:soap=\"" + RawSoap.SOAP + "\"><soap:Body>"
        + "<ns:SendDocumentRequest xmlns:ns=\"" + RawSoap.NS + "\"><ns:Envelope><xop:Include "
        + "xmlns:xop=\"http://www.w3.org/2004/08/xop/include\" href=\"cid:env\"/></ns:Envelope>"
        + "<ns:EnvelopeSha256>" + Calls.sha256(env) + "</ns:EnvelopeSha256></ns:SendDocumentRequest></soap:Body>"
        + "</soap:Envelope>";
    byte[] junk = new byte[2 << 20];
    RawSoap.Answer a = post(cat(root(unsigned.getBytes(StandardCharsets.UTF_8)), part("j1", "", junk),
        part("env", "", env), part("j2", "", junk), end()));
    assertThat(a.faultCode()).isEqualTo("NOT_AUTHENTICATED");
    assertThat(leftAfterwards()).isEmpty();
    assertThat(Calls.count(hub.hub().database(), "message")).isZero();
  }

  @Test
  void oddPartHeadersAreReadOrRefusedAndLeaveNothingBehind() throws Exception {
    // a Content-ID with path characters: only a name, never a path
    byte[] env = envelope("MTOM-4");
    RawSoap.Answer dots = post(cat(root(MtomInputTest.soap(Calls.sha256(env), "cid:../../../x")),
        part("../../../x", "", env), end()));
    assertThat(dots.status()).as(dots.body()).isEqualTo(200);
    // base64 transfer encoding: decoded, the signed digest is the decoded envelope's
    env = envelope("MTOM-5");
    RawSoap.Answer base64 = post(cat(root(MtomInputTest.soap(Calls.sha256(env), "cid:env")),
        part("env", "Content-Transfer-Encoding: base64\r\n", Base64.getMimeEncoder().encode(env)), end()));
    assertThat(base64.status()).as(base64.body()).isEqualTo(200);
    // quoted-printable of other bytes than the signed digest's
    env = envelope("MTOM-6");
    RawSoap.Answer qp = post(cat(root(MtomInputTest.soap(Calls.sha256(env), "cid:env")),
        part("env", "Content-Transfer-Encoding: quoted-printable\r\n", "abc=3D=\r\ndef".getBytes()), end()));
    assertThat(qp.faultCode()).isEqualTo("MANIFEST_MISMATCH");
    // 20 000 header lines in the envelope's part
    StringBuilder h = new StringBuilder();
    for (int i = 0; i < 20000; i++) {
      h.append("X-H").append(i).append(": ").append("v".repeat(40)).append("\r\n");
    }
    RawSoap.Answer headers = post(cat(root(MtomInputTest.soap(Calls.sha256(env), "cid:env")),
        part("env", h.toString(), env), end()));
    assertThat(headers.faultCode()).isEqualTo("INVALID_REQUEST");
    assertThat(leftAfterwards()).isEmpty();
    assertThat(Calls.count(hub.hub().database(), "message")).isEqualTo(2);
    assertThat(Calls.payloadFiles(dir.resolve("hub"))).isEqualTo(2);
  }

  @Test
  void anUploadCutOffMidwayLeavesNothing() throws Exception {
    byte[] env = envelope("MTOM-9");
    byte[] start = cat(root(MtomInputTest.soap(Calls.sha256(env), "cid:j")), part("j", "", new byte[0]));
    URI u = URI.create(hub.hub().address());
    try (SSLSocket s = (SSLSocket) RawSoap.context(TestPki.PKI.system(PROVINCE), TestPki.PKI.trustAnchors())
        .getSocketFactory().createSocket(u.getHost(), u.getPort())) {
      OutputStream out = s.getOutputStream();
      out.write(headFor(start.length + (20L << 20)).getBytes(StandardCharsets.ISO_8859_1));
      out.write(start);
      byte[] chunk = new byte[1 << 20];
      for (int i = 0; i < 6; i++) {
        out.write(chunk);
      }
      out.flush();
      Thread.sleep(1000);
    }
    assertThat(leftAfterwards()).isEmpty();
    assertThat(Calls.count(hub.hub().database(), "message")).isZero();
    assertThat(Calls.payloadFiles(dir.resolve("hub"))).isZero();
  }
}
