package vn.lienthong.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.SamplePki;

/**
 * A misbehaving "hub" on loopback: TLS with the sample PKI's hub-tls key (or plain TCP), each
 * connection handed to a behaviour (answer HTML, stall, ...).
 */
final class FakeHub implements AutoCloseable {

  @FunctionalInterface
  interface Behaviour {
    void serve(Socket s) throws Exception;
  }

  private final ServerSocket server;
  private final AtomicInteger connections = new AtomicInteger();
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fake-hub");
    t.setDaemon(true);
    return t;
  });

  private final String host;

  FakeHub(boolean tls, Behaviour behaviour) throws Exception {
    this(tls, InetAddress.getLoopbackAddress(), "localhost", behaviour);
  }

  /** Listening on {@code bind}, reached as {@code https://host:port/exchange}. */
  FakeHub(boolean tls, InetAddress bind, String host, Behaviour behaviour) throws Exception {
    this.host = host;
    if (tls) {
      Credential c = TestHub.PKI.credential(SamplePki.HUB_TLS);
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("hub", c.privateKey(), TestHub.PASSWORD, c.chain().toArray(new X509Certificate[0]));
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, TestHub.PASSWORD);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      SSLServerSocket s = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 50, bind);
      server = s;
    } else {
      server = new ServerSocket(0, 50, bind);
    }
    pool.execute(() -> {
      while (!server.isClosed()) {
        try {
          Socket s = server.accept();
          connections.incrementAndGet();
          pool.execute(() -> {
            try {
              behaviour.serve(s);
            } catch (Exception e) {
              // the client went away
            }
          });
        } catch (IOException e) {
          return;
        }
      }
    });
  }

  String address() {
    return "https://" + host + ":" + server.getLocalPort() + "/exchange";
  }

  int connections() {
    return connections.get();
  }

  /** Reads the request's head (up to the blank line). */
  static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int state = 0;
    for (int c; (c = in.read()) >= 0; ) {
      b.write(c);
      state = (c == '\r' && (state == 0 || state == 2)) ? state + 1 : (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
      if (state == 4) {
        break;
      }
    }
    return b.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /** Reads the request (head and body, chunked or sized); answers the body. */
  static String readRequest(InputStream in) throws IOException {
    String head = readHead(in);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(head);
    if (m.find()) {
      body.write(in.readNBytes(Integer.parseInt(m.group(1))));
    } else if (head.toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
      while (true) {
        String line = line(in).trim();
        int size = Integer.parseInt(line.split(";")[0], 16);
        if (size == 0) {
          line(in);
          break;
        }
        body.write(in.readNBytes(size));
        line(in);
      }
    }
    return body.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
      b.append((char) c);
    }
    return b.toString();
  }

  @Override
  public void close() throws IOException {
    server.close();
    pool.shutdownNow();
  }
}
