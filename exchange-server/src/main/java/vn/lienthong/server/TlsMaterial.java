package vn.lienthong.server;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The hub's TLS identity and the roots it trusts for client certificates. Only these roots: never
 * a certificate because a message carries it.
 *
 * @param chain the hub's certificate first, then its issuers
 */
public record TlsMaterial(PrivateKey key, List<X509Certificate> chain, List<X509Certificate> trustAnchors) {
  public TlsMaterial {
    Objects.requireNonNull(key, "key");
    chain = List.copyOf(chain);
    trustAnchors = List.copyOf(trustAnchors);
    if (chain.isEmpty() || trustAnchors.isEmpty()) {
      throw new IllegalArgumentException("a certificate chain and at least one trust anchor are required");
    }
  }
}
