package vn.lienthong.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import vn.lienthong.core.pdf.PdfSigningException;
import vn.lienthong.core.validation.RevocationMode;
import vn.lienthong.core.validation.ValidationPolicy;
import vn.lienthong.core.validation.ValidationReport;
import vn.lienthong.core.validation.Verifier;

/**
 * Offline verification ({@link RevocationMode#OFFLINE}, the CA services stopped after signing)
 * of a 1 MiB PDF carrying the Decree 30 signer and seal at B-LT, and of a 100 MiB PDF with one
 * B-LT seal; beside each, a raw SHA-256 over the same file, the floor any verifier pays. The fork
 * runs with a 128 MiB heap: the 100 MiB file must verify in it (byte ranges are streamed).
 *
 * <p>The files come from {@link VerificationFixtures}: in the directory the system property
 * {@value VerificationFixtures#PROPERTY} names (shared with the EU DSS peer benchmark, which then
 * validates the identical files), else in a temporary directory of the trial.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx128m", "-Dsun.net.httpserver.nodelay=true"})
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PdfVerificationBenchmark {

  /** What is verified. */
  public enum Case {
    /** 1 MiB, the provincial chairman's signature and the province's seal, both B-LT. */
    DECREE30_ONE_MIB,
    /** 100 MiB, the province's seal at B-LT. */
    SEAL_HUNDRED_MIB
  }

  @Param({"DECREE30_ONE_MIB", "SEAL_HUNDRED_MIB"})
  public Case document;

  private Path dir;
  private Path signed;
  private Verifier verifier;
  private boolean temporary;

  @Setup(Level.Trial)
  public void signThenStopTheServices() throws IOException, PdfSigningException {
    String shared = System.getProperty(VerificationFixtures.PROPERTY);
    if (shared == null || shared.isBlank()) {
      dir = Files.createTempDirectory("lienthong-bench");
      temporary = true;
    } else {
      dir = Path.of(shared);
    }
    VerificationFixtures.ensure(dir);
    signed = VerificationFixtures.file(dir, document);
    verifier = Verifier.builder(VerificationFixtures.anchors(dir)).clock(Clock.systemUTC())
        .revocationMode(RevocationMode.OFFLINE)
        .policy(document == Case.DECREE30_ONE_MIB ? ValidationPolicy.decree30()
            : ValidationPolicy.basic())
        .build();
    ValidationReport report = verifier.verify(signed);
    if (!report.verdict().passed()) {
      throw new IllegalStateException("the benchmark's document does not verify: "
          + report.verdict());
    }
  }

  @Benchmark
  public ValidationReport verify() {
    return verifier.verify(signed);
  }

  @Benchmark
  public byte[] sha256() throws IOException, NoSuchAlgorithmException {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(signed)) {
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return md.digest();
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    if (!temporary) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
