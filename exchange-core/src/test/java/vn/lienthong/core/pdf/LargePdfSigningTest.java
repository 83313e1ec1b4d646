package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.interop.Pdfsig;
import vn.lienthong.core.validation.ValidationPolicy;
import vn.lienthong.core.validation.ValidationReport;
import vn.lienthong.core.validation.Verifier;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;

/**
 * A 200 MiB PDF is signed to B-LT in a JVM whose heap is smaller than the file (surefire runs
 * this class alone with -Xmx128m): the document is parsed from disk, saved incrementally and its
 * byte ranges streamed into the digest.
 */
class LargePdfSigningTest {

  static final int MIB = 1024 * 1024;

  @TempDir Path dir;

  @Test
  void twoHundredMegabytePdfIsSignedWithAHeapSmallerThanTheFile() throws Exception {
    long maxHeap = Runtime.getRuntime().maxMemory();
    Path in = LargePdfs.write(dir.resolve("large.pdf"), 200);
    assertThat(Files.size(in)).isGreaterThan(200L * MIB).isGreaterThan(maxHeap);
    Path out = dir.resolve("large-signed.pdf");

    try (SampleServices services = new SampleServices(KeyKind.EC_P256)) {
      resetPeaks();
      long start = System.nanoTime();
      services.signer().sign(in, out, services.key(DemoSet.CHAIRMAN),
          SignatureOptions.builder().level(PadesLevel.B_LT)
              .appearance(new Appearance.Signer(SampleServices.signatureImage(), "Phạm Văn Mẫu",
                  "Chủ tịch"), Placement.onPage(200, 330, 40, 180, 110)).build());
      long millis = (System.nanoTime() - start) / 1_000_000;
      long peak = peakHeap();
      System.out.printf("Signed %d MiB to B-LT in %d ms; max heap %d MiB, peak heap used %d MiB%n",
          Files.size(in) / MIB, millis, maxHeap / MIB, peak / MIB);

      assertThat(Files.size(out)).isGreaterThan(Files.size(in));
      Pdfsig.trusting(Files.createDirectories(dir.resolve("nss")), services.pki.trustAnchors())
          .assertAllValid(out, 1, 0);
      assertThat(peak).isLessThan(Files.size(in) / 2);
    }
  }

  /**
   * PDFBox recognises the new signature by a placeholder {@code /ByteRange} beyond the input's
   * end; with its default placeholder (10^9 per entry) a file of 954 MiB or more was never
   * prepared ("PDF not prepared for signing", found sending 1 GiB through the hub). The signature
   * made covers the whole file and verifies.
   */
  @Test
  void aPdfOfMoreThanTenToTheNineBytesIsSigned() throws Exception {
    Path in = LargePdfs.write(dir.resolve("giant.pdf"), 955);
    assertThat(Files.size(in)).isGreaterThan(1_000_000_000L);
    Path out = dir.resolve("giant-signed.pdf");
    try (SampleServices services = new SampleServices(KeyKind.EC_P256)) {
      services.signer().sign(in, out, services.key(DemoSet.CHAIRMAN),
          SignatureOptions.builder().level(PadesLevel.B_B).build());
      Files.delete(in);

      ValidationReport report = Verifier.builder(services.pki.trustAnchors()).clock(services.clock)
          .policy(ValidationPolicy.basic()).build().verify(out);

      assertThat(report.verdict().passed()).as(report.toString()).isTrue();
      assertThat(report.signatures()).singleElement()
          .satisfies(s -> assertThat(s.coveredRevision()).isEqualTo(2));
    }
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** The sum of the heap pools' peak usage since the reset: an upper bound of the heap used. */
  private static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
