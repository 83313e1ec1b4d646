package vn.lienthong.server.auth;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What a request carried to prove who sent it: the client certificate chain the TLS layer
 * verified against the configured roots (empty when none) and the outcome of its WS-Security
 * signature check.
 */
public record Credentials(List<X509Certificate> tlsChain, MessageSignature signature) {
  public Credentials {
    tlsChain = List.copyOf(tlsChain);
    Objects.requireNonNull(signature, "signature");
  }

  /** TLS only: the signature is {@link MessageSignature#ABSENT}. */
  public Credentials(List<X509Certificate> tlsChain) {
    this(tlsChain, MessageSignature.ABSENT);
  }
}
