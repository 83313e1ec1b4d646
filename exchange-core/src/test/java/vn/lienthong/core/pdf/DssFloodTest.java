package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.validation.ValidationReport;
import vn.lienthong.core.validation.Verifier;
import vn.lienthong.sample.pki.DemoSet;

/** A DSS whose arrays name one item again and again: what the verifier spends on them. */
class DssFloodTest extends ServicesFixture {

  static Verifier verifier;
  static Path signed;

  @BeforeAll
  static void signALetter() throws Exception {
    verifier = Verifier.builder(services.pki.trustAnchors()).build();
    signed = dir.resolve("signed.pdf");
    services.signer().sign(TestPdfs.letter(dir.resolve("letter.pdf"), 1), signed,
        services.key("seal-" + DemoSet.PROVINCE),
        SignatureOptions.builder().level(PadesLevel.B_LT).build());
  }

  /** The DSS's {@code key} array made of its first item {@code times} times, as an update. */
  static Path flooded(String key, int times) throws Exception {
    Path out = dir.resolve("flood-" + key + "-" + times + ".pdf");
    try (PDDocument doc = Loader.loadPDF(signed.toFile());
        OutputStream o = Files.newOutputStream(out)) {
      COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
      COSDictionary dss = catalog.getCOSDictionary(COSName.getPDFName("DSS"));
      COSArray items = (COSArray) dss.getDictionaryObject(COSName.getPDFName(key));
      COSBase first = items.get(0);
      COSArray many = new COSArray();
      for (int i = 0; i < times; i++) {
        many.add(first);
      }
      dss.setItem(COSName.getPDFName(key), many);
      dss.setNeedToBeUpdated(true);
      catalog.setNeedToBeUpdated(true);
      doc.saveIncremental(o);
    }
    return out;
  }

  private static ValidationReport verifiesQuickly(Path file) throws Exception {
    long start = System.nanoTime();
    ValidationReport report = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        Duration.ofSeconds(20), () -> verifier.verify(file));
    System.out.println(file.getFileName() + " " + java.nio.file.Files.size(file) / 1024 + " KB: "
        + (System.nanoTime() - start) / 1_000_000 + " ms " + report.verdict());
    return report;
  }

  /**
   * 100 000 references to one OCSP response (771 KB): each was parsed and matched against each
   * certificate checked, and verified where it matched; the verifier ran past 20 s (minutes).
   * The flood must not change the verdict either.
   */
  @Test
  void aDssOf100000OcspResponsesIsVerifiedInSeconds() throws Exception {
    ValidationReport control = verifiesQuickly(flooded("OCSPs", 1));

    ValidationReport report = verifiesQuickly(flooded("OCSPs", 100_000));

    assertThat(report.verdict()).isEqualTo(control.verdict());
  }

  @Test
  void aDssOf100000CertificatesIsVerifiedInSeconds() throws Exception {
    ValidationReport control = verifiesQuickly(flooded("Certs", 1));

    ValidationReport report = verifiesQuickly(flooded("Certs", 100_000));

    assertThat(report.verdict()).isEqualTo(control.verdict());
  }
}
