package vn.lienthong.server.auth;

import java.security.cert.X509Certificate;
import java.time.Clock;
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
 * Issue 6's caller: the TLS client certificate names a registered unit (or an administrator or
 * auditor, as {@link TlsCallerResolver} decides), is not revoked by its CA, and the request's WS-Security
 * signature is by a certificate of the same unit that is registered and unrevoked for it. An
 * administrator or auditor that is not a registered unit must sign with its TLS certificate itself.
 * Every refusal is {@code NOT_AUTHENTICATED} with a sentence saying which rule failed.
 */
public final class SignedCallerResolver implements CallerResolver {

  private final TlsCallerResolver tls;
  private final Registry registry;
  private final RevocationChecker revocation;
  private final Clock clock;

  public SignedCallerResolver(Registry registry, Set<OrganId> administrators, Set<OrganId> auditors,
      RevocationChecker revocation, Clock clock) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.tls = new TlsCallerResolver(registry, administrators, auditors, clock);
    this.revocation = Objects.requireNonNull(revocation, "revocation");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Caller resolve(Credentials credentials) {
    Caller caller = tls.resolve(credentials);
    X509Certificate leaf = caller.certificate();
    revocation.require(leaf, credentials.tlsChain());
    if (!(credentials.signature() instanceof MessageSignature.Verified verified)) {
      throw new HubException(HubError.NOT_AUTHENTICATED, ((MessageSignature.Refused) credentials.signature()).reason());
    }
    X509Certificate signer = verified.certificate();
    Optional<OrganId> signerUnit = CertificateNames.organIdOf(signer).flatMap(OrganId::tryParse);
    if (signerUnit.isEmpty() || !signerUnit.get().equals(caller.unit())) {
      throw new HubException(HubError.NOT_AUTHENTICATED, "Chữ ký WS-Security là của "
          + signerUnit.map(OrganId::value).orElse("một chứng thư không ghi mã đơn vị") + ", không phải của đơn vị gọi "
          + caller.unit() + " / the WS-Security signature is not by the unit of the TLS client certificate");
    }
    if (!signer.equals(leaf)) {
      if (!caller.has(Role.UNIT_SYSTEM) || !registry.isRegistered(caller.unit(), signer)) {
        throw new HubException(HubError.NOT_AUTHENTICATED, "Chứng thư ký WS-Security không được đăng ký cho đơn vị "
            + caller.unit() + " / the WS-Security signing certificate is not registered for the unit"
            + (caller.has(Role.UNIT_SYSTEM) ? "" : " (an administrator or auditor signs with its TLS certificate)"));
      }
      Optional<String> unfit = SystemCertificates.unfit(signer, clock.instant());
      if (unfit.isPresent()) {
        throw TlsCallerResolver.unfit("WS-Security", unfit.get());
      }
      revocation.require(signer, credentials.tlsChain());
    }
    return caller;
  }
}
