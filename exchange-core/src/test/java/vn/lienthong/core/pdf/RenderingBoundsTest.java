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
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.validation.ChangeInfo;

/**
 * The revision comparison renders pages with PDFBox: a page that costs the renderer minutes or
 * hours (form XObjects drawing each other ten times over, hundreds of thousands of page-sized
 * fills), from a few KB of PDF, must not hold the verifying thread. A signer-and-seal document
 * whose page is a plain square is the baseline (a fraction of a second).
 */
class RenderingBoundsTest extends ServicesFixture {

  /** Generous: the baseline takes well under a second of CPU. */
  private static final long MAX_CPU_SECONDS = 30;


  @Test
  void aPlainSignerAndSealDocumentStaysAllowed() throws Exception {
    Path file = RenderingBombs.signedAndSealed(services, dir, "square", PDRectangle.A4,
        RenderingBombs::square);
    List<ChangeInfo> changes = changesAfterFirstSignature(file);
    assertThat(changes).extracting(ChangeInfo::kind).containsExactly(ChangeInfo.Kind.SIGNATURE_ADDED);
    assertThat(changes).allMatch(ChangeInfo::allowed);
  }

  @Test
  void formXObjectsDrawingEachOtherTenfoldDoNotHoldTheVerifier() throws Exception {
    Path file = RenderingBombs.signedAndSealed(services, dir, "fan-out", PDRectangle.A4,
        RenderingBombs::formFanOut);
    assertThat(Files.size(file)).isLessThan(300_000); // the seal's fonts and image: 220 KB

    List<ChangeInfo> changes = changesAfterFirstSignature(file);

    assertThat(changes).anyMatch(c -> c.kind() == ChangeInfo.Kind.VISIBLE_CONTENT_CHANGED
        && !c.allowed());
  }

  @Test
  void hundredsOfThousandsOfPageFillsDoNotHoldTheVerifier() throws Exception {
    Path file = RenderingBombs.signedAndSealed(services, dir, "fills", PDRectangle.A4,
        RenderingBombs::pageFills);
    assertThat(Files.size(file)).isLessThan(300_000);

    List<ChangeInfo> changes = changesAfterFirstSignature(file);

    assertThat(changes).anyMatch(c -> c.kind() == ChangeInfo.Kind.VISIBLE_CONTENT_CHANGED
        && !c.allowed());
  }

  private record Timed(List<ChangeInfo> changes, long cpuMillis) {}

  /**
   * The changes after the first signature, computed on a thread of its own whose CPU time is
   * measured; fails when it takes more than {@link #MAX_CPU_SECONDS} (the thread is left to run,
   * as the verifier cannot be interrupted).
   */
  private static List<ChangeInfo> changesAfterFirstSignature(Path file) throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "comparison");
      t.setDaemon(true);
      return t;
    });
    try {
      Future<Timed> result = executor.submit(() -> {
        var mx = ManagementFactory.getThreadMXBean();
        long start = mx.getCurrentThreadCpuTime();
        PdfRevisions revisions = PdfRevisions.read(file);
        List<ChangeInfo> changes = revisions.changesAfter(revisions.signatures().get(0));
        return new Timed(changes, (mx.getCurrentThreadCpuTime() - start) / 1_000_000);
      });
      Timed done;
      try {
        done = result.get(MAX_CPU_SECONDS * 3, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        throw new AssertionError("the comparison of " + file.getFileName() + " ("
            + Files.size(file) + " bytes) still runs after " + MAX_CPU_SECONDS * 3 + " s");
      }
      assertThat(done.cpuMillis()).as("CPU ms, changes %s", done.changes()).isLessThan(MAX_CPU_SECONDS * 1000);
      return done.changes();
    } finally {
      executor.shutdownNow();
    }
  }
}
