package vn.lienthong.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import vn.lienthong.core.pdf.PadesLevel;
import vn.lienthong.core.pdf.PdfSigner;
import vn.lienthong.core.pdf.PdfSigningException;
import vn.lienthong.core.pdf.SignatureOptions;
import vn.lienthong.core.pki.SigningKey;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.sample.services.SampleCaServer;

/**
 * The signed PDFs that verifiers are measured on, in a directory both exchange-core's
 * {@link PdfVerificationBenchmark} and EU DSS (interop-dss's {@code DssValidationBenchmark}) read,
 * so the two validate identical files: {@code DECREE30_ONE_MIB.pdf} (one page with a 1 MiB image,
 * the provincial chairman's signature then the province's seal, both B-LT),
 * {@code SEAL_HUNDRED_MIB.pdf} (a hundred such pages, one B-LT seal) and {@code anchors/} (the
 * fresh ECDSA P-256 sample PKI's two roots, DER). Signed against the sample CA services on
 * loopback, which are stopped afterwards: everything a verifier may use is in the files.
 *
 * <p>{@code java -cp benchmarks.jar vn.lienthong.bench.VerificationFixtures DIR} writes them once
 * (an existing complete directory is kept).
 */
public final class VerificationFixtures {

  /** The system property naming the directory the benchmarks share (else a temporary one). */
  public static final String PROPERTY = "lienthong.bench.fixtures";

  private static final String COMPLETE = "complete";

  private VerificationFixtures() {}

  /** Writes the fixtures to {@code args[0]} unless they are there already. */
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: VerificationFixtures DIR");
      System.exit(2);
    }
    Path dir = ensure(Path.of(args[0]));
    System.out.println("fixtures in " + dir.toAbsolutePath());
  }

  /** The signed file of one case. */
  public static Path file(Path dir, PdfVerificationBenchmark.Case document) {
    return dir.resolve(document.name() + ".pdf");
  }

  /** Creates the fixtures in {@code dir} unless a complete set is there. */
  public static Path ensure(Path dir) throws IOException, PdfSigningException {
    if (Files.exists(dir.resolve(COMPLETE))) {
      return dir;
    }
    Files.createDirectories(dir);
    Clock clock = Clock.systemUTC();
    try (SampleCaServer server = SampleCaServer.bind(0, clock)) {
      SamplePki pki = DemoSet.generator(KeyKind.EC_P256, server.urls()).clock(clock).build()
          .generate();
      server.start(pki);
      PdfSigner signer = PdfSigner.builder().clock(clock)
          .timeStampAuthority(server.urls().tsa()).trustAnchors(pki.trustAnchors()).build();
      SignatureOptions lt = SignatureOptions.builder().level(PadesLevel.B_LT).build();
      SigningKey seal = key(pki, SamplePki.sealAlias(DemoSet.PROVINCE));
      Path oneMib = BenchPdfs.write(dir.resolve("in-1mib.pdf"), BenchPdfs.Size.ONE_MIB);
      Path signed = dir.resolve("chairman-1mib.pdf");
      signer.sign(oneMib, signed, key(pki, DemoSet.CHAIRMAN), lt);
      signer.sign(signed, file(dir, PdfVerificationBenchmark.Case.DECREE30_ONE_MIB), seal, lt);
      Path hundred = BenchPdfs.write(dir.resolve("in-100mib.pdf"), BenchPdfs.Size.HUNDRED_MIB);
      signer.sign(hundred, file(dir, PdfVerificationBenchmark.Case.SEAL_HUNDRED_MIB), seal, lt);
      Files.delete(oneMib);
      Files.delete(signed);
      Files.delete(hundred);
      Path anchors = Files.createDirectories(dir.resolve("anchors"));
      int n = 0;
      for (X509Certificate root : pki.trustAnchors()) {
        Files.write(anchors.resolve("root-" + ++n + ".cer"), root.getEncoded());
      }
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot write the trust anchors", e);
    }
    Files.writeString(dir.resolve(COMPLETE), "");
    return dir;
  }

  /** The roots the fixtures were signed under. */
  public static List<X509Certificate> anchors(Path dir) throws IOException {
    List<X509Certificate> roots = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir.resolve("anchors")).sorted()) {
      CertificateFactory x509 = CertificateFactory.getInstance("X.509");
      for (Path f : files.toList()) {
        try (InputStream in = Files.newInputStream(f)) {
          roots.add((X509Certificate) x509.generateCertificate(in));
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read the trust anchors in " + dir, e);
    }
    return roots;
  }

  private static SigningKey key(SamplePki pki, String alias) {
    Credential c = pki.credential(alias);
    return SigningKey.of(c.privateKey(), c.chain());
  }
}
