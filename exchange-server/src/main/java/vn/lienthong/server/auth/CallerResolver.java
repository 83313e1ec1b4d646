package vn.lienthong.server.auth;

import vn.lienthong.server.error.HubException;

/**
 * Turns a request's credentials into a {@link Caller}. The hub's one extension point for
 * authentication: {@link TlsCallerResolver} today; a resolver that also requires a WS-Security
 * signature from the same unit replaces it later.
 */
@FunctionalInterface
public interface CallerResolver {

  /**
   * The caller.
   *
   * @throws HubException NOT_AUTHENTICATED when the credentials name no registered, active unit
   */
  Caller resolve(Credentials credentials);
}
