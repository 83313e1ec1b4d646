package vn.lienthong.server.api;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.staxutils.StaxUtils;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import vn.lienthong.server.error.HubError;
import vn.lienthong.server.error.HubException;

/**
 * How much SOAP XML the hub reads whole: WS-Security turns a request's XML into a DOM (MTOM parts
 * stay outside it), so an inline base64 envelope costs several times its size in memory until the
 * request ends. Before 2026-11-27 CXF's defaults let four unsigned 90 MB requests, or 24 of 15 MiB
 * at once, take a {@code -Xmx256m} hub out of memory.
 *
 * <ul>
 *   <li>An MTOM request's XML holds metadata and {@code xop:Include}s only: at most
 *       {@link #MTOM_TEXT_CHARS} per text and {@link #MTOM_XML_CHARS} in all.
 *   <li>A plain {@code text/xml} request may carry its envelope inline (Python's zeep cannot send
 *       MTOM): at most {@link #INLINE_TEXT_CHARS} per text and {@link #INLINE_XML_CHARS} in all;
 *       and one over {@link #SMALL_BYTES} holds one of a few permits (one per 96 MiB of heap) until
 *       its operation has run, waiting for one at most a given time, else {@code UNAVAILABLE}.
 * </ul>
 * Past a limit the reader stops and {@link TypedFaults} answers {@code ENVELOPE_TOO_LARGE}.
 */
public final class SoapXmlBudget {

  static final int MTOM_TEXT_CHARS = 64 << 10;
  static final long MTOM_XML_CHARS = 1L << 20;
  static final int INLINE_TEXT_CHARS = 8 << 20;
  static final long INLINE_XML_CHARS = 16L << 20;
  static final long SMALL_BYTES = 1L << 20;

  private static final String HELD = SoapXmlBudget.class.getName() + ".held";

  private final Semaphore large;
  private final Duration wait;

  /**
   * @param maxHeapBytes the heap this JVM may use: one permit for large inline requests per 96 MiB
   * @param wait how long a large inline request waits for a permit before {@code UNAVAILABLE}
   */
  public SoapXmlBudget(long maxHeapBytes, Duration wait) {
    this.large = new Semaphore((int) Math.max(1, maxHeapBytes / (96L << 20)), true);
    this.wait = wait;
  }

  /**
   * Sets the limits for the request (and UTF-8 when its Content-Type names no charset) and, for a
   * large inline one, takes a permit (RECEIVE).
   */
  public AbstractPhaseInterceptor<Message> admit() {
    return new AbstractPhaseInterceptor<>(Phase.RECEIVE) {
      @Override
      public void handleMessage(Message message) {
        String contentType = String.valueOf(message.get(Message.CONTENT_TYPE)).toLowerCase(Locale.ROOT);
        boolean mtom = contentType.contains("multipart/related");
        if (!contentType.contains("charset=")) {
          // XML without a declared charset is UTF-8 (RFC 7303); CXF took HTTP's old default,
          // ISO-8859-1, for the request and for the answer it labels UTF-8
          message.put(Message.ENCODING, "UTF-8");
        }
        message.put(StaxUtils.MAX_TEXT_LENGTH, mtom ? MTOM_TEXT_CHARS : INLINE_TEXT_CHARS);
        message.put(StaxUtils.MAX_XML_CHARACTERS, mtom ? MTOM_XML_CHARS : INLINE_XML_CHARS);
        if (!mtom && !small(message)) {
          acquire(message);
        }
      }

      @Override
      public void handleFault(Message message) {
        release(message);
      }
    };
  }

  /** Gives the permit back once the operation has run (POST_INVOKE); a fault gives it back through {@link #admit}. */
  public AbstractPhaseInterceptor<Message> release() {
    return new AbstractPhaseInterceptor<>(Phase.POST_INVOKE) {
      @Override
      public void handleMessage(Message message) {
        SoapXmlBudget.this.release(message);
      }
    };
  }

  /** Permits free now (for tests and metrics). */
  int available() {
    return large.availablePermits();
  }

  private static boolean small(Message message) {
    Object request = message.get(AbstractHTTPDestination.HTTP_REQUEST);
    long length = request instanceof HttpServletRequest r ? r.getContentLengthLong() : -1;
    return length >= 0 && length <= SMALL_BYTES;
  }

  private void acquire(Message message) {
    try {
      if (!large.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        throw Faults.soapFault(new HubException(HubError.UNAVAILABLE, "Trục đang nhận nhiều yêu cầu lớn không "
            + "dùng MTOM; thử lại sau / the hub is busy with other large requests without MTOM: retry later, or send "
            + "the envelope as an MTOM attachment"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Fault(e);
    }
    message.getExchange().put(HELD, new AtomicBoolean(true));
  }

  private void release(Message message) {
    Object held = message.getExchange() == null ? null : message.getExchange().get(HELD);
    if (held instanceof AtomicBoolean h && h.compareAndSet(true, false)) {
      large.release();
    }
  }
}
