package vn.lienthong.server.routing;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.server.error.HubError;
import vn.lienthong.server.error.HubException;

/**
 * Where a document goes. The notation (in {@code SendDocumentRequest/Address} and in group
 * definitions):
 *
 * <table>
 *   <tr><td>{@code 000.00.31.H49}</td><td>that unit</td></tr>
 *   <tr><td>{@code 000.00.31.H49/*}</td><td>the active units directly under it (e.g. the communes, wards and
 *   offices of Hạ Long)</td></tr>
 *   <tr><td>{@code 000.00.31.H49/**}</td><td>every active unit anywhere under it (not the unit itself)</td></tr>
 *   <tr><td>{@code group:NAME}</td><td>a group an administrator defined ({@code DefineGroup})</td></tr>
 * </table>
 */
public sealed interface Address {

  /** A group name: letters, digits, {@code .}, {@code -}, {@code _}, at most 100 characters. */
  Pattern GROUP_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  /** One unit. */
  record Unit(OrganId organId) implements Address {
    public Unit {
      Objects.requireNonNull(organId, "organId");
    }
  }

  /** The units directly under a unit. */
  record Children(OrganId parent) implements Address {
    public Children {
      Objects.requireNonNull(parent, "parent");
    }
  }

  /** Every unit under a unit. */
  record Subtree(OrganId root) implements Address {
    public Subtree {
      Objects.requireNonNull(root, "root");
    }
  }

  /** A named group. */
  record Group(String name) implements Address {
    public Group {
      if (!GROUP_NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
        throw new IllegalArgumentException("invalid group name: " + name);
      }
    }
  }

  /**
   * Parses the notation.
   *
   * @throws HubException {@link HubError#INVALID_ADDRESS} naming the text
   */
  static Address parse(String text) {
    Objects.requireNonNull(text, "text");
    String t = text.strip();
    if (t.startsWith("group:")) {
      String name = t.substring("group:".length());
      if (!GROUP_NAME.matcher(name).matches()) {
        throw invalid(text);
      }
      return new Group(name);
    }
    if (t.endsWith("/**")) {
      return new Subtree(organId(t.substring(0, t.length() - 3), text));
    }
    if (t.endsWith("/*")) {
      return new Children(organId(t.substring(0, t.length() - 2), text));
    }
    return new Unit(organId(t, text));
  }

  private static OrganId organId(String value, String text) {
    Optional<OrganId> id = OrganId.tryParse(value);
    return id.orElseThrow(() -> invalid(text));
  }

  private static HubException invalid(String text) {
    return new HubException(HubError.INVALID_ADDRESS, "Địa chỉ không hợp lệ / invalid address '"
        + (text.length() > 60 ? text.substring(0, 60) + "…" : text)
        + "' (OrganId, OrganId/*, OrganId/** or group:NAME)", "Address");
  }
}
