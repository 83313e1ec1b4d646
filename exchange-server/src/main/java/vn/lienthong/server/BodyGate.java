package vn.lienthong.server;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.ThreadPool;

/**
 * How a request's body reaches the servants, so that clients who stop sending cannot hold Jetty's
 * threads: CXF reads a body on one of them, blocking while nothing arrives. Before 2026-11-28, 13
 * certificates with 16 stalled requests each (the limit per certificate, {@link RequestLimits})
 * held all 200 threads and no other unit was answered, not even its TLS handshake.
 *
 * <ul>
 *   <li>A body of at most {@link #EAGER_BYTES} (every call but a document's upload) is read
 *       without a thread, as it arrives; the servant is called once all of it is in.
 *   <li>A larger or chunked body is read by the servant as it arrives, holding a thread: at most
 *       {@code streaming} such requests at once (half of Jetty's threads). When every place is
 *       taken, the next ones are received into a file without a thread ({@link BodySpool}) and the
 *       servant is called once they are in; beyond the spool's byte budget (or without a spool)
 *       they are answered 503 at once, with {@code Retry-After}, which the client library retries.
 *   <li>A body must keep arriving: at most {@link #BODY_IDLE} without a byte (Jetty's idle timeout
 *       while it is read), and once it has taken {@link #GRACE}, at least {@link #MIN_RATE} bytes a
 *       second on average; else 408 (still without a thread) or a failed read for the servant, and
 *       the connection is closed. Like nginx's {@code client_body_timeout} and Apache's
 *       {@code mod_reqtimeout}.
 *   <li>A body over {@code maxBodyBytes} (the largest envelope and its XML) is refused 413, from
 *       its declared length before it is read, else once that much has arrived: an MTOM part the
 *       operation never reads is spooled to disk, and no limit counted it.
 * </ul>
 */
final class BodyGate extends Handler.Wrapper {

  /** Bodies read whole before the servant is called. */
  static final int EAGER_BYTES = 64 << 10;
  /** Longest pause while a body is received. */
  static final Duration BODY_IDLE = Duration.ofSeconds(20);
  /** How long a body may take before its average rate is checked. */
  static final Duration GRACE = Duration.ofSeconds(20);
  /** Slowest average rate of a body that has taken longer than {@link #GRACE}, bytes a second. */
  static final long MIN_RATE = 2 << 10;
  /** What a request may carry beside its envelope: the SOAP XML of an inline request, MIME framing. */
  static final long XML_ALLOWANCE = 64L << 20;

  private final long maxBodyBytes;
  private final Semaphore streaming;
  /** Where bodies go when every streaming place is taken; null: they are answered 503. */
  private final BodySpool.Store spool;
  private final Duration idle;
  private final Duration grace;
  private final long minRate;

  BodyGate(long maxBodyBytes, int streaming, BodySpool.Store spool) {
    this(maxBodyBytes, streaming, spool, BODY_IDLE, GRACE, MIN_RATE);
  }

  BodyGate(long maxBodyBytes, int streaming, Duration idle, Duration grace, long minRate) {
    this(maxBodyBytes, streaming, null, idle, grace, minRate);
  }

  BodyGate(long maxBodyBytes, int streaming, BodySpool.Store spool, Duration idle, Duration grace, long minRate) {
    this.maxBodyBytes = maxBodyBytes;
    this.streaming = new Semaphore(streaming);
    this.spool = spool;
    this.idle = idle;
    this.grace = grace;
    this.minRate = minRate;
  }

  /** Half of the pool's threads, which leaves the other half to bodies read whole and to Jetty. */
  static int streamingFor(ThreadPool pool) {
    return pool instanceof ThreadPool.SizedThreadPool sized ? Math.max(1, sized.getMaxThreads() / 2) : 100;
  }

  /** Requests that may start streaming their bodies now (for tests). */
  int streamingAvailable() {
    return streaming.availablePermits();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    long length = request.getLength();
    if (length == 0 || length < 0 && !request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
      return super.handle(request, response, callback); // no body
    }
    if (length > maxBodyBytes) {
      refuse(request, response, callback, 413, "The request body is larger than the hub accepts (" + length
          + " bytes declared, at most " + maxBodyBytes + ")");
      return true;
    }
    EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
    if (length > EAGER_BYTES) {
      Pace pace = new Pace(endPoint);
      if (streaming.tryAcquire()) {
        return streamed(new Streamed(request, pace), response, callback);
      }
      spillOrRefuse(request, response, callback, pace, new byte[0], 0);
      return true;
    }
    new Eager(request, response, callback, new Pace(endPoint)).read(false);
    return true;
  }

