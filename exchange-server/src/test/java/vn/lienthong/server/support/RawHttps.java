package vn.lienthong.server.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import javax.net.ssl.SSLSocket;

/**
 * HTTP/1.1 over raw TLS sockets with a unit's system certificate, for the transport tests: uploads
 * that stop sending, and calls whose answer is awaited with a deadline.
 */
public final class RawHttps {

  private final URI address;

  public RawHttps(String address) {
    this.address = URI.create(address);
  }

  /** A connection with {@code unit}'s system certificate, its TLS handshake done. */
  public SSLSocket open(String unit) throws IOException {
    SSLSocket s = (SSLSocket) RawSoap.context(TestPki.PKI.system(unit), TestPki.PKI.trustAnchors())
        .getSocketFactory().createSocket(address.getHost(), address.getPort());
    s.setSoTimeout(5000);
    try {
      s.startHandshake();
    } catch (IOException e) {
      s.close();
      throw e;
    }
    return s;
  }

  /** The head of a SOAP POST to the endpoint declaring {@code length} bytes of body. */
  public String head(long length) {
    return "POST " + address.getPath() + " HTTP/1.1\r\nHost: " + address.getHost() + ":" + address.getPort()
        + "\r\nContent-Type: text/xml; charset=UTF-8\r\nSOAPAction: \"\"\r\nContent-Length: " + length + "\r\n\r\n";
  }

  /** An upload that declares {@code declared} bytes, sends the head and {@code sent} of them, then nothing. */
  public SSLSocket stalled(String unit, long declared, int sent) throws IOException {
    SSLSocket s = open(unit);
    OutputStream out = s.getOutputStream();
    String start = "<soap:Envelope xmlns:soap=\"" + RawSoap.SOAP + "\">";
    out.write((head(declared) + start).getBytes(StandardCharsets.UTF_8));
    if (sent > start.length()) {
      out.write(" ".repeat(sent - start.length()).getBytes(StandardCharsets.UTF_8));
    }
    out.flush();
    return s;
  }

  /**
   * A signed GetPendingMessages from {@code unit} on a connection of its own: the answer's status
   * line, or null when none came within {@code timeoutMs}.
   */
  public String pendingCall(String unit, int timeoutMs) throws IOException {
    byte[] body = RawSoap.bytes(RawSoap.sign(RawSoap.pendingRequest(1), TestPki.PKI.system(unit),
        Clock.systemUTC(), true, true));
    try (SSLSocket s = open(unit)) {
      OutputStream out = s.getOutputStream();
      out.write(head(body.length).replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      s.setSoTimeout(timeoutMs);
      InputStream in = s.getInputStream();
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      byte[] buf = new byte[4096];
      int n;
      while ((n = in.read(buf)) > 0) {
        b.write(buf, 0, n);
      }
      String answer = b.toString(StandardCharsets.UTF_8);
      return answer.isEmpty() ? "(closed without an answer)" : answer.substring(0, answer.indexOf('\r'));
    } catch (SocketTimeoutException e) {
      return null;
    }
  }

  /** Whatever the hub wrote on the socket before it closed it (empty when it only closed it). */
  public static String answerOf(SSLSocket s, int timeoutMs) throws IOException {
    s.setSoTimeout(timeoutMs);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try {
      InputStream in = s.getInputStream();
      byte[] buf = new byte[4096];
      int n;
      while ((n = in.read(buf)) > 0) {
        b.write(buf, 0, n);
      }
    } catch (IOException e) {
      // closed or reset after the answer
    }
    return b.toString(StandardCharsets.UTF_8);
  }
}
