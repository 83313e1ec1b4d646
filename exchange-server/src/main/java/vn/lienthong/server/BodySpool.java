package vn.lienthong.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * A large body received into a file when every streaming place is taken, without holding a thread
 * while it arrives (each chunk is written on a pool thread, which then goes back); the servant is
 * called once all of it is in, and reads it from the file. So clients trickling bodies just above
 * the rate floor through every streaming place (a few certificates suffice: 16 requests each) no
 * longer turn every other unit's upload away with 503. The files live in the hub's own temporary
 * directory and count against a budget of bytes shared by all spooled bodies: beyond it, 503 with
 * {@code Retry-After} as before. Paced as every body ({@link BodyGate.Pace}).
 */
final class BodySpool implements Invocable.Task {

  /** The directory and the byte budget shared by every spooled body. */
  record Store(Path directory, long budget, AtomicLong used) {
    Store(Path directory, long budget) {
      this(directory, budget, new AtomicLong());
    }
  }

  private final Store store;
  private final Handler next;
  private final Request request;
  private final Response response;
  private final Callback callback;
  private final BodyGate.Pace pace;
  private Path file;
  private FileChannel channel;
  private long reserved;

  BodySpool(Store store, Handler next, Request request, Response response, Callback callback, BodyGate.Pace pace) {
    this.store = store;
    this.next = next;
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.pace = pace;
  }

  @Override
  public InvocationType getInvocationType() {
    return InvocationType.BLOCKING; // a disk write: never on Jetty's selector
  }

  /** Writes what was read ahead, then receives the rest as it arrives. */
  void start(byte[] ahead, int length) {
    try {
      file = Files.createTempFile(store.directory(), "body-", ".spool");
      channel = FileChannel.open(file, StandardOpenOption.WRITE);
      if (length > 0 && !write(ByteBuffer.wrap(ahead, 0, length))) {
        return;
      }
    } catch (IOException e) {
      cleanUp();
      BodyGate.refuse(request, response, callback, 503, "The hub cannot take the upload now: retry later");
      return;
    }
    run();
  }

  @Override
  public void run() {
    while (true) {
      Content.Chunk chunk = request.read();
      if (chunk == null) {
        request.demand(this);
        return;
      }
      if (Content.Chunk.isFailure(chunk)) {
        cleanUp();
        if (chunk.isLast()) {
          callback.failed(chunk.getFailure()); // the client went away, or sent a broken body
        } else {
          BodyGate.refuse(request, response, callback, 408, "The request body stopped arriving");
        }
        return;
      }
      BodyGate.BodyRefused refused = pace.arrived(chunk);
      boolean last = chunk.isLast();
      try {
        if (refused != null) {
          cleanUp();
          BodyGate.refuse(request, response, callback, refused.status, refused.getMessage());
          return;
        }
        if (chunk.hasRemaining() && !write(chunk.getByteBuffer())) {
          return;
        }
      } catch (IOException e) {
        cleanUp();
        BodyGate.refuse(request, response, callback, 503, "The hub cannot take the upload now: retry later");
        return;
      } finally {
        chunk.release();
      }
      if (last) {
        dispatch();
        return;
      }
    }
  }

  /** Writes bytes within the budget; false once the upload is refused for it. */
  private boolean write(ByteBuffer bytes) throws IOException {
    int n = bytes.remaining();
    if (store.used().addAndGet(n) > store.budget()) {
      store.used().addAndGet(-n);
      cleanUp();
      response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
      BodyGate.refuse(request, response, callback, 503, "Too many uploads in progress: retry later");
      return false;
    }
    reserved += n;
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
    return true;
  }

  /** Calls the servant on a thread of its own with the body read from the file. */
  private void dispatch() {
    try {
      channel.close();
    } catch (IOException e) {
      cleanUp();
      BodyGate.refuse(request, response, callback, 503, "The hub cannot take the upload now: retry later");
      return;
    }
    FromFile body = new FromFile(request, Content.Source.from(file));
    AtomicBoolean done = new AtomicBoolean();
    Callback finished = Callback.from(() -> {
      if (done.compareAndSet(false, true)) {
        body.file.fail(new IOException("request completed")); // closes the file if the servant did not read it all
        cleanUp();
      }
    }, callback);
    try {
      request.getContext().execute(() -> {
        try {
          if (!next.handle(body, response, finished)) {
            Response.writeError(request, response, finished, 404);
          }
        } catch (Throwable t) {
          Response.writeError(request, response, finished, t);
        }
      });
    } catch (RejectedExecutionException e) {
      cleanUp();
      BodyGate.refuse(request, response, callback, 503, "The hub is overloaded: retry later");
    }
  }

  /** Closes and deletes the file and gives its bytes back to the budget; safe to call twice. */
  private void cleanUp() {
    try {
      if (channel != null) {
        channel.close();
      }
      if (file != null) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // a file left in the hub's own temporary directory goes at its next start
    }
    store.used().addAndGet(-reserved);
    reserved = 0;
  }

  /** The request, its body read from the spooled file. */
  private static final class FromFile extends Request.Wrapper {
    private final Content.Source file;

    FromFile(Request request, Content.Source file) {
      super(request);
      this.file = file;
    }

    @Override
    public Content.Chunk read() {
      return file.read();
    }

    @Override
    public void demand(Runnable demandCallback) {
      file.demand(demandCallback);
    }

    @Override
    public void fail(Throwable failure) {
      file.fail(failure);
    }
  }
}
