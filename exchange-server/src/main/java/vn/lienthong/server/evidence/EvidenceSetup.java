package vn.lienthong.server.evidence;

import java.net.URI;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import vn.lienthong.core.pki.SigningKey;

/**
 * How the hub makes evidence: the seal key it signs receipts, delivery evidence and bundle
 * indexes with ({@code evidence.seal.keystore}, or {@code evidence.seal.pkcs11} for a key on a
 * token; demo: the sample PKI's {@code hub-seal}), the RFC 3161 TSA that time-stamps them
 * ({@code evidence.tsa}; demo: the sample TSA). Who may download a message's evidence is its
 * sender, its recipients and callers holding the auditor role.
 *
 * @param seal the seal's key (in memory or on a token) with its certificate first, then its CAs
 */
public record EvidenceSetup(SigningKey seal, URI tsa) {

  public EvidenceSetup {
    Objects.requireNonNull(seal, "seal");
    Objects.requireNonNull(tsa, "tsa");
  }

  /** A seal key held in memory, with its certificate first, then its CAs. */
  public EvidenceSetup(PrivateKey sealKey, List<X509Certificate> chain, URI tsa) {
    this(SigningKey.of(Objects.requireNonNull(sealKey, "sealKey"), chain), tsa);
  }

  /** The seal's certificate first, then its CAs. */
  public List<X509Certificate> chain() {
    return seal.chain();
  }
}
