package vn.lienthong.server.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.server.error.HubError;
import vn.lienthong.server.error.HubException;
import vn.lienthong.server.registry.Groups;
import vn.lienthong.server.registry.UnitTree;

/**
 * Resolves addresses to recipients against the registry. Units named one by one ({@code To} and
 * unit addresses) must be known and active (or the resolution says which are not); expansions
 * (children, subtree, group, including a unit a group names) take the active units they find and
 * skip deactivated ones. The sender is never its own recipient through an expansion. Groups hold
 * addresses, not members, so they follow the registry as it changes; a group may not name another
 * group, nor a unit the registry does not hold.
 */
public final class Router {

  private final UnitTree tree;
  private final Groups groups;

  public Router(UnitTree tree, Groups groups) {
    this.tree = Objects.requireNonNull(tree, "tree");
    this.groups = Objects.requireNonNull(groups, "groups");
  }

  /** Parses address texts. @throws HubException INVALID_ADDRESS */
  public static List<Address> parse(Collection<String> texts) {
    return texts.stream().map(Address::parse).toList();
  }

  /**
   * Defines (or redefines) a named group after checking its addresses: they parse, name no group
   * and name units the registry holds.
   *
   * @return the addresses as stored
   * @throws HubException INVALID_ADDRESS, UNKNOWN_UNIT
   */
  public List<String> defineGroup(String name, List<String> texts) {
    List<String> addresses = validateGroup(texts);
    groups.defineGroup(name, addresses);
    return addresses;
  }

  private List<String> validateGroup(List<String> texts) {
    List<OrganId> named = new ArrayList<>();
    for (Address a : parse(texts)) {
      if (a instanceof Address.Group) {
        throw new HubException(HubError.INVALID_ADDRESS, "Nhóm không được chứa nhóm / a group cannot name a group", "Address");
      }
      named.add(a instanceof Address.Unit u ? u.organId() : a instanceof Address.Children ch ? ch.parent()
          : ((Address.Subtree) a).root());
    }
    Map<OrganId, Boolean> known = tree.activity(named);
    for (OrganId id : named) {
      if (!known.containsKey(id)) {
        throw new HubException(HubError.UNKNOWN_UNIT, "Không có trong danh bạ / not in the directory: " + id, "Address");
      }
    }
    return texts.stream().map(String::strip).toList();
  }

  /**
   * Resolves the envelope's recipients ({@code To}) plus extra addresses.
   *
   * @param sender excluded from expansions
   */
  public Resolution resolve(OrganId sender, List<OrganId> to, List<Address> extra) {
    Set<OrganId> explicit = new LinkedHashSet<>(to);
    Set<OrganId> expanded = new LinkedHashSet<>();
    Set<OrganId> groupUnits = new LinkedHashSet<>();
    List<OrganId> unknownRoots = new ArrayList<>();
    for (Address a : extra) {
      if (a instanceof Address.Group g) {
        expandGroup(g, groupUnits, expanded, unknownRoots);
      } else {
        expand(a, explicit, expanded, unknownRoots);
      }
    }
    // a unit a group names is an expansion: skipped when deactivated since the group was defined
    Map<OrganId, Boolean> members = tree.activity(groupUnits);
    for (OrganId id : groupUnits) {
      if (!members.containsKey(id)) {
        unknownRoots.add(id);
      } else if (members.get(id)) {
        expanded.add(id);
      }
    }
    Map<OrganId, Boolean> activity = tree.activity(explicit);
    List<OrganId> unknown = new ArrayList<>(unknownRoots);
    List<OrganId> inactive = new ArrayList<>();
    Set<OrganId> recipients = new LinkedHashSet<>();
    for (OrganId id : explicit) {
      Boolean active = activity.get(id);
      if (active == null) {
        unknown.add(id);
      } else if (!active) {
        inactive.add(id);
      } else {
        recipients.add(id);
      }
    }
    expanded.remove(sender);
    recipients.addAll(expanded);
    return new Resolution(recipients, unknown, inactive);
  }

  /** A unit, children or subtree address; units go to {@code units}, expansions to {@code expanded}. */
  private void expand(Address a, Set<OrganId> units, Set<OrganId> expanded, List<OrganId> unknownRoots) {
    if (a instanceof Address.Unit u) {
      units.add(u.organId());
    } else if (a instanceof Address.Children ch) {
      expandUnder(ch.parent(), false, expanded, unknownRoots);
    } else if (a instanceof Address.Subtree st) {
      expandUnder(st.root(), true, expanded, unknownRoots);
    } else {
      throw new HubException(HubError.INVALID_ADDRESS, "Nhóm lồng nhau / nested group " + ((Address.Group) a).name(),
          "Address");
    }
  }

  private void expandGroup(Address.Group g, Set<OrganId> groupUnits, Set<OrganId> expanded,
      List<OrganId> unknownRoots) {
    List<String> members = groups.group(g.name()).orElseThrow(() -> new HubException(HubError.INVALID_ADDRESS,
        "Không có nhóm / no such group: " + g.name(), "Address"));
    for (Address m : parse(members)) {
      expand(m, groupUnits, expanded, unknownRoots);
    }
  }

  private void expandUnder(OrganId root, boolean deep, Set<OrganId> expanded, List<OrganId> unknownRoots) {
    if (tree.activity(List.of(root)).isEmpty()) {
      unknownRoots.add(root);
      return;
    }
    expanded.addAll(deep ? tree.activeSubtree(root) : tree.activeChildren(root));
  }
}
