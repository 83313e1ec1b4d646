package vn.lienthong.server.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP relay on loopback to a server, which a test cuts (the server seems gone: open connections
 * are closed, new ones refused) and restores on the same port: an outage of a real server that
 * other tests go on using.
 */
public final class LoopbackLink implements AutoCloseable {

  private final InetSocketAddress target;
  private final int port;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "loopback-link");
    t.setDaemon(true);
    return t;
  });
  private ServerSocket listener;

  public LoopbackLink(String host, int targetPort) throws IOException {
    this.target = new InetSocketAddress(host, targetPort);
    this.listener = listen(0);
    this.port = listener.getLocalPort();
  }

  /** The port the link listens on (loopback). */
  public int port() {
    return port;
  }

  /** Closes every open connection and refuses new ones until {@link #restore}. */
  public synchronized void cut() throws IOException {
    listener.close();
    for (Socket s : open) {
      closeQuietly(s);
    }
    open.clear();
  }

  /** Accepts connections again, on the same port. */
  public synchronized void restore() throws IOException {
    if (listener.isClosed()) {
      listener = listen(port);
    }
  }

  @Override
  public void close() throws IOException {
    cut();
    threads.shutdownNow();
  }

  private ServerSocket listen(int p) throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), p));
    threads.execute(() -> accept(s));
    return s;
  }

  private void accept(ServerSocket s) {
    while (!s.isClosed()) {
      try {
        Socket in = s.accept();
        open.add(in);
        threads.execute(() -> relay(s, in));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void relay(ServerSocket s, Socket in) {
    Socket out = new Socket();
    open.add(out);
    try {
      out.connect(target, 5_000);
      if (s.isClosed()) { // cut meanwhile
        throw new IOException("cut");
      }
      threads.execute(() -> pump(in, out));
      pump(out, in);
    } catch (IOException e) {
      closeQuietly(in);
      closeQuietly(out);
    }
  }

  private void pump(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
    } catch (IOException ended) {
      // one side closed or was cut
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      open.remove(from);
      open.remove(to);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
