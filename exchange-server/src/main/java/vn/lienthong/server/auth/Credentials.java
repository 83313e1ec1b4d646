package vn.lienthong.server.auth;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a request carried to prove who sent it. Today: the client certificate chain the TLS layer
 * verified against the configured roots (empty when none). The WS-Security issue adds the
 * signature token here.
 */
public record Credentials(List<X509Certificate> tlsChain) {
  public Credentials {
    tlsChain = List.copyOf(tlsChain);
  }
}
