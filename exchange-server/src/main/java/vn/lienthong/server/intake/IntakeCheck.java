package vn.lienthong.server.intake;

import java.util.Objects;
import java.util.function.Function;
import vn.lienthong.server.error.HubException;

/**
 * One check a message passes before anything is stored. A check refuses by throwing a
 * {@link HubException} with a code and a sentence; it may also end the intake early with
 * {@link Verdict.AlreadyAccepted}. Checks run in the order of the list given to {@link Intake};
 * the authentication and PDF-verification issue adds its checks to that list.
 */
public interface IntakeCheck {

  /** A stable name, for logs and reports. */
  String id();

  /** Runs the check. @throws HubException to refuse the message */
  Verdict apply(IntakeContext context);

  /** A check from a name and a function. */
  static IntakeCheck of(String id, Function<IntakeContext, Verdict> check) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(check, "check");
    return new IntakeCheck() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public Verdict apply(IntakeContext context) {
        return check.apply(context);
      }

      @Override
      public String toString() {
        return "IntakeCheck[" + id + "]";
      }
    };
  }
}
