package vn.lienthong.server;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.sample.pki.DemoSet.HA_LONG;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.lienthong.server.support.H2HubTest;
import vn.lienthong.server.support.RawHttps;

/**
 * The hub's port answers GET (the WSDL, {@code /metrics}) and POST (SOAP, the administrators'
 * acknowledgement). Other methods reached CXF, which answered HTTP 500 with a SOAP fault and
 * logged a warning each: a scanner filled the log, and a client was told the hub had failed.
 */
class HttpMethodsTest extends H2HubTest {

  @ParameterizedTest
  @ValueSource(strings = {"PUT", "DELETE", "OPTIONS", "PATCH"})
  void methodsOtherThanGetAndPostAreRefused(String method) throws Exception {
    URI u = URI.create(hub.hub().address());
    try (SSLSocket s = new RawHttps(hub.hub().address()).open(HA_LONG)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write((method + " " + u.getPath() + " HTTP/1.1\r\nHost: " + u.getHost() + ":" + u.getPort()
          + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);

      assertThat(answer).startsWith("HTTP/1.1 405 ");
      assertThat(answer.toLowerCase(java.util.Locale.ROOT)).contains("\r\nallow: get, post\r\n");
    }
  }
}
