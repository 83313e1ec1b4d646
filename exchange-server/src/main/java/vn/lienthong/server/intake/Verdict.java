package vn.lienthong.server.intake;

import java.util.Objects;
import vn.lienthong.server.evidence.Receipt;

/** What a passing check says: go on, or stop because the message was already accepted. */
public sealed interface Verdict {

  /** Go on with the next check. */
  Verdict PASS = new Pass();

  /** The check found nothing wrong. */
  record Pass() implements Verdict {}

  /**
   * The check passed with an outcome worth recording in the signed receipt: {@code PASSED} with a
   * detail (e.g. the signer), or {@code PENDING} for a verdict that completes later.
   */
  record Noted(String outcome, String detail) implements Verdict {
    public Noted {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /** Go on; the message is accepted with checks that could not complete now and run again later. */
  record Deferred(java.util.List<PendingCheck> checks) implements Verdict {
    public Deferred {
      checks = java.util.List.copyOf(checks);
    }
  }

  /** Go on; the message is accepted with a warning written to the audit log (e.g. a SHA-1 envelope). */
  record Warning(String text) implements Verdict {
    public Warning {
      Objects.requireNonNull(text, "text");
    }
  }

  /** The same message was accepted before: answer its receipt and store nothing. */
  record AlreadyAccepted(Receipt receipt) implements Verdict {
    public AlreadyAccepted {
      Objects.requireNonNull(receipt, "receipt");
    }
  }
}
