package vn.lienthong.client;

import java.util.Objects;

/**
 * What the hub answered for one entry of {@link ExchangeClient#confirmAll}: confirmed (now, or
 * already before), or refused on its own while the others went on.
 */
public sealed interface ConfirmOutcome {

  /** The entry's message reference, as in {@link InboxMessage#messageRef()}. */
  long messageRef();

  /** Taken out of the inbox; {@link Confirmation#alreadyConfirmed()} when it had been before. */
  record Confirmed(long messageRef, Confirmation confirmation) implements ConfirmOutcome {
    public Confirmed {
      Objects.requireNonNull(confirmation, "confirmation");
    }
  }

  /**
   * Not confirmed, and left as it was: {@link FaultCode#LEASE_LOST} (the lease ended; the entry
   * is handed out again), {@link FaultCode#UNKNOWN_MESSAGE}, or {@link FaultCode#INVALID_REQUEST}.
   *
   * @param message the hub's sentence for clerks
   */
  record Refused(long messageRef, FaultCode code, String message) implements ConfirmOutcome {
    public Refused {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }
  }
}
