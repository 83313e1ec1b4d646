package vn.lienthong.server.health;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import org.apache.cxf.Bus;
import vn.lienthong.server.auth.Caller;
import vn.lienthong.server.auth.CallerResolver;

/**
 * {@code GET /metrics} on the hub's HTTPS port: {@link Metrics#render()} for callers whose TLS
 * client certificate resolves to an administrator (TLS only: a scrape carries no WS-Security); 401
 * without a known unit, 403 for other units, 405 for other methods.
 */
public final class MetricsServlet extends AdminServlet {

  private static final long serialVersionUID = 1L;

  /** The path under the hub's address. */
  public static final String PATH = "/metrics";

  private final transient Metrics metrics;

  public MetricsServlet(Bus bus, Metrics metrics, CallerResolver callers) {
    super(bus, callers, "GET");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  @Override
  void answer(HttpServletRequest request, HttpServletResponse response, Caller administrator) throws IOException {
    text(response, "text/plain; version=0.0.4; charset=utf-8", metrics.render());
  }
}
