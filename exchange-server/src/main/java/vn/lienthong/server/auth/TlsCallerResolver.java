package vn.lienthong.server.auth;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.server.error.HubError;
import vn.lienthong.server.error.HubException;
import vn.lienthong.server.registry.CertificateNames;
import vn.lienthong.server.registry.Registry;
import vn.lienthong.server.registry.SystemCertificates;

/**
 * The caller named by the TLS client certificate (already verified by the TLS layer against the
 * configured trust anchors): its subject names the unit ({@code UID=ORGANID:<OrganId>}).
 *
 * <p>A unit system must have that very certificate registered and unrevoked, and be active. An
 * administrator is a unit named in the configured administrator list; its certificate need not
 * be in the registry, so that an empty hub can be set up (revoking administrator certificates is
 * the TLS trust configuration's job until the authentication issue checks revocation). An auditor
 * is a unit named in the configured auditor list, on the same terms. Roles add up: a registered
 * unit that is also an auditor keeps its own inbox.
 */
public final class TlsCallerResolver implements CallerResolver {

  private final Registry registry;
  private final Set<OrganId> administrators;
  private final Set<OrganId> auditors;
  private final Clock clock;

  /**
   * A resolver that also gives {@link Role#AUDITOR} to the units in {@code auditors}; {@code clock}
   * dates the algorithm checks of the certificates (as the TLS layer, the wall clock).
   */
  public TlsCallerResolver(Registry registry, Set<OrganId> administrators, Set<OrganId> auditors, Clock clock) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.administrators = Set.copyOf(administrators);
    this.auditors = Set.copyOf(auditors);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Caller resolve(Credentials credentials) {
    if (credentials.tlsChain().isEmpty()) {
      throw new HubException(HubError.NOT_AUTHENTICATED, "Cần chứng thư hệ thống của đơn vị (TLS) / "
          + "a unit's system certificate is required (TLS client authentication)");
    }
    X509Certificate leaf = credentials.tlsChain().get(0);
    Optional<OrganId> unit = CertificateNames.organIdOf(leaf).flatMap(OrganId::tryParse);
    if (unit.isEmpty()) {
      throw new HubException(HubError.NOT_AUTHENTICATED,
          "Chứng thư không ghi mã định danh đơn vị / the certificate names no unit (UID=ORGANID:…)");
    }
    Optional<String> unfit = SystemCertificates.unfitChain(credentials.tlsChain(), clock.instant());
    if (unfit.isPresent()) {
      throw unfit("TLS", unfit.get());
    }
    boolean registered = registry.isRegistered(unit.get(), leaf);
    if (!registered && registry.isRevoked(leaf)) {
      throw new HubException(HubError.NOT_AUTHENTICATED, "Chứng thư đã bị thu hồi trong danh bạ của trục / the "
          + "certificate was revoked in the hub's registry (RevokeUnitCertificate)");
    }
    EnumSet<Role> roles = EnumSet.noneOf(Role.class);
    if (registered) {
      roles.add(Role.UNIT_SYSTEM);
    }
    if (administrators.contains(unit.get())) {
      roles.add(Role.ADMINISTRATOR);
    }
    if (auditors.contains(unit.get())) {
      roles.add(Role.AUDITOR);
    }
    if (roles.isEmpty()) {
      throw new HubException(HubError.NOT_AUTHENTICATED, "Chứng thư không được đăng ký cho đơn vị " + unit.get()
          + " hoặc đơn vị đã ngừng hoạt động / the certificate is not registered for an active unit");
    }
    return new Caller(unit.get(), roles, leaf);
  }

  /** The refusal of a certificate {@link SystemCertificates} finds unfit. */
  static HubException unfit(String use, String reason) {
    return new HubException(HubError.NOT_AUTHENTICATED, "Chứng thư " + use + " không đạt yêu cầu (khóa, thuật toán "
        + "hoặc mục đích sử dụng) / the " + use + " certificate is unfit: " + reason);
  }
}
