package vn.lienthong.server.health;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import org.apache.cxf.Bus;
import org.apache.cxf.transport.http_jetty.JettyHTTPHandler;
import vn.lienthong.server.auth.Caller;
import vn.lienthong.server.auth.CallerResolver;
import vn.lienthong.server.auth.Credentials;
import vn.lienthong.server.auth.Role;
import vn.lienthong.server.error.HubException;

/**
 * A path on the hub's HTTPS port for administrators, authenticated by the TLS client certificate
 * alone (no WS-Security: scrapers and {@code curl} carry none): 405 for another method, 401
 * without a known unit, 403 for other units; an administrator's request goes to {@link #answer}.
 */
abstract class AdminServlet extends JettyHTTPHandler {

  private static final long serialVersionUID = 1L;

  private final transient CallerResolver callers;
  private final String method;

  /** @param method the one HTTP method the path answers */
  AdminServlet(Bus bus, CallerResolver callers, String method) {
    super(bus);
    this.callers = Objects.requireNonNull(callers, "callers");
    this.method = Objects.requireNonNull(method, "method");
  }

  /** Answers an administrator's request. */
  abstract void answer(HttpServletRequest request, HttpServletResponse response, Caller administrator)
      throws IOException;

  @Override
  protected final void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!method.equals(request.getMethod())) {
      response.sendError(405);
      return;
    }
    Caller administrator = administrator(request, response);
    if (administrator != null) {
      answer(request, response, administrator);
    }
  }

  /** The administrator calling, or null once the error is sent. */
  private Caller administrator(HttpServletRequest request, HttpServletResponse response) throws IOException {
    X509Certificate[] chain = (X509Certificate[]) request.getAttribute("jakarta.servlet.request.X509Certificate");
    Caller caller;
    try {
      caller = callers.resolve(new Credentials(chain == null ? List.of() : List.of(chain)));
    } catch (HubException e) {
      response.sendError(401);
      return null;
    }
    if (!caller.roles().contains(Role.ADMINISTRATOR)) {
      response.sendError(403);
      return null;
    }
    return caller;
  }

  static void text(HttpServletResponse response, String contentType, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    response.setStatus(200);
    response.setContentType(contentType);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
