package vn.lienthong.core.pki;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The HTTP the PKI services speak (OCSP, RFC 3161, CRL and certificate downloads), with limits. */
final class Http {

  /** No OCSP response, time stamp, CRL or certificate the hub accepts comes close. */
  static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

  private final HttpClient client;
  private final Duration timeout;

  Http(Duration timeout) {
    this.timeout = timeout;
    // HTTP/1.1: OCSP, TSA and CRL servers speak it; the h2c upgrade attempt only costs time
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  byte[] post(URI uri, String contentType, byte[] body) throws IOException {
    return send(HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  byte[] get(URI uri) throws IOException {
    return send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build());
  }

  private byte[] send(HttpRequest request) throws IOException {
    if (!"http".equalsIgnoreCase(request.uri().getScheme())
        && !"https".equalsIgnoreCase(request.uri().getScheme())) {
      throw new IOException("Only http and https are fetched, not " + request.uri());
    }
    try {
      HttpResponse<InputStream> response =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        if (response.statusCode() != 200) {
          throw new IOException(request.uri() + " answered HTTP " + response.statusCode());
        }
        byte[] body = in.readNBytes(MAX_RESPONSE_BYTES + 1);
        if (body.length > MAX_RESPONSE_BYTES) {
          throw new IOException(request.uri() + " answered more than " + MAX_RESPONSE_BYTES);
        }
        return body;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while calling " + request.uri(), e);
    }
  }
}
