package vn.lienthong.server.api;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.apache.cxf.security.transport.TLSSessionInfo;
import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.common.ext.WSSecurityException;
import vn.lienthong.core.pki.PathValidity;
import vn.lienthong.core.pki.VerificationKeys;

/**
 * WSS4J's view of whom to trust for WS-Security signatures: a path from the signing certificate
 * to one of the configured roots, and only those (PKIX, validity at the wall clock, as in the
 * TLS handshake). The
 * intermediate CAs come from the request's own TLS chain (verified by the handshake) or the
 * token itself, so a client may send its bare certificate in the BinarySecurityToken.
 * Revocation is the caller resolver's job (OCSP/CRL with a cache), not this one's. A signing
 * certificate whose path was built once is accepted again without building it while every
 * certificate of that path is within its validity (the roots are fixed for this instance).
 * Signing certificates are parsed by BouncyCastle once per encoding ({@link VerificationKeys}), so
 * that WSS4J verifies each unit's requests with a key whose tables are built (a JDK key is
 * converted and its tables rebuilt on every request: P-256 0.2 instead of 0.08 ms, exchange-bench's
 * baselines).
 */
final class TrustedRoots extends Merlin {

  private static final int MAX_REMEMBERED = 10_000;
  /** More than the units of a province, each of which polls all day. */
  private static final int REMEMBERED_CERTIFICATES = 4_096;

  private final Set<TrustAnchor> anchors;
  private final Clock clock;
  /** Signing certificates with a path to {@link #anchors}, and when that path is valid. */
  private final Map<X509Certificate, PathValidity> validated = new ConcurrentHashMap<>();
  private final VerificationKeys certificates = new VerificationKeys(REMEMBERED_CERTIFICATES);

  TrustedRoots(List<X509Certificate> roots, Clock clock) {
    this.anchors = roots.stream().map(r -> new TrustAnchor(r, null)).collect(Collectors.toUnmodifiableSet());
    this.clock = Objects.requireNonNull(clock, "clock");
    if (anchors.isEmpty()) {
      throw new IllegalArgumentException("no trust anchors");
    }
  }

  @Override
  public void verifyTrust(X509Certificate[] certs, boolean enableRevocation, Collection<Pattern> subjectConstraints,
      Collection<Pattern> issuerConstraints) throws WSSecurityException {
    if (certs == null || certs.length == 0) {
      throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);
    }
    Instant now = clock.instant();
    PathValidity known = validated.get(certs[0]);
    if (known != null && known.covers(now)) {
      return;
    }
    List<X509Certificate> available = new ArrayList<>(List.of(certs));
    available.addAll(tlsChain(PhaseInterceptorChain.getCurrentMessage()));
    try {
      X509CertSelector target = new X509CertSelector();
      target.setCertificate(certs[0]);
      PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
      params.setRevocationEnabled(false);
      params.setDate(Date.from(now));
      params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(available)));
      PKIXCertPathBuilderResult path = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(params);
      remember(certs[0], PathValidity.of(path));
    } catch (GeneralSecurityException e) {
      throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION, e, "certpath",
          new Object[] {e.getMessage()});
    }
  }

  private void remember(X509Certificate leaf, PathValidity validity) {
    if (validated.size() >= MAX_REMEMBERED) {
      validated.clear(); // more signing certificates than units have: start over rather than grow
    }
    validated.put(leaf, validity);
  }

  /** The token's certificate, the same object (and key) for the same encoding. */
  @Override
  public X509Certificate loadCertificate(InputStream in) throws WSSecurityException {
    try {
      return certificates.certificate(in.readAllBytes());
    } catch (IOException | CertificateException e) {
      throw new WSSecurityException(WSSecurityException.ErrorCode.SECURITY_TOKEN_UNAVAILABLE, e, "parseError");
    }
  }

  @Override
  public void verifyTrust(PublicKey publicKey) throws WSSecurityException {
    // a bare key value proves nothing about a unit: only certificates are accepted
    throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);
  }

  /** The client certificate chain the TLS handshake verified, or empty. */
  static List<X509Certificate> tlsChain(Message message) {
    TLSSessionInfo tls = message == null ? null : message.get(TLSSessionInfo.class);
    List<X509Certificate> chain = new ArrayList<>();
    if (tls != null && tls.getPeerCertificates() != null) {
      for (Certificate c : tls.getPeerCertificates()) {
        if (c instanceof X509Certificate x) {
          chain.add(x);
        }
      }
    }
    return chain;
  }
}
