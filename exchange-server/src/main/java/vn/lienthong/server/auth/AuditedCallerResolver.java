package vn.lienthong.server.auth;

import java.util.Objects;
import vn.lienthong.server.audit.AuditTrail;
import vn.lienthong.server.error.HubError;
import vn.lienthong.server.error.HubException;

/** Records every refused authentication (AUTH_FAIL, with the presented certificate's subject) in the audit log. */
public final class AuditedCallerResolver implements CallerResolver {

  private final CallerResolver resolver;
  private final AuditTrail trail;

  public AuditedCallerResolver(CallerResolver resolver, AuditTrail trail) {
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.trail = Objects.requireNonNull(trail, "trail");
  }

  @Override
  public Caller resolve(Credentials credentials) {
    try {
      return resolver.resolve(credentials);
    } catch (HubException e) {
      if (e.error() == HubError.NOT_AUTHENTICATED) {
        String subject = credentials.tlsChain().isEmpty() ? "no certificate"
            : credentials.tlsChain().get(0).getSubjectX500Principal().getName();
        trail.recordRefusal("unknown", "AUTH_FAIL", null, subject + ": " + e.getMessage());
      }
      throw e;
    }
  }
}
