package vn.lienthong.core.pki;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.util.Store;

/**
 * Whether a TSA's certificate chains to configured roots: the JDK's PKIX path builder over the
 * certificates its token carries, at the token's time (names, signatures, the CAs' basic
 * constraints and key usage, every certificate's validity, the root's included). Revocation is
 * left to whoever verifies the stamp later, with the validation data of that moment. A certificate
 * found on a path is remembered with the interval in which its whole path is valid, so a TSA's
 * path is built once, not per stamp.
 */
final class TsaChains {

  private static final int REMEMBERED = 16;

  private final Set<TrustAnchor> anchors;
  private final Set<X509Certificate> roots;
  private final Map<X509Certificate, PathValidity> known = new ConcurrentHashMap<>();

  /** @param roots the anchors; none: every check passes (the token's own checks only) */
  TsaChains(Collection<X509Certificate> roots) {
    this.roots = Set.copyOf(roots);
    this.anchors = this.roots.stream().map(r -> new TrustAnchor(r, null)).collect(Collectors.toUnmodifiableSet());
  }

  /**
   * Passes when {@code tsa} chains to a root and the path is valid at {@code time}.
   *
   * @throws TSPException saying why not
   */
  void check(X509Certificate tsa, Store<X509CertificateHolder> carried, Instant time) throws TSPException {
    if (roots.isEmpty()) {
      return;
    }
    PathValidity remembered = known.get(tsa);
    if (remembered != null && remembered.covers(time)) {
      return;
    }
    List<X509Certificate> path = roots.contains(tsa) ? List.of(tsa) : build(tsa, carried, time);
    PathValidity validity = PathValidity.of(path);
    if (!validity.covers(time)) {
      throw new TSPException("the TSA's certificate path is not valid at " + time + " (valid from "
          + validity.from() + " to " + validity.until() + ")");
    }
    if (known.size() >= REMEMBERED) {
      known.clear();
    }
    known.put(tsa, validity);
  }

  /** The path from {@code tsa} to its root, both included. */
  private List<X509Certificate> build(X509Certificate tsa, Store<X509CertificateHolder> carried, Instant time)
      throws TSPException {
    try {
      List<Certificate> candidates = new ArrayList<>(List.of(tsa));
      JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
      for (X509CertificateHolder h : carried.getMatches(null)) {
        candidates.add(converter.getCertificate(h));
      }
      X509CertSelector target = new X509CertSelector();
      target.setCertificate(tsa);
      PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
      params.setRevocationEnabled(false);
      params.setDate(Date.from(time));
      params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(candidates)));
      return PathValidity.certificates((PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(params));
    } catch (GeneralSecurityException e) {
      throw new TSPException("the TSA's certificate " + tsa.getSubjectX500Principal().getName()
          + " does not chain to a trusted root at " + time + ": " + e.getMessage(), e);
    }
  }
}
