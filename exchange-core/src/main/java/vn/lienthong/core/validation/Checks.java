package vn.lienthong.core.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs tables of checks under a policy and concludes an indication from their results. */
public final class Checks {

  private Checks() {}

  /**
   * Runs every check of a table the policy does not ignore, in order. A check that throws is
   * recorded as failed with the exception's message: a validator must answer, not crash.
   */
  public static <C> List<CheckResult> run(List<Check<C>> table, C context, ValidationPolicy policy) {
    List<CheckResult> results = new ArrayList<>(table.size());
    for (Check<C> check : table) {
      Level level = policy.level(check.id());
      if (level == Level.IGNORE) {
        continue;
      }
      Outcome outcome;
      try {
        outcome = check.test().apply(context);
      } catch (RuntimeException e) {
        outcome = Outcome.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
      }
      results.add(result(check.id(), level, outcome));
    }
    return List.copyOf(results);
  }

  /** Records one outcome under a policy's level, resolving the check's default indications. */
  public static CheckResult result(CheckId id, Level level, Outcome outcome) {
    Indication indication = id.failureIndication();
    SubIndication sub = id.failureSubIndication();
    CheckResult.Status status;
    if (outcome instanceof Outcome.Failed failed) {
      status = CheckResult.Status.FAILED;
      if (failed.indication() != null) {
        indication = failed.indication();
        sub = failed.subIndication();
      }
    } else if (outcome instanceof Outcome.Passed) {
      status = CheckResult.Status.PASSED;
    } else {
      status = CheckResult.Status.NOT_APPLICABLE;
    }
    return new CheckResult(id, level, status, indication, sub, outcome.arguments());
  }

  /**
   * The verdict of a list of results: TOTAL_FAILED with the first decisive failure that proves
   * invalidity, else INDETERMINATE with the first decisive indeterminate failure, else
   * TOTAL_PASSED. A proof of invalidity outweighs a doubt found earlier.
   */
  public static Verdict conclude(List<CheckResult> results) {
    Optional<CheckResult> failed = results.stream().filter(CheckResult::isDecisive)
        .filter(r -> r.indication() == Indication.TOTAL_FAILED).findFirst();
    if (failed.isPresent()) {
      return Verdict.of(Indication.TOTAL_FAILED, failed.get().subIndication());
    }
    return results.stream().filter(CheckResult::isDecisive).findFirst()
        .map(r -> Verdict.of(r.indication(), r.subIndication()))
        .orElse(Verdict.PASSED);
  }
}
