package vn.lienthong.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import vn.lienthong.core.edxml.EdxmlReader;
import vn.lienthong.core.edxml.EdxmlWriter;
import vn.lienthong.core.edxml.Envelope;
import vn.lienthong.core.edxml.EnvelopeSigner;
import vn.lienthong.core.edxml.EnvelopeVerifier;
import vn.lienthong.core.edxml.VerificationResult;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.SamplePki;

/**
 * Intake of a typical edXML envelope: the official SDK sample of a new document (a 270 KB
 * attachment), signed by the provincial committee's system key (RSA-2048, demo PKI), read with
 * the hardened streaming reader (attachment decoded to a file, digest checked against the signed
 * manifest) and its XML-DSig verified. The baseline in the same run: SHA-256 over the envelope's
 * bytes, the floor any reader of those bytes pays.
 */
@State(Scope.Benchmark)
@Fork(1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EnvelopeBenchmark {

  private Path dir;
  private Path envelope;
  private EdxmlReader reader;
  private final EnvelopeVerifier verifier = EnvelopeVerifier.create();

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("envelope-bench");
    Path sample = dir.resolve("sample.edxml");
    try (InputStream in = EnvelopeBenchmark.class.getResourceAsStream("edoc_new.edxml")) {
      Files.copy(in, sample);
    }
    Path attachments = Files.createDirectories(dir.resolve("in"));
    Envelope read = EdxmlReader.builder().attachmentDirectory(attachments).build().read(sample);
    Credential system = SamplePki.demo().system(DemoSet.PROVINCE);
    envelope = dir.resolve("signed.edxml");
    try (OutputStream out = Files.newOutputStream(envelope)) {
      EdxmlWriter.signing(EnvelopeSigner.of(system.privateKey(), system.certificate()))
          .write(read.message(), read.attachments(), out);
    }
    reader = EdxmlReader.builder()
        .attachmentDirectory(Files.createDirectories(dir.resolve("out"))).build();
    if (!(verifier.verify(reader.read(envelope)) instanceof VerificationResult.Valid)) {
      throw new IllegalStateException("the benchmark envelope does not verify");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Read (streaming, attachment to a file, digest checked) and verify the envelope signature. */
  @Benchmark
  public VerificationResult readAndVerify() {
    Envelope read = reader.read(envelope);
    VerificationResult result = verifier.verify(read);
    read.attachments().forEach(a -> a.file().toFile().delete());
    return result;
  }

  /** Baseline: SHA-256 over the same bytes, read from the same file. */
  @Benchmark
  public void sha256OfTheEnvelope(Blackhole hole) throws IOException, NoSuchAlgorithmException {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(envelope)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    hole.consume(digest.digest());
  }
}
