package vn.lienthong.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * A TCP proxy on loopback in front of the hub that breaks connections on purpose: the first
 * {@code brokenConnections} connections are cut after {@code uploadBytes} bytes from the client
 * (a send dropped mid-way) or, {@linkplain #losingAnswers losing answers}, once the hub handled the
 * request (it went through, its answer is lost). Later connections pass untouched.
 */
final class CutProxy implements AutoCloseable {

  /** How long a connection losing its answer waits for the hub to handle the request. */
  private static final Duration GIVE_UP = Duration.ofSeconds(30);

  private final ServerSocket server;
  private final InetSocketAddress target;
  private final long uploadBytes;
  /** Losing answers: whether the hub has handled the request; {@code null}: cut uploads. */
  private final BooleanSupplier handled;
  private final int brokenConnections;
  private final AtomicInteger connections = new AtomicInteger();
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "cut-proxy");
    t.setDaemon(true);
    return t;
  });

  CutProxy(int targetPort, long uploadBytes, int brokenConnections) throws IOException {
    this(targetPort, uploadBytes, null, brokenConnections);
  }

  /**
   * A proxy whose first {@code brokenConnections} connections lose the hub's answer: once
   * {@code uploadBytes} went up, nothing from the hub reaches the client, and the connection is
   * closed as soon as {@code handled} says the hub has the request. Bytes from the hub after
   * {@code uploadBytes} need not be the answer: a TLS 1.3 server sends its session ticket (4.8 KB
   * here, the client's certificate inside) after the handshake, while the client is already
   * uploading, and a busy machine may forward it late. Cutting on it would cut the upload.
   */
  static CutProxy losingAnswers(int targetPort, long uploadBytes, BooleanSupplier handled, int brokenConnections)
      throws IOException {
    return new CutProxy(targetPort, uploadBytes, Objects.requireNonNull(handled), brokenConnections);
  }

  private CutProxy(int targetPort, long uploadBytes, BooleanSupplier handled, int brokenConnections)
      throws IOException {
    this.handled = handled;
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
        long up = broken && handled == null ? uploadBytes : Long.MAX_VALUE;
        pool.execute(() -> pump(client, hub, up, uploaded));
        if (broken && handled != null) {
          pool.execute(() -> loseAnswer(hub, client, uploaded));
        } else {
          pool.execute(() -> pump(hub, client, Long.MAX_VALUE, new AtomicLong()));
        }
      } catch (IOException e) {
        return;
      }
    }
  }

  /** Copies until EOF, or until {@code limit} bytes passed: then both sockets are closed. */
  private static void pump(Socket from, Socket to, long limit, AtomicLong passed) {
    byte[] buf = new byte[8192];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buf)) > 0) {
        int allowed = (int) Math.min(n, limit - passed.get());
        if (allowed > 0) {
          out.write(buf, 0, allowed);
          out.flush();
          passed.addAndGet(allowed);
        }
        if (passed.get() >= limit) {
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

  /**
   * Forwards the hub's bytes until {@code uploadBytes} went up, swallows them after; closes both
   * sockets once the hub has handled the request (or after {@link #GIVE_UP}).
   */
  private void loseAnswer(Socket hub, Socket client, AtomicLong uploaded) {
    byte[] buf = new byte[8192];
    long deadline = System.nanoTime() + GIVE_UP.toNanos();
    try (InputStream in = hub.getInputStream(); OutputStream out = client.getOutputStream()) {
      hub.setSoTimeout(20);
      while (System.nanoTime() < deadline) {
        int n;
        try {
          n = in.read(buf);
        } catch (SocketTimeoutException e) {
          n = 0;
        }
        if (n < 0) {
          break;
        }
        if (uploaded.get() < uploadBytes) {
          out.write(buf, 0, n);
          out.flush();
        } else if (handled.getAsBoolean()) {
          break;
        }
      }
    } catch (IOException e) {
      // the other direction closed the sockets
    } finally {
      closeQuietly(hub);
      closeQuietly(client);
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