  /** With every streaming place taken: the body into the spool, or 503 without one. */
  private void spillOrRefuse(Request request, Response response, Callback callback, Pace pace, byte[] ahead,
      int length) {
    if (spool == null) {
      response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
      refuse(request, response, callback, 503, "Too many uploads in progress: retry later");
      return;
    }
    new BodySpool(spool, getHandler(), request, response, callback, pace).start(ahead, length);
  }

  /** Lets the servant read a paced body on its thread, holding the streaming place it took until the answer. */
  private boolean streamed(Request request, Response response, Callback callback) throws Exception {
    AtomicBoolean held = new AtomicBoolean(true);
    Runnable release = () -> {
      if (held.compareAndSet(true, false)) {
        streaming.release();
      }
    };
    try {
      if (super.handle(request, response, Callback.from(release, callback))) { // the place back first
        return true;
      }
      release.run();
      return false;
    } catch (Exception | Error e) {
      release.run();
      throw e;
    }
  }

  static void refuse(Request request, Response response, Callback callback, int status, String message) {
    response.getHeaders().put(HttpHeader.CONNECTION, "close"); // the rest of the body is not read
    Response.writeError(request, response, callback, status, message);
  }

  /** One body's arrival: its bytes, its time, and the connection's idle timeout while it lasts. */
  final class Pace {
    private final EndPoint endPoint;
    private final long before;
    private final long start = System.nanoTime();
    private long bytes;

    Pace(EndPoint endPoint) {
      this.endPoint = endPoint;
      this.before = endPoint.getIdleTimeout();
      endPoint.setIdleTimeout(before > 0 ? Math.min(before, idle.toMillis()) : idle.toMillis());
    }

    /** Counts a chunk; the failure to report when the body is now too large or too slow, else null. */
    BodyRefused arrived(Content.Chunk chunk) {
      bytes += chunk.remaining();
      if (bytes > maxBodyBytes) {
        return new BodyRefused(413, "The request body is larger than the hub accepts (at most " + maxBodyBytes
            + " bytes)");
      }
      if (chunk.isLast()) {
        endPoint.setIdleTimeout(before); // the servant's work is not the client's pause
        return null;
      }
      long elapsed = System.nanoTime() - start;
      if (elapsed > grace.toNanos() && bytes * 1_000_000_000L / elapsed < minRate) {
        return new BodyRefused(408, "The request body arrives too slowly (" + bytes + " bytes in "
            + elapsed / 1_000_000 + " ms, less than " + minRate + " bytes a second)");
      }
      return null;
    }
  }

  /** Why a body was refused, with the HTTP status that says so. */
  static final class BodyRefused extends TimeoutException {
    final int status;

