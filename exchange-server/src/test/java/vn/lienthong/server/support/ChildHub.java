package vn.lienthong.server.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import vn.lienthong.sample.pki.SamplePki;

/**
 * A hub in a separate JVM, started from the test class path with {@code Main} and the test PKI's
 * files (no demo defaults), which a test can kill with SIGKILL and start again on the same port
 * and data.
 */
public final class ChildHub implements AutoCloseable {

  private static final String READY = "Liên Thông Exchange hub: ";

  private final List<String> command;
  private final Path log;
  private final int port;
  private Process process;
  private int starts;

  private ChildHub(List<String> command, Path log, int port) {
    this.command = command;
    this.log = log;
    this.port = port;
  }

  /** Writes the test PKI's files under {@code dir} (once) and returns the settings that use them. */
  public static List<String> pkiFlags(Path dir) {
    Path pki = dir.resolve("pki");
    if (!Files.exists(pki.resolve("trusted-roots.pem"))) {
      TestPki.PKI.save(pki, "changeit".toCharArray());
    }
    return List.of("--demo=false", "--tls.keystore=" + pki.resolve(SamplePki.HUB_TLS + ".p12"),
        "--tls.password=changeit", "--tls.trust=" + pki.resolve("trusted-roots.pem"),
        "--admins=" + HubFixture.ADMIN, "--hub.id=hub.H49");
  }

  /** A child hub on {@code port} with {@code settings} (flags), logging into {@code log}. */
  public static ChildHub create(int port, List<String> settings, Path log) {
    return create(List.of(), port, settings, log);
  }

  /**
   * A child hub that may have at most {@code openFiles} files and sockets open (util-linux's
   * {@code prlimit}, as a service manager's {@code LimitNOFILE} would set it).
   */
  public static ChildHub withOpenFiles(int openFiles, int port, List<String> settings, Path log) {
    return create(List.of("prlimit", "--nofile=" + openFiles + ":" + openFiles, "--"), port, settings, log);
  }

  private static ChildHub create(List<String> launcher, int port, List<String> settings, Path log) {
    List<String> cmd = new ArrayList<>(launcher);
    cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8",
        "-cp", System.getProperty("java.class.path"), "vn.lienthong.server.Main", "--port=" + port));
    cmd.addAll(settings);
    return new ChildHub(List.copyOf(cmd), log, port);
  }

  /** Starts the process and waits until it serves. */
  public synchronized void start() throws IOException, InterruptedException {
    process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    starts++;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (readyCount() < starts) {
      if (!process.isAlive()) {
        throw new IllegalStateException("child hub exited with " + process.exitValue() + "; see " + log);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("child hub did not start in 60 s; see " + log);
      }
      Thread.sleep(50);
    }
  }

  private int readyCount() throws IOException {
    if (!Files.exists(log)) {
      return 0;
    }
    String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    int n = 0;
    for (int i = text.indexOf(READY); i >= 0; i = text.indexOf(READY, i + 1)) {
      n++;
    }
    return n;
  }

  /** SIGKILL: no shutdown hook, no flush. */
  public synchronized void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor();
    }
  }

  public String address() {
    return "https://127.0.0.1:" + port + "/exchange";
  }

  public int starts() {
    return starts;
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
