package vn.lienthong.core.validation;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** What one check found about one signature or document. */
public sealed interface Outcome {

  /** The arguments of the catalogue sentence (a certificate's subject, a date, a digest…). */
  List<String> arguments();

  /** The check holds. */
  record Passed(List<String> arguments) implements Outcome {
    public Passed {
      arguments = List.copyOf(arguments);
    }
  }

  /**
   * The check does not hold. {@code indication} and {@code subIndication} refine the check's
   * defaults when a check knows better (a revocation after the signing time is REVOKED, one
   * without proof of existence REVOKED_NO_POE); null means the check's defaults.
   */
  record Failed(List<String> arguments, Indication indication, SubIndication subIndication)
      implements Outcome {
    public Failed {
      arguments = List.copyOf(arguments);
    }
  }

  /** The check does not apply (no timestamp to check, an earlier failure left nothing to check). */
  record NotApplicable(List<String> arguments) implements Outcome {
    public NotApplicable {
      arguments = List.copyOf(arguments);
    }
  }

  static Outcome passed(String... arguments) {
    return new Passed(List.of(arguments));
  }

  static Outcome failed(String... arguments) {
    return new Failed(List.of(arguments), null, null);
  }

  static Outcome failedAs(Indication indication, SubIndication subIndication, String... arguments) {
    return new Failed(List.of(arguments), requireNonNull(indication, "indication"),
        requireNonNull(subIndication, "subIndication"));
  }

  static Outcome notApplicable(String... arguments) {
    return new NotApplicable(List.of(arguments));
  }

  /** Passed when {@code condition} holds, failed otherwise, with the same arguments. */
  static Outcome check(boolean condition, String... arguments) {
    return condition ? passed(arguments) : failed(arguments);
  }
}
