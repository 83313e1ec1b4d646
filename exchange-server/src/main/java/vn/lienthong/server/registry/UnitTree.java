package vn.lienthong.server.registry;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.server.store.Database;
import vn.lienthong.server.store.Sql;

/** Reads the registry as a tree: which units exist and are active, and which sit under a unit. */
public final class UnitTree {

  private final Database db;

  public UnitTree(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /** Active state of each of {@code ids} that exists (absent: unknown). */
  public Map<OrganId, Boolean> activity(Collection<OrganId> ids) {
    Map<OrganId, Boolean> out = new HashMap<>();
    List<OrganId> list = List.copyOf(ids);
    db.autoCommit(c -> {
      for (int from = 0; from < list.size(); from += 500) {
        List<OrganId> chunk = list.subList(from, Math.min(list.size(), from + 500));
        String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT organ_id, active FROM unit WHERE organ_id IN (" + marks + ")")) {
          for (int i = 0; i < chunk.size(); i++) {
            ps.setString(i + 1, chunk.get(i).value());
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.put(OrganId.of(rs.getString(1)), rs.getBoolean(2));
            }
          }
        }
      }
      return null;
    });
    return out;
  }

  /** The active units directly under {@code parent}. */
  public List<OrganId> activeChildren(OrganId parent) {
    return activeUnder(List.of(parent), false);
  }

  /** The active units anywhere under {@code root} (not {@code root} itself). */
  public List<OrganId> activeSubtree(OrganId root) {
    return activeUnder(List.of(root), true);
  }

  private List<OrganId> activeUnder(List<OrganId> roots, boolean deep) {
    return db.autoCommit(c -> {
      List<OrganId> out = new ArrayList<>();
      List<String> level = roots.stream().map(OrganId::value).toList();
      // the registry refuses parent cycles; a visited set still keeps one from looping for ever
      java.util.Set<String> seen = new java.util.HashSet<>(level);
      while (!level.isEmpty()) {
        List<String> next = new ArrayList<>();
        for (int from = 0; from < level.size(); from += 500) {
          List<String> chunk = level.subList(from, Math.min(level.size(), from + 500));
          String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
          try (PreparedStatement ps = c.prepareStatement(
              "SELECT organ_id, active FROM unit WHERE parent_id IN (" + marks + ") ORDER BY organ_id")) {
            for (int i = 0; i < chunk.size(); i++) {
              ps.setString(i + 1, chunk.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                if (!seen.add(rs.getString(1))) {
                  continue;
                }
                next.add(rs.getString(1));
                if (rs.getBoolean(2)) {
                  out.add(OrganId.of(rs.getString(1)));
                }
              }
            }
          }
        }
        level = deep ? next : List.of();
      }
      return out;
    });
  }

}
