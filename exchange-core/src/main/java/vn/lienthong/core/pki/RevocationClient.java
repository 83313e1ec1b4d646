package vn.lienthong.core.pki;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import vn.lienthong.core.pki.PkiException.Reason;

/**
 * Asks a certificate's CA whether it is revoked: OCSP at the URL of its AIA extension first
 * (with a nonce), then the CRL at its CRL distribution point. Every answer is verified (signature
 * by the CA or its delegated responder, the certificate it is about, freshness) before it is
 * believed, and returned as evidence for a PDF's DSS dictionary.
 */
public final class RevocationClient {

  /** How far a CA's clock may be ahead of ours. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
  /** How old an answer without a next update may be (the verifier's offline rule too). */
  static final Duration MAX_AGE_WITHOUT_NEXT_UPDATE = Duration.ofDays(1);

  private final Clock clock;
  private final SecureRandom random;
  private final Http http;

  /**
   * @param clock what "now" is for freshness
   * @param random the source of OCSP nonces
   * @param timeout the connect and read timeout of each request
   */
  public RevocationClient(Clock clock, SecureRandom random, Duration timeout) {
    this.clock = requireNonNull(clock, "clock");
    this.random = requireNonNull(random, "random");
    this.http = new Http(requireNonNull(timeout, "timeout"));
  }

  /**
   * Verified evidence that {@code cert} is not revoked.
   *
   * @throws PkiException REVOKED when the CA says so; REVOCATION_UNAVAILABLE when neither OCSP nor
   *     CRL gave a trustworthy answer
   */
  public RevocationEvidence check(X509Certificate cert, X509Certificate issuer)
      throws PkiException {
    requireNonNull(cert, "cert");
    requireNonNull(issuer, "issuer");
    List<String> failures = new ArrayList<>();
    for (URI url : CertificateExtensions.ocspUrls(cert)) {
      try {
        return ocsp(url, cert, issuer);
      } catch (IOException | GeneralSecurityException | OCSPException
          | OperatorCreationException e) {
        failures.add("OCSP " + url + ": " + e.getMessage());
      }
    }
    for (URI url : CertificateExtensions.crlUrls(cert)) {
      try {
        return crl(url, cert, issuer);
      } catch (IOException | GeneralSecurityException e) {
        failures.add("CRL " + url + ": " + e.getMessage());
      }
    }
    throw new PkiException(Reason.REVOCATION_UNAVAILABLE, "No revocation status for "
        + cert.getSubjectX500Principal() + (failures.isEmpty() ? ": it names no OCSP or CRL URL"
        : ": " + String.join("; ", failures)));
  }

  /**
   * The raw answer of the certificate's CA, for a verifier that judges it itself: the first
   * successful OCSP response (its nonce checked against the request's) or else the CRL, without
   * judging status, signature or freshness. Nothing is cached here.
   *
   * @throws PkiException REVOCATION_UNAVAILABLE when no responder answered (down, tryLater,
   *     unreachable) and no CRL could be downloaded
   */
  public Fetched fetch(X509Certificate cert, X509Certificate issuer)
      throws PkiException {
    requireNonNull(cert, "cert");
    requireNonNull(issuer, "issuer");
    List<String> failures = new ArrayList<>();
    for (URI url : CertificateExtensions.ocspUrls(cert)) {
      try {
        return new Fetched(RevocationEvidence.Kind.OCSP,
            ocspResponse(url, cert, issuer).getEncoded(), url);
      } catch (IOException | GeneralSecurityException | OCSPException
          | OperatorCreationException e) {
        failures.add("OCSP " + url + ": " + e.getMessage());
      }
    }
    for (URI url : CertificateExtensions.crlUrls(cert)) {
      try {
        return new Fetched(RevocationEvidence.Kind.CRL, http.get(url), url);
      } catch (IOException e) {
        failures.add("CRL " + url + ": " + e.getMessage());
      }
    }
    throw new PkiException(Reason.REVOCATION_UNAVAILABLE, "No revocation data for "
        + cert.getSubjectX500Principal() + (failures.isEmpty() ? ": it names no OCSP or CRL URL"
        : ": " + String.join("; ", failures)));
  }

  /**
   * An answer as fetched, not yet judged.
   *
   * @param encoded the DER OCSPResponse or CRL
   * @param url where it came from
   */
  public record Fetched(RevocationEvidence.Kind kind, byte[] encoded, URI url) {
    public Fetched {
      requireNonNull(kind, "kind");
      encoded = requireNonNull(encoded, "encoded").clone();
      requireNonNull(url, "url");
    }

    @Override
    public byte[] encoded() {
      return encoded.clone();
    }
  }

