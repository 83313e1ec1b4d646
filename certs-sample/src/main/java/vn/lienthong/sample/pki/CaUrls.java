package vn.lienthong.sample.pki;

import static java.util.Objects.requireNonNull;

import java.net.URI;

/**
 * Where the sample CA services answer, as written into every certificate's AIA and CRL
 * distribution point extensions.
 *
 * <ul>
 *   <li>{@code <base>/ocsp}: the OCSP responder for every CA (POST, or GET with the base64
 *       request in the path);
 *   <li>{@code <base>/crl/<ca-alias>.crl}: the CRL of one CA, DER;
 *   <li>{@code <base>/ca/<ca-alias>.crt}: the certificate of one CA, DER;
 *   <li>{@code <base>/tsa}: the RFC 3161 time-stamp authority.
 * </ul>
 *
 * @param base the base URL, e.g. {@code http://127.0.0.1:18600}, without trailing slash
 */
public record CaUrls(URI base) {

  /** The port of the committed demo PKI's services. */
  public static final int DEMO_PORT = 18600;

  public CaUrls {
    requireNonNull(base, "base");
    String s = base.toString();
    if (s.endsWith("/")) {
      base = URI.create(s.substring(0, s.length() - 1));
    }
  }

  /** The services on loopback at the given port. */
  public static CaUrls loopback(int port) {
    return new CaUrls(URI.create("http://127.0.0.1:" + port));
  }

  public URI ocsp() {
    return URI.create(base + "/ocsp");
  }

  public URI tsa() {
    return URI.create(base + "/tsa");
  }

  public URI crl(String caAlias) {
    return URI.create(base + "/crl/" + caAlias + ".crl");
  }

  public URI caCertificate(String caAlias) {
    return URI.create(base + "/ca/" + caAlias + ".crt");
  }
}
