package vn.lienthong.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static vn.lienthong.server.support.Calls.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.server.HubConfig;
import vn.lienthong.server.api.ws.FaultCode;
import vn.lienthong.server.evidence.EvidenceHook;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubFixture;

/**
 * The payload store's disk full: the sender is told to retry ({@code UNAVAILABLE}, which clients
 * retry), not that its request was wrong ({@code INVALID_REQUEST}, which they give up on), and
 * nothing is stored. Needs a small tmpfs (root in the test machine); skipped otherwise.
 */
class DiskFullTest {

  @TempDir Path dir;
  Path small;
  HubFixture hub;

  @AfterEach
  void unmount() throws Exception {
    if (hub != null) {
      hub.close();
    }
    if (small != null) {
      new ProcessBuilder("umount", "-l", small.toString()).inheritIO().start().waitFor(20, TimeUnit.SECONDS);
    }
  }

  private boolean mountSmallTmpfs(Path where) {
    try {
      Files.createDirectories(where);
      Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", where.toString())
          .redirectErrorStream(true).start();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void aFullDiskWhileStagingIsUnavailableNotInvalidRequest() throws Exception {
    Path data = dir.resolve("small");
    assumeTrue(mountSmallTmpfs(data), "cannot mount a tmpfs here");
    small = data;
    HubConfig config = HubFixture.config(data, null, Duration.ofMinutes(5)).toBuilder()
        .database("jdbc:h2:file:" + dir.resolve("db/hub"), "", "").build();
    hub = HubFixture.start(config, Clock.systemUTC(), EvidenceHook.NONE);
    Attachment a = Envelopes.pdf(dir.resolve("files"), "vanban.pdf", 100_000, 7, DemoSet.PROVINCE);
    byte[] env = Envelopes.signed(Envelopes.document(DemoSet.PROVINCE, "FULL-1", List.of(DemoSet.HA_LONG), List.of(a)),
        List.of(a));

    // fill the file system but for a few KB: less than the envelope
    Path filler = data.resolve("filler");
    Files.write(filler, new byte[(int) (Files.getFileStore(data).getUsableSpace() - 16_384)]);
    assertThat(Files.getFileStore(data).getUsableSpace()).isLessThan(env.length);

    assertFault(FaultCode.UNAVAILABLE, () -> send(hub.client(DemoSet.PROVINCE), env));
    assertThat(count(hub.hub().database(), "message")).isZero();
    assertThat(payloadFiles(data)).isZero();
    try (var left = Files.list(data.resolve("payloads/tmp"))) {
      // the store's own temporary directory holds its lock file alone: the partial file is gone
      assertThat(left.flatMap(d -> {
        try {
          return Files.list(d).map(p -> p.getFileName().toString()).toList().stream();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      })).containsExactly(".lock");
    }

    Files.delete(filler);
    assertThat(send(hub.client(DemoSet.PROVINCE), env).isDuplicate()).isFalse();
  }
}
