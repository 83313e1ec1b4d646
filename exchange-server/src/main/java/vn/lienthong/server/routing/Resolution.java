package vn.lienthong.server.routing;

import java.util.List;
import java.util.Set;
import vn.lienthong.core.organ.OrganId;

/**
 * The recipients an intake resolved, and what was wrong on the way.
 *
 * @param recipients the active units to deliver to, without duplicates, in a stable order
 * @param unknown units named explicitly (or as the root of a subtree) that the registry lacks
 * @param inactive units named explicitly that are deactivated
 */
public record Resolution(Set<OrganId> recipients, List<OrganId> unknown, List<OrganId> inactive) {
  public Resolution {
    recipients = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(recipients));
    unknown = List.copyOf(unknown);
    inactive = List.copyOf(inactive);
  }
}
