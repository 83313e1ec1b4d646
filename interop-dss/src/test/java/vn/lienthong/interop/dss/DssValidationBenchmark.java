package vn.lienthong.interop.dss;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.policy.ValidationPolicy;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.policy.ValidationPolicyLoader;
import eu.europa.esig.dss.validation.reports.Reports;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
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

/**
 * The peer of exchange-bench's {@code PdfVerificationBenchmark}: EU DSS 6.3 validating the
 * identical files ({@code DECREE30_ONE_MIB.pdf}, {@code SEAL_HUNDRED_MIB.pdf}) that
 * exchange-bench's {@code VerificationFixtures} wrote into the directory the system property
 * {@code lienthong.bench.fixtures} names, trusting the same two roots ({@code anchors/}).
 *
 * <p>Offline as ours is: {@code CommonCertificateVerifier(true)} has no data loader, so DSS uses
 * only what the PDF carries (the DSS dictionary's certificates, OCSP responses and CRLs, the CMS
 * certificates) and fetches nothing (no OCSP, CRL or AIA). DSS's default validation policy
 * (loaded once here, not per validation, as our {@code ValidationPolicy} is built once), with its
 * default checks of object modifications and visual differences between revisions. Its log is set
 * to errors only (the fork's {@code -Dorg.slf4j.simpleLogger.defaultLogLevel=error}): ours logs
 * nothing while verifying. The heap is 1 GiB, not ours 128 MiB: DSS holds a whole revision's
 * bytes.
 *
 * <p>Run by {@code exchange-bench/scripts/run-all.sh}; by hand: {@code java
 * -Dlienthong.bench.fixtures=DIR -cp interop-dss/target/test-classes:$(cat
 * interop-dss/target/bench.classpath) org.openjdk.jmh.Main DssValidationBenchmark}.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error"})
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DssValidationBenchmark {

  /** The same names as exchange-bench's {@code PdfVerificationBenchmark.Case}. */
  public enum Case { DECREE30_ONE_MIB, SEAL_HUNDRED_MIB }

  @Param({"DECREE30_ONE_MIB", "SEAL_HUNDRED_MIB"})
  public Case document;

  private FileDocument file;
  private CommonCertificateVerifier verifier;
  private ValidationPolicy policy;

  @Setup(Level.Trial)
  public void load() throws IOException, GeneralSecurityException {
    String shared = System.getProperty("lienthong.bench.fixtures");
    if (shared == null || shared.isBlank()) {
      throw new IllegalStateException("-Dlienthong.bench.fixtures=DIR is required: the directory "
          + "exchange-bench's VerificationFixtures wrote (run-all.sh does it)");
    }
    Path dir = Path.of(shared);
    Path pdf = dir.resolve(document.name() + ".pdf");
    if (!Files.exists(dir.resolve("complete")) || !Files.exists(pdf)) {
      throw new IllegalStateException("no complete fixtures in " + dir);
    }
    verifier = new CommonCertificateVerifier(true);
    CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
    for (X509Certificate root : anchors(dir.resolve("anchors"))) {
      trusted.addCertificate(new CertificateToken(root));
    }
    verifier.setTrustedCertSources(trusted);
    policy = ValidationPolicyLoader.fromDefaultValidationPolicy().create();
    file = new FileDocument(pdf.toFile());
    SimpleReport report = validate().getSimpleReport();
    int expected = document == Case.DECREE30_ONE_MIB ? 2 : 1;
    if (report.getSignatureIdList().size() != expected) {
      throw new IllegalStateException("DSS finds " + report.getSignatureIdList().size()
          + " signatures in " + pdf + ", not " + expected);
    }
    for (String id : report.getSignatureIdList()) {
      if (report.getIndication(id) != Indication.TOTAL_PASSED) {
        throw new IllegalStateException("DSS does not pass " + id + " in " + pdf + ": "
            + report.getIndication(id) + "/" + report.getSubIndication(id));
      }
    }
  }

  private static List<X509Certificate> anchors(Path dir) throws IOException,
      GeneralSecurityException {
    CertificateFactory x509 = CertificateFactory.getInstance("X.509");
    try (Stream<Path> files = Files.list(dir).sorted()) {
      List<Path> list = files.toList();
      X509Certificate[] roots = new X509Certificate[list.size()];
      for (int i = 0; i < roots.length; i++) {
        try (InputStream in = Files.newInputStream(list.get(i))) {
          roots[i] = (X509Certificate) x509.generateCertificate(in);
        }
      }
      return List.of(roots);
    }
  }

  /** One validation of the file, as a relying party runs DSS: a validator per document. */
  @Benchmark
  public Reports validate() {
    SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(file);
    validator.setCertificateVerifier(verifier);
    return validator.validateDocument(policy);
  }
}
