package vn.lienthong.sample.units;

import java.util.Objects;
import java.util.Optional;

/**
 * One unit of the sample registry, as one line of the data file reads.
 *
 * <p>Identifiers are kept as text: this module does not depend on the core's {@code OrganId}, and
 * the registry's own tests check that every code is in the standard form and that {@code parentId}
 * is what {@code OrganId.parent()} derives from it.
 *
 * @param organId the unit's OrganId, e.g. {@code 000.00.03.H49}
 * @param parentId the parent's OrganId, or the empty string for the root (see {@link #parent()})
 * @param kind what kind of body the unit is
 * @param name the unit's Vietnamese name, NFC
 * @param email the address of the unit's clerical office (văn thư)
 * @param telephone the telephone number as written, e.g. {@code 0203 3825 123}
 * @param address the postal address in Vietnamese
 * @param demo whether the unit gets a certificate in the sample PKI
 */
public record SampleUnit(
    String organId,
    String parentId,
    UnitKind kind,
    String name,
    String email,
    String telephone,
    String address,
    boolean demo) {

  /** Rejects nulls, blank required fields and a unit that is its own parent. */
  public SampleUnit {
    requireText(organId, "organId");
    Objects.requireNonNull(parentId, "parentId");
    Objects.requireNonNull(kind, "kind");
    requireText(name, "name");
    requireText(email, "email");
    requireText(telephone, "telephone");
    requireText(address, "address");
    if (parentId.equals(organId)) {
      throw new IllegalArgumentException("parentId must differ from organId, both were " + organId);
    }
  }

  /** The parent's OrganId; empty for the root. */
  public Optional<String> parent() {
    return parentId.isEmpty() ? Optional.empty() : Optional.of(parentId);
  }

  /** Whether this unit is the root of the registry (it has no parent). */
  public boolean isRoot() {
    return parentId.isEmpty();
  }

  private static void requireText(String value, String argument) {
    Objects.requireNonNull(value, argument);
    if (value.isBlank()) {
      throw new IllegalArgumentException(argument + " must not be blank");
    }
  }
}
