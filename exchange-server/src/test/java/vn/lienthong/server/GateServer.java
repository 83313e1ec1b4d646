package vn.lienthong.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code gate} on a Jetty of 24 threads over plain HTTP on loopback (60 s idle timeout), in front
 * of a servant that reads bodies as CXF does (blocking, on its thread) and answers
 * {@code crc C read N}; a failed read is answered 400.
 */
final class GateServer implements AutoCloseable {

  final Server server;
  final BodyGate gate;
  final int port;
  final AtomicInteger called = new AtomicInteger();
  final ConcurrentLinkedQueue<String> readFailures = new ConcurrentLinkedQueue<>();

  GateServer(BodyGate gate) throws Exception {
    this.gate = gate;
    server = new Server(new QueuedThreadPool(24, 4));
    ServerConnector connector = new ServerConnector(server, 1, 1);
    connector.setIdleTimeout(60_000);
    server.addConnector(connector);
    gate.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        return read(request, response, callback);
      }
    });
    server.setHandler(gate);
    server.start();
    port = connector.getLocalPort();
  }

  private boolean read(Request request, Response response, Callback callback) {
    called.incrementAndGet();
    long n = 0;
    CRC32 crc = new CRC32();
    try (InputStream in = Content.Source.asInputStream(request)) {
      byte[] buf = new byte[8192];
      int r;
      while ((r = in.read(buf)) >= 0) {
        n += r;
        crc.update(buf, 0, r);
      }
    } catch (IOException e) {
      readFailures.add(String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
      Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400, "read failed");
      return true;
    }
    response.write(true, ByteBuffer.wrap(("crc " + crc.getValue() + " read " + n).getBytes(StandardCharsets.US_ASCII)),
        callback);
    return true;
  }

  /** A POST with these header lines and this body on a connection of its own, not closed. */
  Socket send(String head, byte[] body) throws IOException {
    Socket s = new Socket("127.0.0.1", port);
    s.setSoTimeout(10_000);
    OutputStream out = s.getOutputStream();
    out.write(("POST /x HTTP/1.1\r\nHost: localhost\r\n" + head + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    return s;
  }

  /** What the server wrote until the servant's answer, its close, or the socket's timeout (else 15 s) of silence. */
  static String answer(Socket s) throws IOException {
    if (s.getSoTimeout() == 0) {
      s.setSoTimeout(15_000);
    }
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try {
      InputStream in = s.getInputStream();
      byte[] buf = new byte[4096];
      int n;
      while ((n = in.read(buf)) > 0) {
        b.write(buf, 0, n);
        if (b.toString(StandardCharsets.US_ASCII).matches("(?s).*\r\n\r\n.*read \\d+")) {
          break;
        }
      }
    } catch (SocketTimeoutException e) {
      return b.toString(StandardCharsets.US_ASCII) + "(no more before the timeout)";
    } catch (IOException e) {
      // reset after the answer
    }
    return b.toString(StandardCharsets.US_ASCII);
  }

  static long crc(byte[] b) {
    CRC32 c = new CRC32();
    c.update(b);
    return c.getValue();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
