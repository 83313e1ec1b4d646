package vn.lienthong.server.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.server.store.Sql;

/** The registry's reads of {@code unit_certificate}, on the caller's connection. */
final class CertificateRows {

  private CertificateRows() {}

  static List<UnitCertificate> of(Connection c, OrganId organId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT sha256, subject, not_after, revoked, der, organ_id "
        + "FROM unit_certificate WHERE organ_id = ? ORDER BY added_at, sha256")) {
      ps.setString(1, organId.value());
      return readCertificates(ps).getOrDefault(organId.value(), List.of());
    }
  }

  static Map<String, List<UnitCertificate>> all(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT sha256, subject, not_after, revoked, der, organ_id "
        + "FROM unit_certificate ORDER BY added_at, sha256")) {
      return readCertificates(ps);
    }
  }

  private static Map<String, List<UnitCertificate>> readCertificates(PreparedStatement ps) throws SQLException {
    Map<String, List<UnitCertificate>> out = new LinkedHashMap<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.computeIfAbsent(rs.getString("organ_id"), k -> new ArrayList<>()).add(new UnitCertificate(
            rs.getString("sha256"), rs.getString("subject"), Sql.getInstant(rs, "not_after"),
            rs.getBoolean("revoked"), Registry.parse(rs.getBytes("der"))));
      }
    }
    return out;
  }

  /** Whether a unit's certificate is revoked; null when the unit has no such certificate. */
  static Boolean revokedState(Connection c, OrganId organId, String sha256) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT revoked FROM unit_certificate WHERE organ_id = ? AND sha256 = ?")) {
      ps.setString(1, organId.value());
      ps.setString(2, sha256);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getBoolean(1) : null;
      }
    }
  }
}
