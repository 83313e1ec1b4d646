package vn.lienthong.server;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.sample.pki.DemoSet.HA_LONG;
import static vn.lienthong.sample.pki.DemoSet.PROVINCE;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.sample.interop.ExternalTool;
import vn.lienthong.server.support.ChildHub;
import vn.lienthong.server.support.Directory;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubClient;
import vn.lienthong.server.support.RawHttps;
import vn.lienthong.server.support.RawSoap;
import vn.lienthong.server.support.TestPki;

/**
 * Anyone who reaches the port can open connections without a certificate: the TLS handshake
 * comes after the accept. Each takes one of the process's file descriptors, which the database,
 * the payload store and the spooled uploads need as much. A hub limited to 4 096 (a service
 * manager's {@code LimitNOFILE}) is flooded with 6 000 idle connections from another process.
 */
class ConnectionFloodTest {

  static final int OPEN_FILES = 4096;

  /** Opens connections to the port until it has {@code argv[2]} or two in a row fail; holds them until stdin ends. */
  static final String FLOOD = String.join("\n",
      "import socket, sys",
      "port, limit = int(sys.argv[1]), int(sys.argv[2])",
      "held, misses = [], 0",
      "while len(held) < limit and misses < 2:",
      "    s = socket.socket()",
      "    s.settimeout(0.2)",
      "    try:",
      "        s.connect(('127.0.0.1', port))",
      "        held.append(s)",
      "        misses = 0",
      "    except OSError:",
      "        s.close()",
      "        misses += 1",
      "print(len(held), flush=True)",
      "sys.stdin.read()");

  @TempDir Path dir;

  @Test
  void aFloodOfIdleConnectionsLeavesTheHubTheFilesItNeeds() throws Exception {
    ExternalTool.require("prlimit", "util-linux");
    ExternalTool.require("python3", "python3");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> flags = new ArrayList<>(ChildHub.pkiFlags(dir));
    flags.add("--data.dir=" + dir.resolve("data"));
    Path log = dir.resolve("hub.log");
    try (ChildHub hub = ChildHub.withOpenFiles(OPEN_FILES, port, flags, log)) {
      hub.start();
      Directory.register(HubClient.of(hub.address(), PROVINCE), PROVINCE, HA_LONG);
      RawHttps http = new RawHttps(hub.address());
      byte[] envelope = Envelopes.signed(Envelopes.document(HA_LONG, "FLOOD-1", List.of(PROVINCE), List.of()),
          List.of());
      byte[] request = RawSoap.bytes(RawSoap.sign(RawSoap.sendRequest(envelope), TestPki.PKI.system(HA_LONG),
          Clock.systemUTC(), true, true));
      int tail = 400; // trailing white space (XML allows it after the root), sent a byte at a time during the flood
      try (SSLSocket unit = http.open(HA_LONG)) {
        // a unit's upload is in progress when the flood comes
        OutputStream out = unit.getOutputStream();
        out.write(http.head(request.length + tail).replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
        out.write(request);
        out.flush();
        long t0 = System.nanoTime();
        Process flood = new ProcessBuilder("python3", "-c", FLOOD, String.valueOf(port), "6000")
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
          CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> firstLine(flood));
          int sent = 0;
          while (!held.isDone() && sent < tail - 1) {
            Thread.sleep(250);
            out.write(' ');
            out.flush();
            sent++;
          }
          System.out.println("the flood holds " + held.get(30, TimeUnit.SECONDS) + " connections after "
              + (System.nanoTime() - t0) / 1_000_000 + " ms");
          out.write(" ".repeat(tail - sent).getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
          String answer = RawHttps.answerOf(unit, 30_000);
          RawSoap.Answer a = new RawSoap.Answer(500, answer);
          assertThat(answer).as("%s; the hub's log: %s", a.faultMessage(), tail(log)).startsWith("HTTP/1.1 200");
        } finally {
          flood.destroyForcibly();
          flood.waitFor(10, TimeUnit.SECONDS);
        }
      }
      // once the flood is gone, new connections are served again
      assertThat(http.pendingCall(HA_LONG, 30_000)).isEqualTo("HTTP/1.1 200 OK");
    }
  }

  @Test
  void theCapLeavesDescriptorsForTheRestOfTheHub() {
    assertThat(ConnectionCap.forOpenFiles(OPEN_FILES)).isEqualTo(2048);
    assertThat(ConnectionCap.forOpenFiles(1024)).isEqualTo(512);
    assertThat(ConnectionCap.forOpenFiles(12_000)).isEqualTo(7904);
    assertThat(ConnectionCap.forOpenFiles(1 << 20)).isEqualTo(ConnectionCap.MAX);
    assertThat(ConnectionCap.forOpenFiles(-1)).isEqualTo(ConnectionCap.MAX);
  }

  static String firstLine(Process p) {
    try {
      return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String tail(Path log) throws java.io.IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
  }
}
