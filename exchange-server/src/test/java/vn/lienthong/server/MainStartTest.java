package vn.lienthong.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar exchange-server.jar} on its demo defaults with the hub's port taken: it says so and exits. */
class MainStartTest {

  @TempDir Path dir;

  @Test
  void aTakenPortEndsTheDemoHubsProcess() throws Exception {
    try (ServerSocket probe = new ServerSocket()) { // the demo CA services' port, as DemoHubTest needs it
      probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 18600));
    } catch (IOException e) {
      Assumptions.abort("port 18600 is taken: the demo CA services would not start");
    }
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Path log = dir.resolve("main.log");
      Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
          "vn.lienthong.server.Main", "--port=" + taken.getLocalPort(), "--data.dir=" + dir.resolve("data"))
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      try {
        boolean ended = p.waitFor(90, TimeUnit.SECONDS);
        String out = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        assertThat(ended).as("the process ended after the failed start; its output:\n" + tail(out)).isTrue();
        assertThat(p.exitValue()).isNotZero();
      } finally {
        p.destroyForcibly();
        p.waitFor();
      }
    }
  }

  private static String tail(String s) {
    List<String> lines = s.lines().filter(l -> !l.startsWith("\tat ")).toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
  }
}