  private OCSPResp ocspResponse(URI url, X509Certificate cert, X509Certificate issuer)
      throws IOException, OCSPException, OperatorCreationException, GeneralSecurityException {
    CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
        .get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(issuer),
        cert.getSerialNumber());
    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    OCSPReq request = new OCSPReqBuilder().addRequest(id)
        .setRequestExtensions(new Extensions(new Extension(
            OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
            new DEROctetString(new DEROctetString(nonce).getEncoded()))))
        .build();
    OCSPResp response = new OCSPResp(http.post(url, "application/ocsp-request",
        request.getEncoded()));
    if (response.getStatus() != OCSPResp.SUCCESSFUL) {
      throw new IOException("the responder answered status " + response.getStatus()
          + (response.getStatus() == OCSPResp.TRY_LATER ? " (tryLater)" : ""));
    }
    BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
    Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
    if (echoed != null && !java.util.Arrays.equals(echoed.getExtnValue().getOctets(),
        new DEROctetString(nonce).getEncoded())) {
      throw new IOException("the response's nonce is not the request's (a replay?)");
    }
    return response;
  }

  private RevocationEvidence ocsp(URI url, X509Certificate cert, X509Certificate issuer)
      throws IOException, GeneralSecurityException, OCSPException, OperatorCreationException,
      PkiException {
    CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
        .get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(issuer),
        cert.getSerialNumber());
    OCSPResp response = ocspResponse(url, cert, issuer);
    byte[] body = response.getEncoded();
    BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
    List<X509Certificate> signers = verifyOcspSignature(basic, issuer);
    for (SingleResp single : basic.getResponses()) {
      if (!single.getCertID().equals(id)) {
        continue;
      }
      checkFresh(single.getThisUpdate().toInstant(),
          single.getNextUpdate() == null ? null : single.getNextUpdate().toInstant());
      CertificateStatus status = single.getCertStatus();
      if (status instanceof RevokedStatus revoked) {
        throw new PkiException(Reason.REVOKED, cert.getSubjectX500Principal()
            + " was revoked on " + revoked.getRevocationTime().toInstant() + " (OCSP " + url + ")");
      }
      if (status != CertificateStatus.GOOD) {
        throw new IOException("the responder does not know the certificate");
      }
      return new RevocationEvidence(RevocationEvidence.Kind.OCSP, body,
          basic.getProducedAt().toInstant(), signers);
    }
    throw new IOException("the response is not about the certificate asked for");
  }

  private static List<X509Certificate> verifyOcspSignature(BasicOCSPResp basic,
      X509Certificate issuer) throws GeneralSecurityException, OCSPException,
      OperatorCreationException, IOException {
    if (basic.isSignatureValid(CryptoProviders.contentVerifier(issuer.getPublicKey()))) {
      return List.of();
    }
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    for (X509CertificateHolder holder : basic.getCerts()) {
      X509Certificate responder = converter.getCertificate(holder);
      List<String> eku = responder.getExtendedKeyUsage();
      if (CertificateExtensions.issued(issuer, responder) && eku != null
          && eku.contains(KeyPurposeId.id_kp_OCSPSigning.getId()) && validAt(responder, basic.getProducedAt())
          && basic.isSignatureValid(CryptoProviders.contentVerifier(responder.getPublicKey()))) {
        return List.of(responder);
      }
    }
    throw new IOException("the response is not signed by the CA or a responder it delegated");
  }

  /** Whether a delegated responder was valid when it produced its answer (an expired one may not answer). */
  private static boolean validAt(X509Certificate responder, java.util.Date producedAt) {
    try {
      responder.checkValidity(producedAt);
      return true;
    } catch (java.security.cert.CertificateException e) {
      return false;
    }
  }

  private RevocationEvidence crl(URI url, X509Certificate cert, X509Certificate issuer)
      throws IOException, GeneralSecurityException, PkiException {
    boolean[] usage = issuer.getKeyUsage();
    if (usage != null && (usage.length < 7 || !usage[6])) {
      // RFC 5280 6.3.3 (f): a CA whose key usage lacks cRLSign signs no CRL, and an empty one it
      // signed would say its certificates are good (the verifier refuses it too)
      throw new IOException(issuer.getSubjectX500Principal() + " lacks cRLSign: its CRLs say nothing");
    }
    byte[] body = http.get(url);
    X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
        .generateCRL(new ByteArrayInputStream(body));
    if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
      throw new IOException("the CRL is not the issuer's");
    }
    // the verifier's scope rule: a delta CRL, an authority revocation list or another
    // partition of the CA's CRLs (any of them could be put in the full CRL's place on the way,
    // CRLs travel over plain HTTP) does not list this certificate's revocation
    if (!CrlScope.covers(crl, cert)) {
      throw new IOException("the CRL does not cover the certificate (delta, partitioned or with an"
          + " unknown critical extension)");
    }
    crl.verify(issuer.getPublicKey());
    checkFresh(crl.getThisUpdate().toInstant(),
        crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant());
    BigInteger serial = cert.getSerialNumber();
    X509CRLEntry entry = crl.getRevokedCertificate(serial);
    if (entry != null) {
      throw new PkiException(Reason.REVOKED, cert.getSubjectX500Principal() + " was revoked on "
          + entry.getRevocationDate().toInstant() + " (CRL " + url + ")");
    }
    return new RevocationEvidence(RevocationEvidence.Kind.CRL, body,
        crl.getThisUpdate().toInstant(), List.of());
  }

  private void checkFresh(Instant thisUpdate, Instant nextUpdate) throws IOException {
    Instant now = clock.instant();
    if (thisUpdate.isAfter(now.plus(CLOCK_SKEW))) {
      throw new IOException("the answer is dated in the future (" + thisUpdate + ")");
    }
    if (nextUpdate != null && nextUpdate.isBefore(now.minus(CLOCK_SKEW))) {
      throw new IOException("the answer is stale (next update was " + nextUpdate + ")");
    }
    // without a next update nothing says until when the answer holds: a day at most (a replayed
    // answer of a year ago passed as fresh)
    if (nextUpdate == null && thisUpdate.isBefore(now.minus(MAX_AGE_WITHOUT_NEXT_UPDATE))) {
      throw new IOException("the answer is stale (produced " + thisUpdate + ", no next update)");
    }
  }
}
