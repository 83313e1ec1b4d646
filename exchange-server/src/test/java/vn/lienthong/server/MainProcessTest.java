package vn.lienthong.server;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.server.support.Calls.pending;
import static vn.lienthong.server.support.Calls.send;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.server.support.ChildHub;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.H2HubTest;

/** {@code Main} as operators start it, in a process of its own. */
class MainProcessTest extends H2HubTest {

  /**
   * A second {@code java -jar} on the data directory of a running hub (an operator's second
   * start, a service manager restarting too early) ends with a sentence that says the database is
   * in use: not the clients' "retry later" over a stack trace. The running hub goes on unharmed.
   */
  @Test
  void aSecondHubOnTheSameH2FileSaysTheDatabaseIsInUse() throws Exception {
    Process p = main(List.of("--data.dir=" + dir.resolve("hub")), null, dir.resolve("second.log"));
    String out;
    try {
      assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("the second hub ended").isTrue();
      out = Files.readString(dir.resolve("second.log"), StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as(out).isNotZero();
    } finally {
      p.destroyForcibly();
      p.waitFor();
    }
    assertThat(out).contains("hub.mv.db").contains("in use").doesNotContain("retry later").doesNotContain("\tat ");

    Attachment a = Envelopes.pdf(dir.resolve("files"), "vanban.pdf", 10_000, 3, DemoSet.PROVINCE);
    byte[] env = Envelopes.signed(Envelopes.document(DemoSet.PROVINCE, "SECOND-1", List.of(DemoSet.HA_LONG),
        List.of(a)), List.of(a));
    assertThat(send(hub.client(DemoSet.PROVINCE), env).isDuplicate()).isFalse();
    assertThat(pending(hub.client(DemoSet.HA_LONG))).hasSize(1);
  }

  /**
   * {@code db.compact.at} is a local time: on a machine in Vietnam's zone, 03:00 is 03:00 there.
   * {@code Main}'s clock was UTC's, so the daily compaction, during which every request waits, ran
   * at 10:00 in Hà Nội, in office hours.
   */
  @Test
  void theDailyCompactionIsAtTheMachinesLocalTime() throws Exception {
    Path log = dir.resolve("zone.log");
    Process p = main(List.of("--data.dir=" + dir.resolve("zone"), "--db.compact.at=03:00"), "Asia/Ho_Chi_Minh", log);
    try {
      String out = "";
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (System.nanoTime() < deadline && p.isAlive() && !out.contains("next daily compaction at")) {
        Thread.sleep(200);
        out = Files.readString(log, StandardCharsets.UTF_8);
      }
      assertThat(out).containsPattern("next daily compaction at \\S+T03:00\\+07:00");
    } finally {
      p.destroy();
      p.waitFor(30, TimeUnit.SECONDS);
      p.destroyForcibly();
    }
  }

  /** {@code Main} with the test PKI, port 0 and these flags, in the time zone {@code tz} if given. */
  private Process main(List<String> flags, String tz, Path log) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8", "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "--port=0"));
    cmd.addAll(flags);
    cmd.addAll(ChildHub.pkiFlags(dir));
    ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    if (tz != null) {
      b.environment().put("TZ", tz);
    }
    return b.start();
  }
}
