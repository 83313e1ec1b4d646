package vn.lienthong.server.registry;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import vn.lienthong.server.audit.AuditChain;
import vn.lienthong.server.store.Database;
import vn.lienthong.server.store.Sql;
import java.time.Clock;

/** Named groups of addresses that administrators define ({@code DefineGroup}). */
public final class Groups {

  private final Database db;
  private final Clock clock;

  public Groups(Database db, Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Defines (or redefines) a named group as a list of addresses. */
  public void defineGroup(String name, List<String> addresses) {
    db.inTransaction(c -> {
      try (PreparedStatement del = c.prepareStatement("DELETE FROM unit_group WHERE name = ?")) {
        del.setString(1, name);
        del.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO unit_group (name, updated_at) VALUES (?, ?)")) {
        ps.setString(1, name);
        Sql.setInstant(ps, 2, clock.instant());
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO unit_group_address (group_name, pos, address) VALUES (?, ?, ?)")) {
        for (int i = 0; i < addresses.size(); i++) {
          ps.setString(1, name);
          ps.setInt(2, i);
          ps.setString(3, addresses.get(i));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      AuditChain.append(c, clock.instant(), "hub", "REGISTRY_GROUP", null, name + ": " + String.join(",", addresses));
      return null;
    });
  }

  /** The addresses of a group, or empty when no such group exists. */
  public Optional<List<String>> group(String name) {
    return db.autoCommit(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT g.name, a.address FROM unit_group g LEFT JOIN "
          + "unit_group_address a ON a.group_name = g.name WHERE g.name = ? ORDER BY a.pos")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.<List<String>>empty();
          }
          List<String> out = new ArrayList<>();
          do {
            if (rs.getString(2) != null) {
              out.add(rs.getString(2));
            }
          } while (rs.next());
          return Optional.of(List.copyOf(out));
        }
      }
    });
  }

}
