package vn.lienthong.sample.pki;

import static java.util.Objects.requireNonNull;

/**
 * A unit that gets a system and a seal certificate.
 *
 * @param organId the unit's OrganId, written into the subject as {@code UID=ORGANID:<organId>}
 * @param name the unit's Vietnamese name, used for O and CN
 */
public record UnitSpec(String organId, String name) {
  public UnitSpec {
    requireNonNull(organId, "organId");
    requireNonNull(name, "name");
    if (organId.isBlank() || name.isBlank()) {
      throw new IllegalArgumentException("organId and name must not be blank");
    }
  }
}
