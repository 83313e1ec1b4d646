package vn.lienthong.core.pki;

import static java.util.Objects.requireNonNull;

/**
 * A key, certificate or online PKI service that cannot be used, with a {@link Reason} that callers
 * can act on (ask for another password, try the TSA later, use another certificate).
 */
public final class PkiException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why a key, certificate or service could not be used. */
  public enum Reason {
    /** The keystore or token refused the password or PIN. */
    WRONG_PASSWORD,
    /** The keystore or token holds no usable private key (under that alias). */
    KEY_NOT_FOUND,
    /** The keystore file or the PKCS#11 token could not be read. */
    KEYSTORE_UNAVAILABLE,
    /** The certificate's validity ended before now. */
    EXPIRED_CERTIFICATE,
    /** The certificate's validity starts after now. */
    NOT_YET_VALID,
    /** The certificate's CA says it is revoked. */
    REVOKED,
    /** The private key does not belong to the certificate's public key. */
    KEY_MISMATCH,
    /** The certificate has neither digitalSignature nor nonRepudiation key usage. */
    NO_SIGNING_USAGE,
    /** The key type or size is not allowed (Circular 15/2025: RSA ≥ 2048, ECDSA ≥ 256). */
    UNSUPPORTED_KEY,
    /** Neither OCSP nor CRL gave a trustworthy answer. */
    REVOCATION_UNAVAILABLE,
    /** The time-stamp authority did not answer, refused, or answered something unusable. */
    TSA_UNAVAILABLE,
    /** A time-stamp token fails a check: its signature, its TSA's certificate or chain, or its digest. */
    TIMESTAMP_INVALID
  }

  private final Reason reason;

  PkiException(Reason reason, String message) {
    super(message);
    this.reason = requireNonNull(reason, "reason");
  }

  PkiException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = requireNonNull(reason, "reason");
  }

  /** Why it failed. */
  public Reason reason() {
    return reason;
  }
}
