package vn.lienthong.server.evidence;

import java.net.URI;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import vn.lienthong.core.organ.OrganId;

/**
 * How the hub makes evidence: the seal key it signs receipts, delivery evidence and bundle
 * indexes with ({@code evidence.seal.keystore}; demo: the sample PKI's {@code hub-seal}), the
 * RFC 3161 TSA that time-stamps them ({@code evidence.tsa}; demo: the sample TSA) and the units
 * that may download any message's evidence ({@code auditors}).
 *
 * @param chain the seal certificate first, then its CAs
 */
public record EvidenceSetup(PrivateKey sealKey, List<X509Certificate> chain, URI tsa, Set<OrganId> auditors) {

  public EvidenceSetup {
    Objects.requireNonNull(sealKey, "sealKey");
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("the seal's certificate is required");
    }
    Objects.requireNonNull(tsa, "tsa");
    auditors = Set.copyOf(auditors);
  }
}
