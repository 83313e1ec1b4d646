package vn.lienthong.sample.services;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import vn.lienthong.sample.pki.KeyKind;
import vn.lienthong.sample.pki.Revocation;

/**
 * An RFC 6960 OCSP responder for every CA of the sample PKI. Responses are signed by the CA's
 * delegated responder (or by a root itself), carry the request's nonce, and say good, revoked
 * (with time and reason) or unknown (a serial the CA never issued). Garbage gets {@code
 * malformedRequest}, a request for a CA we do not run gets {@code unauthorized}; nothing throws.
 */
final class OcspResponder {

  /** How long a response may be relied on. */
  static final Duration VALIDITY = Duration.ofHours(1);

  /** The longest nonce RFC 8954 allows. */
  static final int MAX_NONCE_OCTETS = 32;

  private final List<CaState> cas;
  private final Clock clock;
  private final DigestCalculatorProvider digests;

  OcspResponder(List<CaState> cas, Clock clock) {
    this.cas = List.copyOf(cas);
    this.clock = clock;
    try {
      this.digests = new JcaDigestCalculatorProviderBuilder().build();
    } catch (OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Answers one DER-encoded OCSPRequest with a DER-encoded OCSPResponse. */
  byte[] respond(byte[] request) {
    try {
      OCSPReq req;
      try {
        req = new OCSPReq(request);
      } catch (IOException | RuntimeException e) {
        return status(OCSPRespBuilder.MALFORMED_REQUEST);
      }
      Req[] items = req.getRequestList();
      if (items.length == 0 || !nonceLengthAllowed(req)) {
        return status(OCSPRespBuilder.MALFORMED_REQUEST);
      }
      Optional<CaState> ca = findCa(items[0].getCertID());
      if (ca.isEmpty()) {
        return status(OCSPRespBuilder.UNAUTHORIZED);
      }
      return sign(req, items, ca.get());
    } catch (IOException | OCSPException | GeneralSecurityException | OperatorCreationException e) {
      return status(OCSPRespBuilder.INTERNAL_ERROR);
    }
  }

  /** RFC 8954: a nonce of no octets or of more than 32 is refused with malformedRequest. */
  private static boolean nonceLengthAllowed(OCSPReq req) {
    Extension nonce = req.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
    if (nonce == null) {
      return true;
    }
    byte[] value = nonce.getExtnValue().getOctets();
    int length;
    try {
      length = ASN1OctetString.getInstance(value).getOctets().length;
    } catch (RuntimeException e) {
      length = value.length; // a nonce written without its OCTET STRING, as some old clients do
    }
    return length >= 1 && length <= MAX_NONCE_OCTETS;
  }

  /** A response without a body, e.g. {@code tryLater} while the service is down. */
  static byte[] status(int status) {
    try {
      return new OCSPRespBuilder().build(status, null).getEncoded();
    } catch (IOException | OCSPException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] sign(OCSPReq req, Req[] items, CaState ca)
      throws IOException, OCSPException, GeneralSecurityException, OperatorCreationException {
    Instant now = clock.instant();
    X509Certificate responderCert = ca.responderChain().get(0);
    BasicOCSPRespBuilder builder = new JcaBasicOCSPRespBuilder(responderCert.getPublicKey(),
        digests.get(CertificateID.HASH_SHA1));
    for (Req item : items) {
      CertificateID id = item.getCertID();
      builder.addResponse(id, statusOf(id, ca), Date.from(now), Date.from(now.plus(VALIDITY)), null);
    }
    Extension nonce = req.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
    if (nonce != null) {
      builder.setResponseExtensions(new Extensions(nonce));
    }
    var key = ca.responderKey();
    var signer = new JcaContentSignerBuilder(
        KeyKind.signatureAlgorithm(key.getAlgorithm(), "SHA256")).build(key);
    X509CertificateHolder[] chain = new X509CertificateHolder[ca.responderChain().size()];
    for (int i = 0; i < chain.length; i++) {
      chain[i] = new X509CertificateHolder(ca.responderChain().get(i).getEncoded());
    }
    BasicOCSPResp basic = builder.build(signer, chain, Date.from(now));
    return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
  }

  private CertificateStatus statusOf(CertificateID id, CaState ca) {
    if (!ca.matches(id, digests) || !ca.issued(id.getSerialNumber())) {
      return new UnknownStatus();
    }
    Optional<Revocation> revocation = ca.revocation(id.getSerialNumber());
    if (revocation.isEmpty()) {
      return CertificateStatus.GOOD;
    }
    return new RevokedStatus(Date.from(revocation.get().time()), revocation.get().reason().code());
  }

  private Optional<CaState> findCa(CertificateID id) {
    return cas.stream().filter(ca -> ca.matches(id, digests)).findFirst();
  }
}
