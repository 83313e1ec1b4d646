package vn.lienthong.server.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
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
 *       The permit is taken once more than {@link #SMALL_BYTES} of the body have arrived, not when
 *       the headers declare a large body: before 2026-11-27 uploads that declared 12 MB and sent
 *       nothing more held every permit (for Jetty's 200 s idle timeout, again and again), and every
 *       other unit's large inline envelope waited 30 s and was refused {@code UNAVAILABLE}. While it
 *       holds a permit a request's body must keep coming: at most {@link #HOLDER_IDLE} without a
 *       byte, and on average {@link #HOLDER_MIN_RATE} bytes a second once it has held it
 *       {@link #HOLDER_GRACE}; else {@code INVALID_REQUEST} ("arrives too slowly") and the permit is
 *       free again.
 * </ul>
 * Past a limit the reader stops and {@link TypedFaults} answers {@code ENVELOPE_TOO_LARGE}.
 */
public final class SoapXmlBudget {

  static final int MTOM_TEXT_CHARS = 64 << 10;
  static final long MTOM_XML_CHARS = 1L << 20;
  static final int INLINE_TEXT_CHARS = 8 << 20;
  static final long INLINE_XML_CHARS = 16L << 20;
  static final long SMALL_BYTES = 1L << 20;
  static final Duration HOLDER_IDLE = Duration.ofSeconds(10);
  static final Duration HOLDER_GRACE = Duration.ofSeconds(10);
  static final long HOLDER_MIN_RATE = 16 << 10;

  /**
   * Request attribute (set on the port's Jetty): a {@link LongConsumer} that sets the idle timeout
   * of the request's connection in milliseconds; absent, the connection's own timeout applies.
   */
  public static final String IDLE_TIMEOUT = SoapXmlBudget.class.getName() + ".idleTimeout";

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
          InputStream in = message.getContent(InputStream.class);
          if (in == null) {
            acquire(message);
          } else {
            message.setContent(InputStream.class, new Metered(in, message));
          }
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
    if (!take(message)) {
      throw Faults.soapFault(busy());
    }
  }

  /** Takes a permit for the request, waiting at most {@link #wait}; false when none came. */
  private boolean take(Message message) {
    try {
      if (!large.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        return false;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Fault(e);
    }
    message.getExchange().put(HELD, new AtomicBoolean(true));
    return true;
  }

  private static HubException busy() {
    return new HubException(HubError.UNAVAILABLE, "Trục đang nhận nhiều yêu cầu lớn không dùng MTOM; thử lại sau / "
        + "the hub is busy with other large requests without MTOM: retry later, or send the envelope as an MTOM "
        + "attachment");
  }

  /**
   * The body of a request that may be large: takes the permit past {@link #SMALL_BYTES}, then holds
   * the sender to {@link #HOLDER_IDLE} and {@link #HOLDER_MIN_RATE} while it holds it.
   */
  private final class Metered extends FilterInputStream {
    private final Message message;
    private long read;
    private long sinceHeld;
    private long heldAt;
    private boolean held;
    private long idleBefore = -1;
    /** Refused: the rest of the body is not read (CXF would wait for all of it before answering). */
    private boolean refused;

    Metered(InputStream in, Message message) {
      super(in);
      this.message = message;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (refused) {
        return -1;
      }
      int n = super.read(b, off, len);
      if (n < 0) {
        restoreIdleTimeout();
        return n;
      }
      read += n;
      if (!held && read > SMALL_BYTES) {
        if (!take(message)) {
          refused = true;
          throw new IOException("no permit", busy());
        }
        held = true;
        heldAt = System.nanoTime();
        shortenIdleTimeout();
      } else if (held) {
        sinceHeld += n;
        long elapsed = System.nanoTime() - heldAt;
        if (elapsed > HOLDER_GRACE.toNanos() && sinceHeld * 1_000_000_000L / elapsed < HOLDER_MIN_RATE) {
          refused = true;
          // CXF reads what is left of a request before it answers (AbstractHTTPDestination.cacheInput):
          // from this sender that would take as long as it likes; the answer goes now, the connection closes
          org.apache.cxf.io.DelegatingInputStream body = message.getContent(org.apache.cxf.io.DelegatingInputStream.class);
          if (body != null) {
            body.setInputStream(InputStream.nullInputStream());
          }
          throw new IOException("too slow", new HubException(HubError.INVALID_REQUEST, "Yêu cầu đến quá chậm / the "
              + "request arrives too slowly (less than " + (HOLDER_MIN_RATE >> 10) + " KiB/s): send large envelopes "
              + "as MTOM attachments"));
        }
      }
      return n;
    }

    private LongConsumer idleTimeout() {
      Object request = message.get(AbstractHTTPDestination.HTTP_REQUEST);
      return request instanceof HttpServletRequest r && r.getAttribute(IDLE_TIMEOUT) instanceof LongConsumer c
          ? c : null;
    }

    private void shortenIdleTimeout() {
      LongConsumer set = idleTimeout();
      if (set != null) {
        Object request = message.get(AbstractHTTPDestination.HTTP_REQUEST);
        idleBefore = request instanceof HttpServletRequest r && r.getAttribute(IDLE_TIMEOUT + ".default")
            instanceof Long l ? l : -1;
        set.accept(HOLDER_IDLE.toMillis());
      }
    }

    private void restoreIdleTimeout() {
      LongConsumer set = idleTimeout();
      if (set != null && idleBefore > 0) {
        set.accept(idleBefore);
        idleBefore = -1;
      }
    }
  }

  private void release(Message message) {
    Object held = message.getExchange() == null ? null : message.getExchange().get(HELD);
    if (held instanceof AtomicBoolean h && h.compareAndSet(true, false)) {
      large.release();
    }
  }
}
