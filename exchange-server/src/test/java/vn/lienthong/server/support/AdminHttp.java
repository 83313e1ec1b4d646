package vn.lienthong.server.support;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.HttpsURLConnection;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.server.health.AcknowledgeServlet;

/** Calls of the hub's administrators' HTTPS paths ({@code /metrics}, {@code /checks/acknowledge}) with a TLS credential. */
public final class AdminHttp {

  /** A status and, for 200, the content type and body (else empty strings). */
  public record Answer(int status, String contentType, String body) {}

  private AdminHttp() {}

  /** GET; the status and, for 200, the body. */
  public static Answer get(String address, Credential credential) throws Exception {
    return answer(open(address, credential));
  }

  /** POST, with or without the acknowledgement's guard header. */
  public static Answer post(String address, Credential credential, boolean header) throws Exception {
    HttpsURLConnection c = open(address, credential);
    c.setRequestMethod("POST");
    if (header) {
      c.setRequestProperty(AcknowledgeServlet.HEADER, "acknowledge");
    }
    return answer(c);
  }

  private static Answer answer(HttpsURLConnection c) throws Exception {
    int status = c.getResponseCode();
    if (status != 200) {
      return new Answer(status, "", "");
    }
    try (var in = c.getInputStream()) {
      return new Answer(status, c.getContentType(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static HttpsURLConnection open(String address, Credential credential) throws Exception {
    HttpsURLConnection c = (HttpsURLConnection) new URL(address).openConnection();
    c.setSSLSocketFactory(ClientTls.of(credential, TestPki.PKI.trustAnchors()).context().getSocketFactory());
    c.setConnectTimeout(10_000);
    c.setReadTimeout(30_000);
    return c;
  }
}
