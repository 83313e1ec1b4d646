package vn.lienthong.server.registry;

import java.util.List;

/**
 * The units changed since a version, and the version to ask from next time.
 *
 * @param version the registry's current version
 * @param units units whose last change is newer than the version asked for, deactivated ones
 *     included so that a client can drop them
 */
public record UnitChanges(long version, List<Unit> units) {
  public UnitChanges {
    units = List.copyOf(units);
  }
}
