package vn.lienthong.server.auth;

import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.server.error.HubError;
import vn.lienthong.server.error.HubException;

/**
 * Who is calling, as authenticated: the unit and the roles it holds, and the certificate that
 * proved it.
 */
public record Caller(OrganId unit, Set<Role> roles, X509Certificate certificate) {

  public Caller {
    Objects.requireNonNull(unit, "unit");
    roles = Set.copyOf(roles.isEmpty() ? Set.of() : EnumSet.copyOf(roles));
    Objects.requireNonNull(certificate, "certificate");
  }

  /** Whether the caller holds {@code role}. */
  public boolean has(Role role) {
    return roles.contains(role);
  }

  /** @throws HubException NOT_AUTHORIZED unless the caller holds {@code role} */
  public void require(Role role) {
    if (!has(role)) {
      throw new HubException(HubError.NOT_AUTHORIZED, switch (role) {
        case ADMINISTRATOR -> "Chỉ quản trị viên được làm việc này / administrators only";
        case AUDITOR -> "Chỉ kiểm tra viên được làm việc này / auditors only";
        default -> "Đơn vị " + unit + " không được làm việc này / the unit may not do this";
      });
    }
  }
}
