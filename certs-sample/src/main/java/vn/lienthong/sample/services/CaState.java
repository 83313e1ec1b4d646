package vn.lienthong.sample.services;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.operator.DigestCalculatorProvider;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.Revocation;

/**
 * What one CA knows at run time: the serials it issued, which of them are revoked, who signs its
 * OCSP responses and its CRL number. Revocations may change while the services run.
 */
final class CaState {

  private final Credential ca;
  private final Credential responder;
  private final X509CertificateHolder holder;
  private final Set<BigInteger> issued;
  private final Map<BigInteger, Revocation> revoked = new ConcurrentHashMap<>();
  private final AtomicLong crlNumber = new AtomicLong();

  CaState(Credential ca, Credential responder, Set<BigInteger> issued) {
    this.ca = ca;
    this.responder = responder;
    this.issued = Set.copyOf(issued);
    try {
      this.holder = new X509CertificateHolder(ca.certificate().getEncoded());
    } catch (CertificateEncodingException | java.io.IOException e) {
      throw new IllegalStateException("Cannot read the certificate of " + ca.alias(), e);
    }
  }

  static Set<BigInteger> serials(List<Credential> credentials) {
    return credentials.stream().map(c -> c.certificate().getSerialNumber())
        .collect(Collectors.toUnmodifiableSet());
  }

  Credential ca() {
    return ca;
  }

  String alias() {
    return ca.alias();
  }

  /** The key that signs OCSP responses: a delegated responder's, or the CA's own. */
  PrivateKey responderKey() {
    return responder.privateKey();
  }

  /** The responder's certificate chain as sent in responses (responder first). */
  List<X509Certificate> responderChain() {
    return responder.chain();
  }

  boolean matches(CertificateID id, DigestCalculatorProvider digests) {
    try {
      return id.matchesIssuer(holder, digests);
    } catch (OCSPException e) {
      return false; // a hash algorithm we cannot compute cannot name this CA
    }
  }

  boolean issued(BigInteger serial) {
    return issued.contains(serial);
  }

  Optional<Revocation> revocation(BigInteger serial) {
    return Optional.ofNullable(revoked.get(serial));
  }

  Map<BigInteger, Revocation> revocations() {
    return Map.copyOf(revoked);
  }

  void revoke(BigInteger serial, Revocation revocation) {
    if (!issued(serial)) {
      throw new IllegalArgumentException(
          "Serial " + serial.toString(16) + " was not issued by " + ca.alias());
    }
    revoked.put(serial, revocation);
  }

  void unrevoke(BigInteger serial) {
    revoked.remove(serial);
  }

  /**
   * The next CRL number: one more than the last, and at least {@code floor} (the issue time in
   * milliseconds), so that numbers keep increasing when the services restart with a fresh state.
   */
  long nextCrlNumber(long floor) {
    return crlNumber.updateAndGet(last -> Math.max(last + 1, floor));
  }
}
