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
 * Resolves addresses to recipients against the registry. Units named one by one must be known and
 * active (or the resolution says which are not); expansions (children, subtree, group) take the
 * active units they find and skip deactivated ones. The sender is never its own recipient through
 * an expansion. Groups hold addresses, not members, so they follow the registry as it changes;
 * a group may not name another group.
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

  /** Checks a group definition: addresses that parse and name no group. */
  public static List<String> validateGroup(List<String> texts) {
    for (Address a : parse(texts)) {
      if (a instanceof Address.Group) {
        throw new HubException(HubError.INVALID_ADDRESS, "Nhóm không được chứa nhóm / a group cannot name a group", "Address");
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
    List<OrganId> unknownRoots = new ArrayList<>();
    for (Address a : extra) {
      expand(a, explicit, expanded, unknownRoots, true);
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

  private void expand(Address a, Set<OrganId> explicit, Set<OrganId> expanded, List<OrganId> unknownRoots,
      boolean groupsAllowed) {
    if (a instanceof Address.Unit u) {
      explicit.add(u.organId());
    } else if (a instanceof Address.Children ch) {
      expandUnder(ch.parent(), false, expanded, unknownRoots);
    } else if (a instanceof Address.Subtree st) {
      expandUnder(st.root(), true, expanded, unknownRoots);
    } else if (a instanceof Address.Group g) {
      if (!groupsAllowed) {
        throw new HubException(HubError.INVALID_ADDRESS, "Nhóm lồng nhau / nested group " + g.name(), "Address");
      }
      List<String> members = groups.group(g.name()).orElseThrow(() -> new HubException(HubError.INVALID_ADDRESS,
          "Không có nhóm / no such group: " + g.name(), "Address"));
      for (Address m : parse(members)) {
        expand(m, explicit, expanded, unknownRoots, false);
      }
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
