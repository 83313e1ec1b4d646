package vn.lienthong.server.intake;

import java.time.Duration;
import java.util.Objects;
import vn.lienthong.core.validation.ValidationPolicy;

/**
 * How strict the hub's intake is, per hub (settings {@code intake.*}).
 *
 * @param pdfPolicy the policy every PDF attachment must pass (Decree 30 by default)
 * @param envelopeSha1 what to do with an envelope signed with SHA-1
 * @param whenUnavailable what to do when a PDF's revocation status cannot be learnt now
 * @param recheckEvery how often pending checks are run again
 */
public record IntakePolicy(ValidationPolicy pdfPolicy, EnvelopeSha1 envelopeSha1, WhenUnavailable whenUnavailable,
    Duration recheckEvery) {

  /** Envelopes signed with SHA-1 (Circular 15/2025 retired it). */
  public enum EnvelopeSha1 {
    /** Refused with SIGNATURE_INVALID. */
    REFUSE,
    /** Accepted, with a warning in the audit log. */
    WARN
  }

  /** When OCSP and CRL are unreachable for a PDF's certificates. */
  public enum WhenUnavailable {
    /** Accept; the checks are pending and run again until the services answer. */
    ACCEPT,
    /** Refuse with VERIFICATION_UNAVAILABLE (the sender retries later); nothing stored. */
    REFUSE
  }

  public IntakePolicy {
    Objects.requireNonNull(pdfPolicy, "pdfPolicy");
    Objects.requireNonNull(envelopeSha1, "envelopeSha1");
    Objects.requireNonNull(whenUnavailable, "whenUnavailable");
    Objects.requireNonNull(recheckEvery, "recheckEvery");
    if (recheckEvery.isNegative() || recheckEvery.isZero()) {
      throw new IllegalArgumentException("recheckEvery must be positive");
    }
  }

  /** Decree 30, SHA-1 envelopes refused, accept with pending checks, re-checked every 5 minutes. */
  public static IntakePolicy defaults() {
    return new IntakePolicy(ValidationPolicy.decree30(), EnvelopeSha1.REFUSE, WhenUnavailable.ACCEPT,
        Duration.ofMinutes(5));
  }

  /** The same with another PDF policy. */
  public IntakePolicy withPdfPolicy(ValidationPolicy policy) {
    return new IntakePolicy(policy, envelopeSha1, whenUnavailable, recheckEvery);
  }

  /** The same with another SHA-1 rule. */
  public IntakePolicy withEnvelopeSha1(EnvelopeSha1 rule) {
    return new IntakePolicy(pdfPolicy, rule, whenUnavailable, recheckEvery);
  }

  /** The same with another outage rule. */
  public IntakePolicy withWhenUnavailable(WhenUnavailable rule) {
    return new IntakePolicy(pdfPolicy, envelopeSha1, rule, recheckEvery);
  }
}
