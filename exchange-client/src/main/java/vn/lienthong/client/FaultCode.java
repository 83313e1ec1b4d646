package vn.lienthong.client;

/**
 * Why a call failed: the hub's {@code FaultCode} one to one, plus {@link #TRANSPORT} for a
 * network failure that outlasted the retries.
 */
public enum FaultCode {
  NOT_AUTHENTICATED, NOT_AUTHORIZED, INVALID_REQUEST, MALFORMED_ENVELOPE, ENVELOPE_TOO_LARGE, EDXML_RULE,
  SIGNATURE_INVALID, SIGNER_NOT_REGISTERED, SENDER_MISMATCH, UNKNOWN_RECIPIENT, INACTIVE_RECIPIENT,
  INVALID_ADDRESS, MANIFEST_MISMATCH, DUPLICATE_CONFLICT, UNKNOWN_DOCUMENT, NOT_A_PARTY, UNKNOWN_MESSAGE,
  LEASE_LOST, UNKNOWN_UNIT, UNIT_EXISTS, INVALID_CERTIFICATE,
  /** A PDF attachment failed the hub's signature policy: {@link ExchangeException#report()} tells why. */
  PDF_SIGNATURE_INVALID,
  /**
   * The hub could not check the signatures now (OCSP/CRL down) and is configured to refuse then:
   * send the same envelope again later (not retried automatically: outages outlast the retries).
   */
  VERIFICATION_UNAVAILABLE,
  /** The hub's database or disk is unavailable: retried automatically, then reported. */
  UNAVAILABLE,
  INTERNAL_ERROR,
  /** Client side: the hub could not be reached or the connection broke, after every retry. */
  TRANSPORT;

  /** Whether the same call may succeed later unchanged (the client retries these itself). */
  public boolean transientFailure() {
    return this == UNAVAILABLE || this == TRANSPORT;
  }
}
