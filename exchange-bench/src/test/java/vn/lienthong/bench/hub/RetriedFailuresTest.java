package vn.lienthong.bench.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.client.ExchangeClient;
import vn.lienthong.core.edxml.EnvelopeSigner;
import vn.lienthong.sample.pki.Credential;

/**
 * A failed attempt must show in the report's errors. The load clients' {@code ExchangeClient}
 * retried transport failures and UNAVAILABLE by itself: the report then said "errors none" and
 * counted the call as a success (its latency including the backoff).
 */
class RetriedFailuresTest {

  @TempDir
  Path dir;

  @Test
  void aConnectionResetByTheHubSideIsCountedAsAnError() throws Exception {
    LoadOptions o = LoadOptions.parse(new String[] {"--clients=2"});
    try (HubUnderTest hub = HubUnderTest.start(o, dir, Clock.systemUTC());
        ResettingProxy proxy = new ResettingProxy(URI.create(hub.address()).getPort(), 1)) {
      String unit = hub.units().get(0);
      String to = hub.units().get(1);
      URI a = URI.create(hub.address());
      String viaProxy = new URI(a.getScheme(), null, a.getHost(), proxy.port(), a.getPath(), null, null).toString();
      Path work = Files.createDirectories(dir.resolve("client"));
      Path pdf = HubLoad.signedPdf(hub.pki(), dir, 10, unit);
      Credential c = hub.pki().system(unit);
      Stats stats = new Stats();
      stats.recording(true);
      long deadline = System.nanoTime() + 120_000_000_000L;
      try (ExchangeClient client = HubLoad.loadClient(viaProxy, hub.pki(), unit, work)) {
        new UnitClient(0, unit, List.of(to), client, EnvelopeSigner.of(c.privateKey(), c.certificate()), pdf, work,
            "RETRY", null, stats, () -> stats.sent() < 2 && System.nanoTime() < deadline, Clock.systemUTC()).run();
      }
      assertThat(proxy.reset.get()).isEqualTo(1);
      assertThat(stats.sent()).isEqualTo(2);
      assertThat(stats.errors()).contains("send TRANSPORT ×1");
    }
  }

  /** Forwards to the hub, except that it resets the first {@code resets} connections at once. */
  static final class ResettingProxy implements AutoCloseable {
    final AtomicInteger reset = new AtomicInteger();
    private final ServerSocket server;

    ResettingProxy(int hubPort, int resets) throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread accept = new Thread(() -> {
        while (!server.isClosed()) {
          try {
            Socket in = server.accept();
            if (reset.get() < resets) {
              reset.incrementAndGet();
              in.setSoLinger(true, 0);
              in.close();
              continue;
            }
            Socket out = new Socket();
            out.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), hubPort));
            pump(in, out);
            pump(out, in);
          } catch (IOException e) {
            return;
          }
        }
      }, "resetting-proxy");
      accept.setDaemon(true);
      accept.start();
    }

    int port() {
      return server.getLocalPort();
    }

    private static void pump(Socket from, Socket to) {
      Thread t = new Thread(() -> {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
          in.transferTo(out);
        } catch (IOException e) {
          // closed
        } finally {
          try {
            from.close();
            to.close();
          } catch (IOException e) {
            // closed
          }
        }
      }, "proxy-pump");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
