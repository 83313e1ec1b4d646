package vn.lienthong.sample.pki;

import static java.util.Objects.requireNonNull;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * One key and its certificate chain in the sample PKI.
 *
 * @param alias stable name of the entry, e.g. {@code gov-root} or {@code seal-000.00.00.H49}
 * @param role what the certificate is for
 * @param issuerAlias alias of the issuing CA; equal to {@code alias} for a self-signed root
 * @param organId the OrganId of the unit the certificate belongs to, or empty text if none
 * @param description a sentence on what the entry is, and what is wrong with it if it is a bad one
 * @param privateKey the private key
 * @param chain the certificate first, then its issuers up to and including the root
 */
public record Credential(
    String alias,
    CertRole role,
    String issuerAlias,
    String organId,
    String description,
    PrivateKey privateKey,
    List<X509Certificate> chain) {

  public Credential {
    requireNonNull(alias, "alias");
    requireNonNull(role, "role");
    requireNonNull(issuerAlias, "issuerAlias");
    requireNonNull(organId, "organId");
    requireNonNull(description, "description");
    requireNonNull(privateKey, "privateKey");
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("chain of " + alias + " is empty");
    }
  }

  /** The entry's own certificate. */
  public X509Certificate certificate() {
    return chain.get(0);
  }

  /** The unit this certificate belongs to, when it belongs to one. */
  public Optional<String> unit() {
    return organId.isEmpty() ? Optional.empty() : Optional.of(organId);
  }

  /** Whether this is a CA (root or intermediate). */
  public boolean isCa() {
    return role == CertRole.ROOT_CA || role == CertRole.INTERMEDIATE_CA;
  }
}
