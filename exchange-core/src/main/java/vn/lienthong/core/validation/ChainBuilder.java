package vn.lienthong.core.validation;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds a certificate path from a certificate to a configured trust anchor. Candidates (from the
 * signature, the DSS, AIA downloads) only ever link: a path ends at an anchor or not at all. Each
 * link is a name match and a signature that verifies with the issuer's key; validity dates,
 * constraints and revocation are checked by the callers, at the time that matters. Each
 * certificate is followed at most once per build: certificates that all name each other as issuer
 * (sixteen of them in a 5 KB CMS) made a search without that memory try every ordering of them.
 */
final class ChainBuilder {

  private static final int MAX_DEPTH = 8;

  private final Set<X509Certificate> anchors;
  private final Function<X509Certificate, List<X509Certificate>> aia;

  /** @param aia downloads the issuers a certificate's AIA names; returns none when disabled */
  ChainBuilder(Set<X509Certificate> anchors, Function<X509Certificate, List<X509Certificate>> aia) {
    this.anchors = Set.copyOf(anchors);
    this.aia = aia;
  }

  /** A path, target first; anchored when it ends at a trust anchor. */
  record Path(List<X509Certificate> certificates, boolean anchored) {
    Path {
      certificates = List.copyOf(certificates);
    }

    X509Certificate issuerOf(int index) {
      return index + 1 < certificates.size() ? certificates.get(index + 1) : null;
    }
  }

  boolean isAnchor(X509Certificate cert) {
    return anchors.contains(cert);
  }

  Path build(X509Certificate target, Collection<X509Certificate> candidates) {
    List<X509Certificate> best = new ArrayList<>(List.of(target));
    List<X509Certificate> path = new ArrayList<>(List.of(target));
    if (extend(path, List.copyOf(candidates), best, true, new HashSet<>())) {
      return new Path(path, true);
    }
    return new Path(best, false);
  }

  /**
   * Depth first from the path's last certificate; {@code followed} holds the certificates already
   * followed in this build, from which no anchor was reached (reachability needs each once).
   */
  private boolean extend(List<X509Certificate> path, List<X509Certificate> candidates,
      List<X509Certificate> best, boolean mayDownload, Set<X509Certificate> followed) {
    X509Certificate last = path.get(path.size() - 1);
    if (anchors.contains(last)) {
      return true;
    }
    if (path.size() > MAX_DEPTH || !followed.add(last)) {
      return false;
    }
    for (X509Certificate anchor : anchors) {
      if (issued(anchor, last)) {
        path.add(anchor);
        return true;
      }
    }
    List<X509Certificate> issuers = issuers(last, candidates, path);
    if (issuers.isEmpty() && mayDownload) {
      issuers = issuers(last, aia.apply(last), path);
    }
    for (X509Certificate issuer : issuers) {
      path.add(issuer);
      if (path.size() > best.size()) {
        best.clear();
        best.addAll(path);
      }
      if (extend(path, candidates, best, mayDownload, followed)) {
        return true;
      }
      path.remove(path.size() - 1);
    }
    return false;
  }

  private static List<X509Certificate> issuers(X509Certificate cert,
      Collection<X509Certificate> candidates, List<X509Certificate> path) {
    List<X509Certificate> found = new ArrayList<>();
    for (X509Certificate c : candidates) {
      if (!path.contains(c) && !found.contains(c) && issued(c, cert)) {
        found.add(c);
      }
    }
    return found;
  }

  /** Whether {@code issuer} issued {@code cert}: names match and the signature verifies. */
  static boolean issued(X509Certificate issuer, X509Certificate cert) {
    if (!issuer.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
      return false;
    }
    try {
      cert.verify(issuer.getPublicKey());
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
