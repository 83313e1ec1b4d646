package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.validation.ChangeInfo;

/**
 * A file with a signature at each of its 2 000 revisions (530 KB): the verifier asks for the
 * changes after every signature, and each looked at the 32 revisions after it by loading them
 * again, each load parsing the whole cross-reference chain: 800 such signatures took 17 s of CPU,
 * growing with the square. The comparisons of one file share what each revision changed, and
 * load a bounded number of revisions in all.
 */
class ManySignaturesBoundsTest {

  @TempDir Path dir;

  @Test
  void aSignatureAtEveryRevisionIsComparedWithinBounds() throws Exception {
    Path file = ManySignatures.write(dir.resolve("signed-everywhere.pdf"), 2_000);
    assertThat(Files.size(file)).isLessThan(600_000);

    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "comparison");
      t.setDaemon(true);
      return t;
    });
    try {
      Future<long[]> result = executor.submit(() -> {
        var mx = ManagementFactory.getThreadMXBean();
        long start = mx.getCurrentThreadCpuTime();
        PdfRevisions revisions = PdfRevisions.read(file);
        assertThat(revisions.signatures()).hasSize(2_000);
        long disallowed = 0;
        for (SignatureField s : revisions.signatures()) {
          List<ChangeInfo> changes = revisions.changesAfter(s);
          disallowed += changes.stream().filter(c -> !c.allowed()).count() > 0 ? 1 : 0;
        }
        return new long[] {(mx.getCurrentThreadCpuTime() - start) / 1_000_000, disallowed};
      });
      long[] done;
      try {
        done = result.get(120, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        throw new AssertionError("the comparisons still run after 120 s");
      }
      System.out.println("2 000 signatures: " + done[0] + " ms CPU, " + done[1]
          + " with a disallowed change");
      assertThat(done[0]).as("CPU ms").isLessThan(20_000);
      // every signature but the last few sees the final revision's fields not compared or added
      assertThat(done[1]).isPositive();
    } finally {
      executor.shutdownNow();
    }
  }
}
