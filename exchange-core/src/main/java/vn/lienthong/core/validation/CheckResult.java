package vn.lienthong.core.validation;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One check as it ran: its id, the weight the policy gave it, whether it held, what a failure
 * means, and the arguments of its catalogue sentence.
 *
 * @param indication what the failure means (the check's default or the refinement it found)
 * @param subIndication likewise
 */
public record CheckResult(
    CheckId id,
    Level level,
    Status status,
    Indication indication,
    SubIndication subIndication,
    List<String> arguments) {

  /** Whether a check held. */
  public enum Status {
    PASSED,
    FAILED,
    NOT_APPLICABLE
  }

  public CheckResult {
    requireNonNull(id, "id");
    requireNonNull(level, "level");
    requireNonNull(status, "status");
    requireNonNull(indication, "indication");
    requireNonNull(subIndication, "subIndication");
    arguments = List.copyOf(arguments);
  }

  /** Whether this result decides the indication: a failure at level {@link Level#FAIL}. */
  public boolean isDecisive() {
    return status == Status.FAILED && level == Level.FAIL;
  }

  /** Whether this result is a failure the report shows as a warning. */
  public boolean isWarning() {
    return status == Status.FAILED && level == Level.WARN;
  }
}
