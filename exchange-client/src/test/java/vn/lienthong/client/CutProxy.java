package vn.lienthong.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A TCP proxy on loopback in front of the hub that breaks connections on purpose: the first
 * {@code brokenConnections} connections are cut after {@code uploadBytes} bytes from the client
 * (a send dropped mid-way) or, with {@code loseAnswer}, when the hub answers once {@code uploadBytes}
 * went up (the request went through, its answer is lost; TLS handshake bytes pass). Later
 * connections pass untouched.
 */
final class CutProxy implements AutoCloseable {

  private final ServerSocket server;
  private final InetSocketAddress target;
  private final long uploadBytes;
  private final boolean loseAnswer;
  private final int brokenConnections;
  private final AtomicInteger connections = new AtomicInteger();
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "cut-proxy");
    t.setDaemon(true);
    return t;
  });

  CutProxy(int targetPort, long uploadBytes, int brokenConnections) throws IOException {
    this(targetPort, uploadBytes, false, brokenConnections);
  }

  CutProxy(int targetPort, long uploadBytes, boolean loseAnswer, int brokenConnections) throws IOException {
    this.loseAnswer = loseAnswer;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
    this.uploadBytes = uploadBytes;
    this.brokenConnections = brokenConnections;
    pool.execute(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Connections accepted so far. */
  int connections() {
    return connections.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        boolean broken = connections.incrementAndGet() <= brokenConnections;
        Socket hub = new Socket();
        hub.connect(target, 5_000);
        AtomicLong uploaded = new AtomicLong();
        long up = broken && !loseAnswer ? uploadBytes : Long.MAX_VALUE;
        LongSupplier down = () -> broken && loseAnswer && uploaded.get() >= uploadBytes ? 0 : Long.MAX_VALUE;
        pool.execute(() -> pump(client, hub, () -> up, uploaded));
        pool.execute(() -> pump(hub, client, down, new AtomicLong()));
      } catch (IOException e) {
        return;
      }
    }
  }

  /** Copies until EOF, or until {@code limit} bytes passed: then both sockets are closed. */
  private static void pump(Socket from, Socket to, LongSupplier limit, AtomicLong passed) {
    byte[] buf = new byte[8192];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buf)) > 0) {
        long max = limit.getAsLong();
        int allowed = (int) Math.min(n, max - passed.get());
        if (allowed > 0) {
          out.write(buf, 0, allowed);
          out.flush();
          passed.addAndGet(allowed);
        }
        if (passed.get() >= max) {
          break;
        }
      }
    } catch (IOException e) {
      // the other direction closed the sockets
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    pool.shutdownNow();
  }
}
