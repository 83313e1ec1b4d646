package vn.lienthong.server;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import org.apache.cxf.attachment.AttachmentDeserializer;
import org.apache.cxf.interceptor.AttachmentInInterceptor;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienthong.server.api.SoapXmlBudget;
import vn.lienthong.server.store.PayloadStore;

/**
 * What one request may hold of the hub's transport, on the port's Jetty before CXF:
 *
 * <ul>
 *   <li><b>Requests in progress per client certificate</b>: CXF reads a request's body on one of
 *       Jetty's threads (200), blocking while the client sends nothing (up to the 200 s idle
 *       timeout, again after every byte). Before 2026-11-27 about 200 uploads that stalled after
 *       their headers, from one certificate, held every thread: no other unit's call, not even its
 *       TLS handshake, went through. A certificate now has at most {@link #PER_CLIENT} requests in
 *       progress; the next ones are answered 503 at once, without reading their bodies.
 *   <li><b>MTOM parts spooled to disk</b> go to a directory of the request's own, removed when
 *       the request is done: CXF left a part over the memory threshold that the operation never
 *       read (an extra part beside the envelope) in the hub's temporary directory for good.
 *   <li><b>Methods</b>: GET and POST (HEAD as GET); others are answered 405 before CXF sees them.
 *   <li><b>The connection's idle timeout</b> is offered to the SOAP endpoint
 *       ({@link SoapXmlBudget#IDLE_TIMEOUT}) and put back when the request is done.
 * </ul>
 */
final class RequestLimits extends Handler.Wrapper {

  /** Requests one client certificate may have in progress at once. */
  static final int PER_CLIENT = 16;

  private static final Logger LOG = LoggerFactory.getLogger(RequestLimits.class);
  private static final String SPOOL = RequestLimits.class.getName() + ".spool";

  private final Path tmp;
  private final int perClient;
  private final ConcurrentHashMap<String, AtomicInteger> inProgress = new ConcurrentHashMap<>();

  RequestLimits(Path tmp, int perClient) {
    this.tmp = tmp;
    this.perClient = perClient;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String method = request.getMethod();
    if (!"GET".equals(method) && !"POST".equals(method) && !"HEAD".equals(method)) {
      // CXF answered them 500 with a SOAP fault, and logged a warning each
      response.getHeaders().put(HttpHeader.ALLOW, "GET, POST");
      Response.writeError(request, response, callback, 405, method + " is not served here: GET or POST");
      return true;
    }
    String client = client(request);
    AtomicInteger count = inProgress.computeIfAbsent(client, k -> new AtomicInteger());
    if (count.incrementAndGet() > perClient) {
      release(client, count);
      response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
      Response.writeError(request, response, callback, 503, "Too many requests in progress for this client "
          + "certificate (at most " + perClient + "): retry later");
      return true;
    }
    Path spool;
    try {
      spool = Files.createTempDirectory(tmp, "req-");
    } catch (IOException e) {
      release(client, count);
      throw e;
    }
    request.setAttribute(SPOOL, spool.toString());
    // the SOAP endpoint shortens it while a large plain request holds a permit (SoapXmlBudget)
    EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
    long idle = endPoint.getIdleTimeout();
    request.setAttribute(SoapXmlBudget.IDLE_TIMEOUT, (LongConsumer) endPoint::setIdleTimeout);
    request.setAttribute(SoapXmlBudget.IDLE_TIMEOUT + ".default", idle);
    AtomicBoolean done = new AtomicBoolean();
    Runnable end = () -> {
      if (done.compareAndSet(false, true)) {
        endPoint.setIdleTimeout(idle); // the next request on the connection starts afresh
        PayloadStore.deleteRecursively(spool);
        release(client, count);
      }
    };
    Callback ending = Callback.from(end, callback); // freed before the next request on the connection starts
    try {
      if (!super.handle(request, response, ending)) {
        end.run();
        return false;
      }
      return true;
    } catch (Exception | Error e) {
      end.run();
      throw e;
    }
  }

  private void release(String client, AtomicInteger count) {
    if (count.decrementAndGet() <= 0) {
      inProgress.remove(client, count);
    }
  }

  /** The client certificate's SHA-256 (the TLS handshake required one), else the remote address. */
  private static String client(Request request) {
    if (request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData ssl) {
      X509Certificate[] chain = ssl.peerCertificates();
      if (chain != null && chain.length > 0) {
        try {
          return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded()));
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
          LOG.debug("client certificate not encodable", e);
        }
      }
    }
    return "address:" + Request.getRemoteAddr(request);
  }

  /** For the SOAP endpoint: CXF spools the request's MTOM parts into the request's own directory (RECEIVE). */
  static AbstractPhaseInterceptor<Message> spoolInterceptor() {
    AbstractPhaseInterceptor<Message> i = new AbstractPhaseInterceptor<>(Phase.RECEIVE) {
      @Override
      public void handleMessage(Message message) {
        if (message.get(AbstractHTTPDestination.HTTP_REQUEST) instanceof HttpServletRequest r
            && r.getAttribute(SPOOL) instanceof String dir) {
          message.put(AttachmentDeserializer.ATTACHMENT_DIRECTORY, dir);
        }
      }
    };
    i.addBefore(AttachmentInInterceptor.class.getName());
    return i;
  }
}
