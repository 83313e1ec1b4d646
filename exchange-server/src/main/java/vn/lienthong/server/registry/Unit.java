package vn.lienthong.server.registry;

import java.util.List;
import java.util.Objects;

/**
 * A unit of the directory as the registry holds it.
 *
 * @param version the registry version of the unit's last change (for incremental sync)
 * @param certificates its certificates, revoked ones included (empty in bulk listings)
 */
public record Unit(UnitData data, boolean active, long version, List<UnitCertificate> certificates) {
  public Unit {
    Objects.requireNonNull(data, "data");
    certificates = List.copyOf(certificates);
  }
}
