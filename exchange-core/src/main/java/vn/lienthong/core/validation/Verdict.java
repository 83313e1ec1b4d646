package vn.lienthong.core.validation;

import static java.util.Objects.requireNonNull;

import java.util.Objects;
import java.util.Optional;

/** An indication with its sub-indication; TOTAL_PASSED has none. */
public final class Verdict {

  public static final Verdict PASSED = new Verdict(Indication.TOTAL_PASSED, null);

  private final Indication indication;
  private final SubIndication subIndication;

  private Verdict(Indication indication, SubIndication subIndication) {
    this.indication = indication;
    this.subIndication = subIndication;
  }

  /** A verdict; {@code subIndication} is required unless the indication is TOTAL_PASSED. */
  public static Verdict of(Indication indication, SubIndication subIndication) {
    requireNonNull(indication, "indication");
    if (indication == Indication.TOTAL_PASSED) {
      return PASSED;
    }
    return new Verdict(indication, requireNonNull(subIndication, "subIndication"));
  }

  public Indication indication() {
    return indication;
  }

  public Optional<SubIndication> subIndication() {
    return Optional.ofNullable(subIndication);
  }

  public boolean passed() {
    return indication == Indication.TOTAL_PASSED;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Verdict v && v.indication == indication && v.subIndication == subIndication;
  }

  @Override
  public int hashCode() {
    return Objects.hash(indication, subIndication);
  }

  @Override
  public String toString() {
    return subIndication == null ? indication.name() : indication + "/" + subIndication;
  }
}
