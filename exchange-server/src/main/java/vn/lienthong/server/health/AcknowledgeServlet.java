package vn.lienthong.server.health;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.function.ToIntFunction;
import org.apache.cxf.Bus;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.server.auth.Caller;
import vn.lienthong.server.auth.CallerResolver;

/**
 * {@code POST /checks/acknowledge} on the hub's HTTPS port: an administrator (TLS client
 * certificate) acknowledges the PDF checks that failed after delivery, which clears the alert
 * {@code pdf-check-failed} ({@code Recheck.acknowledgeFailures}; audited with the administrator's
 * unit). The request must carry the header {@value #HEADER}: a page in a browser that holds an
 * administrator's certificate can make it POST a form cross-site, but not add a header without a
 * CORS pre-flight, which this path refuses. 405 for other methods, 400 without the header; the
 * answer is one line of text saying how many checks were acknowledged.
 *
 * <pre>curl --cert admin.pem --key admin.key -X POST -H 'X-Lienthong-Admin: acknowledge' https://HUB/checks/acknowledge</pre>
 */
public final class AcknowledgeServlet extends AdminServlet {

  private static final long serialVersionUID = 1L;

  /** The path under the hub's address. */
  public static final String PATH = "/checks/acknowledge";

  /** The header every acknowledgement must carry (any value): the guard against cross-site requests. */
  public static final String HEADER = "X-Lienthong-Admin";

  private final transient ToIntFunction<OrganId> acknowledge;

  /** @param acknowledge acknowledges the failed checks as the given administrator's unit, returns how many */
  public AcknowledgeServlet(Bus bus, CallerResolver callers, ToIntFunction<OrganId> acknowledge) {
    super(bus, callers, "POST");
    this.acknowledge = Objects.requireNonNull(acknowledge, "acknowledge");
  }

  @Override
  void answer(HttpServletRequest request, HttpServletResponse response, Caller admin) throws IOException {
    if (request.getHeader(HEADER) == null) {
      response.sendError(400, "the header " + HEADER + " is required");
      return;
    }
    int n = acknowledge.applyAsInt(admin.unit());
    text(response, "text/plain; charset=utf-8", "acknowledged " + n + " failed PDF check(s)\n");
  }
}
