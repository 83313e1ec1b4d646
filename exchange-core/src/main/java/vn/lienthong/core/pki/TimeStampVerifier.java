package vn.lienthong.core.pki;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerId;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Store;
import vn.lienthong.core.pki.PkiException.Reason;

/**
 * Checks an RFC 3161 time-stamp token someone else obtained (an audit anchor, a stored stamp):
 * signed by the certificate it carries, that certificate with the critical timeStamping extended
 * key usage, over the expected digest, and, given trust anchors, the TSA's certificate chaining to
 * one of them at the token's time (through the certificates the token carries). Thread-safe; the
 * TSAs' keys and paths are remembered, so build one and reuse it.
 */
public final class TimeStampVerifier {

  /** The TSAs' certificates and keys as BouncyCastle's, parsed and converted once. */
  private final VerificationKeys keys = new VerificationKeys(16);
  private final TsaChains chains;

  /** @param trustAnchors the roots a TSA must chain to; none: the token's own checks only */
  public TimeStampVerifier(Collection<X509Certificate> trustAnchors) {
    this.chains = new TsaChains(requireNonNull(trustAnchors, "trustAnchors"));
  }

  /**
   * The token's time and TSA, when it passes every check and its message imprint is {@code digest}.
   *
   * @throws PkiException TIMESTAMP_INVALID saying which check failed
   */
  public TimeStamp verify(byte[] token, byte[] digest) throws PkiException {
    requireNonNull(token, "token");
    requireNonNull(digest, "digest");
    try {
      TimeStampToken parsed = new TimeStampToken(new CMSSignedData(token));
      if (!Arrays.equals(parsed.getTimeStampInfo().getMessageImprintDigest(), digest)) {
        throw new TSPException("the token is not over the expected digest");
      }
      return check(parsed);
    } catch (CMSException | TSPException | IOException | CertificateException | OperatorCreationException
        | RuntimeException e) {
      throw new PkiException(Reason.TIMESTAMP_INVALID, "The time-stamp token is not valid: " + e.getMessage(), e);
    }
  }

  /**
   * Why {@code token} is not a valid time stamp over the digest written in hexadecimal (as audit
   * anchors store it); empty when it is. For callers that report rather than throw.
   */
  public Optional<String> problem(byte[] token, String hexDigest) {
    requireNonNull(hexDigest, "hexDigest");
    byte[] digest;
    try {
      digest = HexFormat.of().parseHex(hexDigest);
    } catch (IllegalArgumentException e) {
      return Optional.of("the digest " + hexDigest + " is not hexadecimal");
    }
    try {
      verify(token, digest);
      return Optional.empty();
    } catch (PkiException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** The signature, the signer's certificate and its chain (when anchors were given) of a parsed token. */
  TimeStamp check(TimeStampToken token)
      throws TSPException, IOException, CertificateException, OperatorCreationException {
    X509CertificateHolder signer = signerOf(token);
    X509Certificate tsa = keys.certificate(signer.getEncoded());
    token.validate(CryptoProviders.signerInfoVerifier(keys.of(tsa), signer));
    Instant time = token.getTimeStampInfo().getGenTime().toInstant();
    chains.check(tsa, token.getCertificates(), time);
    return new TimeStamp(token.getEncoded(), time, tsa);
  }

  @SuppressWarnings({"unchecked", "rawtypes"}) // BC's SignerId is a raw Selector
  private static X509CertificateHolder signerOf(TimeStampToken token) throws TSPException {
    SignerId sid = token.getSID();
    Store<X509CertificateHolder> certs = token.getCertificates();
    Collection<X509CertificateHolder> matches =
        certs.getMatches((org.bouncycastle.util.Selector) sid);
    if (matches.isEmpty()) {
      throw new TSPException("the token does not carry its TSA's certificate");
    }
    return matches.iterator().next();
  }
}
