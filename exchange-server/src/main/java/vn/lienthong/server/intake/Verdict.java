package vn.lienthong.server.intake;

import java.util.Objects;
import vn.lienthong.server.evidence.Receipt;

/** What a passing check says: go on, or stop because the message was already accepted. */
public sealed interface Verdict {

  /** Go on with the next check. */
  Verdict PASS = new Pass();

  /** The check found nothing wrong. */
  record Pass() implements Verdict {}

  /** The same message was accepted before: answer its receipt and store nothing. */
  record AlreadyAccepted(Receipt receipt) implements Verdict {
    public AlreadyAccepted {
      Objects.requireNonNull(receipt, "receipt");
    }
  }
}
