package vn.lienthong.core.pki;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import vn.lienthong.core.pki.PkiException.Reason;

/**
 * Builds the chain of each certificate (from the certificates at hand, else through the AIA
 * caIssuers URL) up to a self-signed root, and fetches revocation evidence for every certificate
 * below the root, including the delegated OCSP responders' chains.
 */
public final class ValidationDataCollector {

  private static final int MAX_CHAIN = 10;

  private final RevocationClient revocation;
  private final Http http;

  public ValidationDataCollector(RevocationClient revocation, Duration timeout) {
    this.revocation = requireNonNull(revocation, "revocation");
    this.http = new Http(requireNonNull(timeout, "timeout"));
  }

  /**
   * Chains and revocation evidence for the given end-entity certificates.
   *
   * @param leaves the certificates whose validity a verifier must establish (signers, TSAs)
   * @param known certificates at hand (from the CMS, the PDF, the trust anchors)
   * @throws PkiException REVOKED, or REVOCATION_UNAVAILABLE when a chain or an answer is missing
   */
  public ValidationData collect(Collection<X509Certificate> leaves,
      Collection<X509Certificate> known) throws PkiException {
    return collect(leaves, known, List.of());
  }

  /**
   * As {@link #collect(Collection, Collection)}, and each chain must reach one of {@code anchors}
   * (none: any self-signed root) before anything its certificates name is asked: a signature
   * anyone made under a root of their own made the collector (an extender of received PDFs)
   * request every OCSP and CRL address its certificates named.
   *
   * @throws PkiException REVOCATION_UNAVAILABLE also for a chain that reaches none of them
   */
  public ValidationData collect(Collection<X509Certificate> leaves,
      Collection<X509Certificate> known, Collection<X509Certificate> anchors)
      throws PkiException {
    Set<X509Certificate> trusted = Set.copyOf(anchors);
    Set<X509Certificate> pool = new LinkedHashSet<>(known);
    Set<X509Certificate> certificates = new LinkedHashSet<>();
    List<RevocationEvidence> evidence = new ArrayList<>();
    List<X509Certificate> todo = new ArrayList<>(leaves);
    Set<X509Certificate> checked = new HashSet<>();
    while (!todo.isEmpty()) {
      List<X509Certificate> chain = chainIn(todo.remove(0), pool);
      if (!trusted.isEmpty() && chain.stream().noneMatch(trusted::contains)) {
        throw new PkiException(Reason.REVOCATION_UNAVAILABLE, "The chain of "
            + chain.get(0).getSubjectX500Principal() + " ends at "
            + chain.get(chain.size() - 1).getSubjectX500Principal()
            + ", not at a trust anchor: its revocation status is not asked");
      }
      certificates.addAll(chain);
      for (int i = 0; i < chain.size() - 1; i++) {
        X509Certificate link = chain.get(i);
        if (!checked.add(link) || isOcspNoCheck(link)) {
          continue;
        }
        RevocationEvidence answer = revocation.check(link, chain.get(i + 1));
        evidence.add(answer);
        for (X509Certificate signer : answer.signerCertificates()) {
          pool.add(signer);
          todo.add(signer);
        }
      }
    }
    return new ValidationData(new ArrayList<>(certificates), evidence);
  }

  /** The certificate, then its issuers up to a self-signed root. */
  public List<X509Certificate> chain(X509Certificate cert, Collection<X509Certificate> known)
      throws PkiException {
    return chainIn(requireNonNull(cert, "cert"), new LinkedHashSet<>(known));
  }

  private List<X509Certificate> chainIn(X509Certificate cert, Set<X509Certificate> pool)
      throws PkiException {
    List<X509Certificate> chain = new ArrayList<>(List.of(cert));
    X509Certificate current = cert;
    while (!CertificateExtensions.isSelfSigned(current)) {
      if (chain.size() > MAX_CHAIN) {
        throw new PkiException(Reason.REVOCATION_UNAVAILABLE, "The chain of "
            + cert.getSubjectX500Principal() + " is longer than " + MAX_CHAIN);
      }
      Optional<X509Certificate> issuer = issuerIn(current, pool);
      if (issuer.isEmpty()) {
        issuer = download(current);
        issuer.ifPresent(pool::add);
      }
      if (issuer.isEmpty()) {
        throw new PkiException(Reason.REVOCATION_UNAVAILABLE, "No issuer found for "
            + current.getSubjectX500Principal() + " (not at hand, not at its caIssuers URL)");
      }
      current = issuer.get();
      chain.add(current);
    }
    return chain;
  }

  private static Optional<X509Certificate> issuerIn(X509Certificate cert,
      Collection<X509Certificate> pool) {
    return pool.stream().filter(c -> c != cert && CertificateExtensions.issued(c, cert))
        .findFirst();
  }

  private Optional<X509Certificate> download(X509Certificate cert) {
    for (URI url : CertificateExtensions.caIssuerUrls(cert)) {
      try {
        X509Certificate candidate = (X509Certificate) CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(http.get(url)));
        if (CertificateExtensions.issued(candidate, cert)) {
          return Optional.of(candidate);
        }
      } catch (IOException | GeneralSecurityException e) {
        // try the next URL
      }
    }
    return Optional.empty();
  }

  private static boolean isOcspNoCheck(X509Certificate cert) {
    return cert.getExtensionValue("1.3.6.1.5.5.7.48.1.5") != null;
  }
}
