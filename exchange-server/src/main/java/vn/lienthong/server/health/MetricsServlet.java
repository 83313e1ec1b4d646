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
 * {@code GET /metrics} on the hub's HTTPS port: {@link Metrics#render()} for callers whose TLS
 * client certificate resolves to an administrator (TLS only: a scrape carries no WS-Security); 401
 * without a known unit, 403 for other units, 405 for other methods.
 */
public final class MetricsServlet extends JettyHTTPHandler {

  private static final long serialVersionUID = 1L;

  /** The path under the hub's address. */
  public static final String PATH = "/metrics";

  private final transient Metrics metrics;
  private final transient CallerResolver callers;

  public MetricsServlet(Bus bus, Metrics metrics, CallerResolver callers) {
    super(bus);
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.callers = Objects.requireNonNull(callers, "callers");
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!"GET".equals(request.getMethod())) {
      response.sendError(405);
      return;
    }
    X509Certificate[] chain = (X509Certificate[]) request.getAttribute("jakarta.servlet.request.X509Certificate");
    Caller caller;
    try {
      caller = callers.resolve(new Credentials(chain == null ? List.of() : List.of(chain)));
    } catch (HubException e) {
      response.sendError(401);
      return;
    }
    if (!caller.roles().contains(Role.ADMINISTRATOR)) {
      response.sendError(403);
      return;
    }
    byte[] body = metrics.render().getBytes(StandardCharsets.UTF_8);
    response.setStatus(200);
    response.setContentType("text/plain; version=0.0.4; charset=utf-8");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
