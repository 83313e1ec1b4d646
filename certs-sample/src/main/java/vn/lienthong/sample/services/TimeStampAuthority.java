package vn.lienthong.sample.services;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import vn.lienthong.sample.pki.KeyKind;
import vn.lienthong.sample.pki.Credential;

/**
 * An RFC 3161 time-stamp authority. Tokens are signed by the TSA certificate (critical EKU
 * timeStamping) with an ESSCertIDv2 (SHA-256) and carry the TSA's chain, the request's nonce and
 * the sample policy. SHA-1 and MD5 imprints are refused ({@code badAlg}) as Circular 15/2025
 * requires; garbage gets a {@code rejection} with {@code badDataFormat}.
 */
final class TimeStampAuthority {

  /** Hash algorithms accepted in message imprints. */
  static final Set<ASN1ObjectIdentifier> ACCEPTED = Set.of(
      NISTObjectIdentifiers.id_sha256, NISTObjectIdentifiers.id_sha384,
      NISTObjectIdentifiers.id_sha512, NISTObjectIdentifiers.id_sha3_256,
      NISTObjectIdentifiers.id_sha3_384, NISTObjectIdentifiers.id_sha3_512);

  private final TimeStampTokenGenerator tokens;
  private final ASN1ObjectIdentifier policy;
  private final Clock clock;
  /** Random per instance: serials stay unique across restarts, whatever the clock says. */
  private final BigInteger serialPrefix;
  private final AtomicLong serial = new AtomicLong();

  TimeStampAuthority(Credential tsa, String policyOid, Clock clock) {
    this.clock = clock;
    this.policy = new ASN1ObjectIdentifier(policyOid);
    this.serialPrefix = new BigInteger(62, new SecureRandom()).setBit(62).shiftLeft(64);
    try {
      // BouncyCastle with its own copy of the key: SunEC took several times longer per P-256
      // signature, and the TSA signs one for every receipt a hub under load seals
      Provider bc = new BouncyCastleProvider();
      var key = KeyFactory.getInstance(tsa.privateKey().getAlgorithm(), bc)
          .generatePrivate(new PKCS8EncodedKeySpec(tsa.privateKey().getEncoded()));
      var signerInfo = new JcaSimpleSignerInfoGeneratorBuilder().setProvider(bc).build(
          KeyKind.signatureAlgorithm(tsa.privateKey().getAlgorithm(), "SHA256"), key,
          tsa.certificate());
      this.tokens = new TimeStampTokenGenerator(signerInfo,
          new JcaDigestCalculatorProviderBuilder().setProvider(bc).build()
              .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
          policy);
      tokens.addCertificates(new JcaCertStore(tsa.chain()));
      tokens.setAccuracySeconds(1);
    } catch (GeneralSecurityException | OperatorCreationException | TSPException e) {
      throw new IllegalStateException("Cannot set up the TSA", e);
    }
  }

  /** Answers one DER-encoded TimeStampReq with a DER-encoded TimeStampResp. */
  byte[] respond(byte[] request) {
    try {
      TimeStampRequest req;
      try {
        req = new TimeStampRequest(request);
      } catch (IOException | RuntimeException e) {
        return fail(PKIFailureInfo.badDataFormat, "Not a DER TimeStampReq");
      }
      synchronized (tokens) {
        return responses().generate(req,
            serialPrefix.add(BigInteger.valueOf(serial.incrementAndGet())),
            Date.from(clock.instant())).getEncoded();
      }
    } catch (TSPException | IOException | RuntimeException e) {
      return fail(PKIFailureInfo.systemFailure, "The TSA failed to answer");
    }
  }

  /**
   * A fresh generator per response: BouncyCastle's accumulates failure bits across calls. It
   * recognises no request extension, so any gets {@code unacceptedExtension} (RFC 3161 2.4.1).
   */
  private TimeStampResponseGenerator responses() {
    return new TimeStampResponseGenerator(tokens, ACCEPTED, Set.of(policy), Set.of());
  }

  private byte[] fail(int failInfo, String text) {
    try {
      return responses().generateFailResponse(PKIStatus.REJECTION, failInfo, text).getEncoded();
    } catch (TSPException | IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
