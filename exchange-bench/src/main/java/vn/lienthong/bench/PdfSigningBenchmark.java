package vn.lienthong.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
import vn.lienthong.core.pdf.Appearance;
import vn.lienthong.core.pdf.PadesLevel;
import vn.lienthong.core.pdf.PdfSigner;
import vn.lienthong.core.pdf.PdfSigningException;
import vn.lienthong.core.pdf.Placement;
import vn.lienthong.core.pdf.SignatureOptions;
import vn.lienthong.core.pki.SigningKey;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.sample.services.SampleCaServer;

/**
 * One visible signature of the provincial chairman, file to file, at B-B and B-LT, on a one-page
 * and a 10 MiB PDF, with RSA-2048 and ECDSA P-256 keys. Every signature asks the sample CA
 * services on loopback for the signer's revocation status; B-LT also gets a signature time stamp,
 * then OCSP responses for the whole chain and the TSA's.
 */
@State(Scope.Benchmark)
// the sample CA services run on the JDK's HTTP server, which without this waits for the client's
// delayed ACK between headers and body (Nagle): about 40 ms per OCSP or TSA request on loopback
@Fork(value = 1, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PdfSigningBenchmark {

  @Param({"RSA_2048", "EC_P256"})
  public KeyKind key;

  @Param({"ONE_PAGE", "TEN_MIB"})
  public BenchPdfs.Size document;

  @Param({"B_B", "B_LT"})
  public PadesLevel level;

  private SampleCaServer server;
  private PdfSigner signer;
  private SigningKey signingKey;
  private SignatureOptions options;
  private Path dir;
  private Path in;
  private Path out;

  @Setup(Level.Trial)
  public void start() throws IOException {
    Clock clock = Clock.systemUTC();
    server = SampleCaServer.bind(0, clock);
    SamplePki pki = DemoSet.generator(key, server.urls()).clock(clock).build().generate();
    server.start(pki);
    signer = PdfSigner.builder().clock(clock).timeStampAuthority(server.urls().tsa())
        .trustAnchors(pki.trustAnchors()).build();
    Credential chairman = pki.credential(DemoSet.CHAIRMAN);
    signingKey = SigningKey.of(chairman.privateKey(), chairman.chain());
    byte[] image;
    try (InputStream png = PdfSigningBenchmark.class.getResourceAsStream(
        "/vn/lienthong/sample/images/sample-signature.png")) {
      image = png.readAllBytes();
    }
    options = SignatureOptions.builder().level(level)
        .appearance(new Appearance.Signer(image, "Phạm Văn Mẫu", "Chủ tịch"),
            Placement.onPage(1, 330, 300, 180, 110)).build();
    dir = Files.createTempDirectory("lienthong-bench");
    in = BenchPdfs.write(dir.resolve("in.pdf"), document);
    out = dir.resolve("out.pdf");
  }

  @Benchmark
  public long sign() throws PdfSigningException, IOException {
    signer.sign(in, out, signingKey, options);
    return Files.size(out);
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    server.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
