package vn.lienthong.server.registry;

import java.util.Objects;
import vn.lienthong.core.organ.OrganId;

/**
 * What an administrator says about a unit: its identity, its place in the tree and how to reach
 * it. Text fields are never null.
 *
 * @param parentId the parent unit; null means "derive it from the OrganId" (standard form) or
 *     "no parent" (other forms)
 * @param kind free text such as {@code COMMUNE} or {@code SCHOOL} (the sample registry's kinds)
 */
public record UnitData(OrganId organId, OrganId parentId, String name, String kind, String email,
    String telephone, String fax, String address) {

  public UnitData {
    Objects.requireNonNull(organId, "organId");
    if (parentId == null) {
      parentId = organId.parent().orElse(null);
    }
    if (organId.equals(parentId)) {
      throw new IllegalArgumentException("a unit cannot be its own parent: " + organId);
    }
    name = Objects.requireNonNull(name, "name").strip();
    if (name.isEmpty()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    name = text("Name", name, 500);
    kind = text("Kind", kind, 40);
    email = text("Email", email, 200);
    telephone = text("Telephone", telephone, 100);
    fax = text("Fax", fax, 100);
    address = text("Address", address, 500);
  }

  /** A field stripped, within the width the registry stores it in. */
  private static String text(String field, String s, int max) {
    String t = s == null ? "" : s.strip();
    if (t.length() > max) {
      throw new IllegalArgumentException(field + " dài " + t.length() + " ký tự, tối đa " + max + " / " + field
          + " has " + t.length() + " characters, at most " + max);
    }
    return t;
  }
}
