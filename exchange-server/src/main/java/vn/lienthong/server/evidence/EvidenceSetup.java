package vn.lienthong.server.evidence;

import java.net.URI;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * How the hub makes evidence: the seal key it signs receipts, delivery evidence and bundle
 * indexes with ({@code evidence.seal.keystore}; demo: the sample PKI's {@code hub-seal}), the
 * RFC 3161 TSA that time-stamps them ({@code evidence.tsa}; demo: the sample TSA). Who may download
 * a message's evidence is its sender, its recipients and callers holding the auditor role.
 *
 * @param chain the seal certificate first, then its CAs
 */
public record EvidenceSetup(PrivateKey sealKey, List<X509Certificate> chain, URI tsa) {

  public EvidenceSetup {
    Objects.requireNonNull(sealKey, "sealKey");
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("the seal's certificate is required");
    }
    Objects.requireNonNull(tsa, "tsa");
  }
}
