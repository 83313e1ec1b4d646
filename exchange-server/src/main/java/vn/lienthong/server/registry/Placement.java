package vn.lienthong.server.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.server.error.HubError;
import vn.lienthong.server.error.HubException;

/**
 * Where a unit may sit in the registry's tree, checked inside the registry's transactions: under a
 * registered parent, never under itself, and one unit per code whatever its letter case.
 */
final class Placement {

  private Placement() {}

  /**
   * Checks where a unit sits: its parent is registered, and the unit is not among its parent's
   * ancestors (a cycle would make subtree routing walk for ever).
   */
  static void check(Connection c, UnitData data) throws SQLException {
    OrganId parent = data.parentId();
    if (parent == null) {
      return;
    }
    if (!exists(c, parent)) {
      throw new HubException(HubError.UNKNOWN_UNIT, "Không có đơn vị cấp trên " + parent + " / the parent unit is not "
          + "registered", "Data/ParentId");
    }
    Set<String> seen = new HashSet<>();
    for (String up = parent.value(); up != null && seen.add(up); up = parentOf(c, up)) {
      if (up.equals(data.organId().value())) {
        throw new HubException(HubError.INVALID_REQUEST, parent + " nằm dưới " + data.organId() + " / the parent "
            + "is under the unit itself", "Data/ParentId");
      }
    }
  }

  private static String parentOf(Connection c, String organId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT parent_id FROM unit WHERE organ_id = ?")) {
      ps.setString(1, organId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /**
   * The registered OrganId equal to {@code organId} ignoring letter case: {@code 000.00.31.h49} is
   * not a second unit beside {@code 000.00.31.H49}.
   */
  static Optional<String> existing(Connection c, OrganId organId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT organ_id FROM unit WHERE organ_id = ? OR UPPER(organ_id) = ?")) {
      ps.setString(1, organId.value());
      ps.setString(2, organId.value().toUpperCase(java.util.Locale.ROOT));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  static boolean exists(Connection c, OrganId organId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM unit WHERE organ_id = ?")) {
      ps.setString(1, organId.value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }
}
