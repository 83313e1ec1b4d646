package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.pdf.PdfSigningException.Code;
import vn.lienthong.sample.pki.DemoSet;

/** Raising signed PDFs to B-LT and B-LTA, in revisions appended after the signed ones. */
class ExtensionTest extends PdfsigFixture {

  @Test
  void timeStampedSignatureExtendedToLtGetsOnlyTheDss() throws Exception {
    Path signed = sign("bt.pdf", PadesLevel.B_T);
    Path extended = dir.resolve("bt-lt.pdf");

    services.extender().extend(signed, extended, PadesLevel.B_LT);

    assertThat(Files.readAllBytes(extended)).startsWith(Files.readAllBytes(signed));
    assertThat(subFilters(extended)).containsExactly("ETSI.CAdES.detached");
    assertThat(hasDss(extended)).isTrue();
    pdfsig.assertAllValid(extended, 1, 0);
  }

  @Test
  void basicSignatureExtendedToLtaGetsATimeStampThenTheDssThenAnother() throws Exception {
    Path signed = sign("bb.pdf", PadesLevel.B_B);
    Path extended = dir.resolve("bb-lta.pdf");

    services.extender().extend(signed, extended, PadesLevel.B_LTA);

    assertThat(subFilters(extended))
        .containsExactly("ETSI.CAdES.detached", "ETSI.RFC3161", "ETSI.RFC3161");
    pdfsig.assertAllValid(extended, 1, 2);
  }

  @Test
  void ltaIsRenewedWithAFurtherDocumentTimeStamp() throws Exception {
    Path lta = sign("lta.pdf", PadesLevel.B_LTA);
    Path renewed = dir.resolve("lta-renewed.pdf");

    services.extender().extend(lta, renewed, PadesLevel.B_LTA);

    assertThat(subFilters(renewed))
        .containsExactly("ETSI.CAdES.detached", "ETSI.RFC3161", "ETSI.RFC3161");
    assertThat(Files.readAllBytes(renewed)).startsWith(Files.readAllBytes(lta));
    pdfsig.assertAllValid(renewed, 1, 2);
  }

  @Test
  void unsignedPdfIsNotExtended() throws Exception {
    Path letter = TestPdfs.letter(dir.resolve("unsigned.pdf"), 1);
    Path out = dir.resolve("unsigned-lt.pdf");

    assertThatThrownBy(() -> services.extender().extend(letter, out, PadesLevel.B_LT))
        .isInstanceOfSatisfying(PdfSigningException.class,
            e -> assertThat(e.code()).isEqualTo(Code.NOT_SIGNED));
    assertThat(out).doesNotExist();
  }

  private static Path sign(String name, PadesLevel level) throws Exception {
    Path out = dir.resolve(name);
    services.signer().sign(TestPdfs.letter(dir.resolve("in-" + name), 1), out,
        services.key(DemoSet.FINANCE_DIRECTOR), SignatureOptions.builder().level(level).build());
    return out;
  }

  private static List<String> subFilters(Path pdf) throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      return doc.getSignatureDictionaries().stream().map(PDSignature::getSubFilter).toList();
    }
  }

  private static boolean hasDss(Path pdf) throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      return doc.getDocumentCatalog().getCOSObject()
          .getCOSDictionary(COSName.getPDFName("DSS")) != null;
    }
  }
}
