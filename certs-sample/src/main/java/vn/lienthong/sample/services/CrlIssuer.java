package vn.lienthong.sample.services;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import vn.lienthong.sample.pki.KeyKind;

/** Issues a fresh CRL of one CA on every request, from the CA's current revocations. */
final class CrlIssuer {

  /** The nextUpdate of a CRL, counted from its thisUpdate. */
  static final Duration VALIDITY = Duration.ofDays(1);

  private final Clock clock;

  CrlIssuer(Clock clock) {
    this.clock = clock;
  }

  byte[] crl(CaState ca) {
    try {
      Instant now = clock.instant();
      var caCert = ca.ca().certificate();
      X509v2CRLBuilder b = new JcaX509v2CRLBuilder(caCert.getSubjectX500Principal(), Date.from(now));
      b.setNextUpdate(Date.from(now.plus(VALIDITY)));
      ca.revocations().forEach((serial, r) ->
          b.addCRLEntry(serial, Date.from(r.time()), r.reason().code()));
      b.addExtension(Extension.authorityKeyIdentifier, false,
          new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(caCert));
      b.addExtension(Extension.cRLNumber, false,
          new CRLNumber(BigInteger.valueOf(ca.nextCrlNumber(now.toEpochMilli()))));
      var key = ca.ca().privateKey();
      var signer = new JcaContentSignerBuilder(
          KeyKind.signatureAlgorithm(key.getAlgorithm(), "SHA256")).build(key);
      return b.build(signer).getEncoded();
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("Cannot issue the CRL of " + ca.alias(), e);
    }
  }
}
