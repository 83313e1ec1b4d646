package vn.lienthong.server.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * How the hub checks callers beyond the TLS handshake.
 *
 * @param revocationCache how long an OCSP/CRL answer about a caller's certificate is reused
 * @param whenUnavailable what to do when neither OCSP nor CRL answers about it
 * @param skew how far a WS-Security Timestamp's Created may lie in the past or the future
 */
public record SecurityConfig(Duration revocationCache, WhenUnavailable whenUnavailable, Duration skew) {

  /** Five minutes of cache, accept on the registry's word when OCSP/CRL are down, five minutes of skew. */
  public static final SecurityConfig DEFAULT =
      new SecurityConfig(Duration.ofMinutes(5), WhenUnavailable.ACCEPT, Duration.ofMinutes(5));

  /** The policy when revocation status cannot be had. */
  public enum WhenUnavailable {
    /** Accept on the registry's status (registered, unrevoked) and log a warning. */
    ACCEPT,
    /** Refuse the call with NOT_AUTHENTICATED. */
    REFUSE
  }

  public SecurityConfig {
    Objects.requireNonNull(revocationCache, "revocationCache");
    Objects.requireNonNull(whenUnavailable, "whenUnavailable");
    Objects.requireNonNull(skew, "skew");
    if (revocationCache.isNegative() || skew.isNegative() || skew.isZero()) {
      throw new IllegalArgumentException("revocationCache must not be negative, skew must be positive");
    }
  }
}
