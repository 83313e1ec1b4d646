package vn.lienthong.sample.pki;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A revocation entry.
 *
 * @param reason the RFC 5280 reason
 * @param time when the certificate was revoked
 */
public record Revocation(RevocationReason reason, Instant time) {
  public Revocation {
    requireNonNull(reason, "reason");
    requireNonNull(time, "time");
  }
}
