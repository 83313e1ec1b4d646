package vn.lienthong.core.pki;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import vn.lienthong.core.pki.PkiException.Reason;

/**
 * An RFC 3161 client: asks a time-stamp authority to stamp a digest, with a random nonce and the
 * TSA's certificate requested, and accepts the answer only when it is granted, about that digest
 * and nonce, signed by a certificate with the critical timeStamping extended key usage, and dated
 * close to our clock. Given trust anchors, it also requires the TSA's certificate to chain to one
 * of them (through the certificates the token carries, valid at the token's time), so that a
 * stamp it answers is one a verifier trusting those roots accepts.
 */
public final class TimeStampClient {

  /** How far the TSA's time may be from ours. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final URI url;
  private final Clock clock;
  private final SecureRandom random;
  private final Http http;
  /** The token's signature, its TSA's certificate and (given roots) that certificate's chain. */
  private final TimeStampVerifier tokens;

  /**
   * @param url the TSA's address (HTTP POST, {@code application/timestamp-query})
   * @param clock to check the token's time against
   * @param random the source of nonces
   * @param timeout the connect and read timeout
   */
  public TimeStampClient(URI url, Clock clock, SecureRandom random, Duration timeout) {
    this(url, clock, random, timeout, List.of());
  }

  /**
   * As {@link #TimeStampClient(URI, Clock, SecureRandom, Duration)}, and the TSA's certificate must
   * chain to one of {@code trustAnchors}; none: the token's own checks only.
   */
  public TimeStampClient(URI url, Clock clock, SecureRandom random, Duration timeout,
      Collection<X509Certificate> trustAnchors) {
    this.url = requireNonNull(url, "url");
    this.clock = requireNonNull(clock, "clock");
    this.random = requireNonNull(random, "random");
    this.http = new Http(requireNonNull(timeout, "timeout"));
    this.tokens = new TimeStampVerifier(trustAnchors);
  }

  /** Where the TSA answers. */
  public URI url() {
    return url;
  }

  /**
   * A verified time stamp over a digest.
   *
   * @throws PkiException TSA_UNAVAILABLE when the TSA cannot be reached, refuses, or answers
   *     something that fails a check
   */
  public TimeStamp stamp(DigestAlgorithm algorithm, byte[] digest) throws PkiException {
    requireNonNull(algorithm, "algorithm");
    requireNonNull(digest, "digest");
    TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
    generator.setCertReq(true);
    BigInteger nonce = new BigInteger(64, random);
    TimeStampRequest request = generator.generate(algorithm.oid(), digest, nonce);
    byte[] body;
    try {
      body = http.post(url, "application/timestamp-query", request.getEncoded());
    } catch (IOException e) {
      throw new PkiException(Reason.TSA_UNAVAILABLE, "The TSA " + url + " did not answer: "
          + e.getMessage(), e);
    }
    try {
      TimeStampResponse response = new TimeStampResponse(body);
      response.validate(request);
      TimeStampToken token = response.getTimeStampToken();
      if (token == null) {
        throw new TSPException("the TSA refused: " + response.getStatusString());
      }
      Instant now = clock.instant();
      Instant time = token.getTimeStampInfo().getGenTime().toInstant();
      if (time.isAfter(now.plus(CLOCK_SKEW)) || time.isBefore(now.minus(CLOCK_SKEW))) {
        throw new TSPException("the TSA's time " + time + " is far from ours (" + now + ")");
      }
      return tokens.check(token);
    } catch (TSPException | IOException | CertificateException | OperatorCreationException e) {
      throw new PkiException(Reason.TSA_UNAVAILABLE, "The TSA " + url
          + " answered something unusable: " + e.getMessage(), e);
    }
  }
}