    BodyRefused(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  /** A large body the servant reads itself, on its thread: each chunk is paced. */
  private static final class Streamed extends Request.Wrapper {
    private final Pace pace;
    private Throwable refused;

    Streamed(Request request, Pace pace) {
      super(request);
      this.pace = pace;
    }

    @Override
    public Content.Chunk read() {
      if (refused != null) {
        return Content.Chunk.from(refused, true);
      }
      Content.Chunk chunk = super.read();
      if (chunk == null || Content.Chunk.isFailure(chunk)) {
        return chunk;
      }
      refused = pace.arrived(chunk);
      if (refused != null) {
        chunk.release();
        return Content.Chunk.from(refused, true);
      }
      return chunk;
    }
  }

  /**
   * A small body read as it arrives, without a thread (Jetty calls {@link #run} when more is
   * there); then the servant is called with the body already in.
   */
  private final class Eager implements Invocable.Task {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final Pace pace;
    /**
     * The bytes read ahead, copied: a chunked body can come as tens of thousands of one-byte chunks,
     * each an object of about a hundred bytes (and a hold on a network buffer) if it were kept.
     */
    private byte[] ahead = new byte[0];
    private int aheadLength;
    /** The body's last chunk when it carries no bytes (its end, or its trailers). */
    private Content.Chunk end;

    Eager(Request request, Response response, Callback callback, Pace pace) {
      this.request = request;
      this.response = response;
      this.callback = callback;
      this.pace = pace;
    }

    @Override
    public InvocationType getInvocationType() {
      return InvocationType.NON_BLOCKING;
    }

    @Override
    public void run() {
      read(true);
    }

    void read(boolean onDemand) {
      while (true) {
        Content.Chunk chunk = request.read();
        if (chunk == null) {
          request.demand(this);
          return;
        }
        if (Content.Chunk.isFailure(chunk)) {
          Throwable failure = chunk.getFailure();
          drop();
          if (chunk.isLast()) {
            callback.failed(failure); // the client went away, or sent a broken body
          } else {
            refuse(request, response, callback, 408, "The request body stopped arriving");
          }
          return;
        }
        BodyRefused refused = pace.arrived(chunk);
        if (refused != null) {
          chunk.release();
          drop();
          refuse(request, response, callback, refused.status, refused.getMessage());
          return;
        }
        boolean last = chunk.isLast();
        if (chunk.hasRemaining()) {
          keep(chunk.getByteBuffer());
          chunk.release();
          if (last) {
            end = Content.Chunk.EOF;
          }
        } else if (last) {
          end = chunk; // trailers, if any, go to the servant
        } else {
          chunk.release();
        }
        if (last || pace.bytes > EAGER_BYTES) { // a chunked body can turn out large: it streams from here
          if (onDemand) {
            try {
              request.getContext().execute(() -> dispatch(last)); // the servant may block: not on Jetty's selector
            } catch (RejectedExecutionException e) {
              drop();
              refuse(request, response, callback, 503, "The hub is overloaded: retry later");
            }
          } else {
            dispatch(last);
          }
          return;
        }
      }
    }

    private void keep(ByteBuffer bytes) {
      int n = bytes.remaining();
      if (aheadLength + n > ahead.length) {
        ahead = Arrays.copyOf(ahead, Math.max(aheadLength + n, Math.min(2 * ahead.length, EAGER_BYTES)));
      }
      bytes.get(ahead, aheadLength, n);
      aheadLength += n;
    }

    private void drop() {
      ahead = null;
      if (end != null) {
        end.release();
        end = null;
      }
    }

    /** Calls the servant with the body read so far given back first; the rest, if any, streams (or spools). */
    private void dispatch(boolean whole) {
      if (!whole && !streaming.tryAcquire()) {
        byte[] read = ahead;
        ahead = null;
        spillOrRefuse(request, response, callback, pace, read, aheadLength);
        return;
      }
      ArrayDeque<Content.Chunk> chunks = new ArrayDeque<>(2);
      if (aheadLength > 0) {
        chunks.add(Content.Chunk.from(ByteBuffer.wrap(ahead, 0, aheadLength), false));
      }
      if (end != null) {
        chunks.add(end);
      }
      ahead = null;
      end = null;
      Rewound body = new Rewound(whole ? request : new Streamed(request, pace), chunks);
      Callback done = Callback.from(body::drop, callback);
      try {
        boolean handled = whole ? BodyGate.super.handle(body, response, done) : streamed(body, response, done);
        if (!handled) {
          Response.writeError(request, response, done, 404);
        }
      } catch (Throwable t) {
        Response.writeError(request, response, done, t);
      }
    }
  }

  /** The request with the body read ahead given back first. */
  private static final class Rewound extends Request.Wrapper {
    private final ArrayDeque<Content.Chunk> chunks;

    Rewound(Request request, ArrayDeque<Content.Chunk> chunks) {
      super(request);
      this.chunks = chunks;
    }

    @Override
    public Content.Chunk read() {
      synchronized (chunks) {
        Content.Chunk next = chunks.pollFirst();
        if (next != null) {
          return next;
        }
      }
      return super.read();
    }

    @Override
    public void demand(Runnable demandCallback) {
      boolean ready;
      synchronized (chunks) {
        ready = !chunks.isEmpty();
      }
      if (ready) {
        getContext().execute(demandCallback);
      } else {
        super.demand(demandCallback);
      }
    }

    void drop() {
      synchronized (chunks) {
        chunks.forEach(Content.Chunk::release);
        chunks.clear();
      }
    }
  }
}
