package vn.lienthong.server.auth;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienthong.core.pki.CryptoProviders;
import vn.lienthong.core.pki.PkiException;
import vn.lienthong.core.pki.RevocationClient;
import vn.lienthong.server.error.HubError;
import vn.lienthong.server.error.HubException;
import vn.lienthong.server.registry.Registry;

/**
 * Asks the issuing CA (core's {@link RevocationClient}: OCSP, then CRL) whether a caller's
 * certificate is revoked, and remembers the answer for a while: a good or revoked answer for the
 * configured period, an unavailable one for at most a minute (so a CA that is down is not asked
 * on every call, and one that comes back is asked again soon).
 */
public final class RevocationChecker {

  private static final Logger LOG = LoggerFactory.getLogger(RevocationChecker.class);
  private static final Duration RETRY_UNAVAILABLE = Duration.ofMinutes(1);
  private static final int MAX_ENTRIES = 10_000;

  /** What the CA said. */
  enum Status { GOOD, REVOKED, UNAVAILABLE }

  private record Entry(Status status, Instant until) {}

  private final RevocationClient client;
  private final Clock clock;
  private final SecurityConfig config;
  private final List<X509Certificate> anchors;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  /**
   * @param anchors the configured roots, where the issuer of a certificate a root issued directly
   *     is found when the client's chain leaves the root out (as clients do)
   */
  public RevocationChecker(RevocationClient client, Clock clock, SecurityConfig config,
      List<X509Certificate> anchors) {
    this.client = Objects.requireNonNull(client, "client");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.config = Objects.requireNonNull(config, "config");
    this.anchors = List.copyOf(anchors);
  }

  private Status query(X509Certificate cert, X509Certificate issuer) {
    try {
      client.check(cert, issuer);
      return Status.GOOD;
    } catch (PkiException e) {
      if (e.reason() == PkiException.Reason.REVOKED) {
        return Status.REVOKED;
      }
      LOG.debug("No revocation status for {}: {}", cert.getSubjectX500Principal(), e.getMessage());
      return Status.UNAVAILABLE;
    }
  }

  /**
   * Passes when {@code cert} is not known to be revoked.
   *
   * @param chain where its issuer is found (the TLS chain the caller presented)
   * @throws HubException NOT_AUTHENTICATED when the CA says it is revoked, or when no CA answers
   *     and the policy is {@link SecurityConfig.WhenUnavailable#REFUSE}
   */
  public void require(X509Certificate cert, List<X509Certificate> chain) {
    Status status = status(cert, chain);
    if (status == Status.REVOKED) {
      throw new HubException(HubError.NOT_AUTHENTICATED, "Chứng thư " + cert.getSubjectX500Principal().getName()
          + " đã bị thu hồi / the certificate is revoked by its CA");
    }
    if (status == Status.UNAVAILABLE) {
      if (config.whenUnavailable() == SecurityConfig.WhenUnavailable.REFUSE) {
        throw new HubException(HubError.NOT_AUTHENTICATED, "Không kiểm tra được tình trạng thu hồi của chứng thư, "
            + "hãy gửi lại sau / the certificate's revocation status is unavailable; retry later");
      }
    }
  }

  private Status status(X509Certificate cert, List<X509Certificate> chain) {
    String key = Registry.sha256(Registry.encoded(cert));
    Instant now = clock.instant();
    Entry cached = cache.get(key);
    if (cached != null && now.isBefore(cached.until())) {
      return cached.status();
    }
    X509Certificate issuer = issuerOf(cert, chain);
    Status status = issuer == null ? Status.UNAVAILABLE : query(cert, issuer);
    if (status == Status.UNAVAILABLE) {
      LOG.warn("Revocation status of {} unavailable (OCSP and CRL): {} for the next {} s",
          cert.getSubjectX500Principal().getName(), config.whenUnavailable() == SecurityConfig.WhenUnavailable.ACCEPT
              ? "accepted on the registry's status" : "refused", min(config.revocationCache(), RETRY_UNAVAILABLE)
              .toSeconds());
    }
    Duration keep = status == Status.UNAVAILABLE ? min(config.revocationCache(), RETRY_UNAVAILABLE)
        : config.revocationCache();
    if (cache.size() >= MAX_ENTRIES) {
      cache.values().removeIf(e -> !now.isBefore(e.until()));
      if (cache.size() >= MAX_ENTRIES) {
        cache.clear();
      }
    }
    cache.put(key, new Entry(status, now.plus(keep)));
    return status;
  }

  /** {@code cert}'s issuer: in the client's chain, else among the configured roots; null if neither. */
  X509Certificate issuerOf(X509Certificate cert, List<X509Certificate> chain) {
    return java.util.stream.Stream.concat(chain.stream(), anchors.stream()).filter(c -> issued(cert, c)).findFirst()
        .orElse(null);
  }

  /**
   * Whether {@code candidate} issued {@code cert}: its name and, since a client can put any
   * certificate in its TLS chain (one with the CA's name and a key of its own made every OCSP and
   * CRL answer fail, which read as "unavailable" and let a revoked certificate in), its key.
   */
  static boolean issued(X509Certificate cert, X509Certificate candidate) {
    if (candidate.equals(cert) || !candidate.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
      return false;
    }
    try {
      cert.verify(candidate.getPublicKey(), CryptoProviders.bouncyCastle());
      return true;
    } catch (java.security.GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
