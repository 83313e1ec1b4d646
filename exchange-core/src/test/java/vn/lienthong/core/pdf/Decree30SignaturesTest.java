package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lienthong.sample.pki.DemoSet;

/**
 * The two signatures of Decree 30/2020: the chairman signs with his handwritten signature, the
 * province seals over it; both stay valid for pdfsig, also after extension to B-LTA, and the page
 * shows both where they were asked.
 */
class Decree30SignaturesTest extends PdfsigFixture {

  static final float DPI = 72;
  static final PDRectangle SIGNER_RECT = new PDRectangle(330, 300, 180, 110);

  static Path letter;
  static Path signed;
  static Path sealed;

  @BeforeAll
  static void signAndSeal() throws Exception {
    letter = TestPdfs.letter(dir.resolve("letter.pdf"), 2);
    signed = dir.resolve("signed.pdf");
    sealed = dir.resolve("sealed.pdf");
    services.signer().sign(letter, signed, services.key(DemoSet.CHAIRMAN),
        SignatureOptions.builder().level(PadesLevel.B_T).reason("Phê duyệt")
            .appearance(new Appearance.Signer(SampleServices.signatureImage(), "Phạm Văn Mẫu",
                "Chủ tịch Ủy ban nhân dân tỉnh"), Placement.onPage(2, SIGNER_RECT.getLowerLeftX(),
                SIGNER_RECT.getLowerLeftY(), SIGNER_RECT.getWidth(), SIGNER_RECT.getHeight()))
            .build());
    services.signer().sign(signed, sealed, services.key("seal-" + DemoSet.PROVINCE),
        SignatureOptions.builder().level(PadesLevel.B_T)
            .appearance(new Appearance.Seal(SampleServices.sealImage(),
                "Ủy ban nhân dân tỉnh Quảng Ninh"), Placement.overSignerImage())
            .build());
  }

  @Test
  void signerAndSealAreBothValidForPdfsig() throws Exception {
    String report = pdfsig.assertAllValid(sealed, 2, 0);
    assertThat(report).contains("Common Name: Phạm Văn Mẫu")
        .contains("Common Name: Ủy ban nhân dân tỉnh Quảng Ninh");
  }

  @Test
  void bothStayValidAfterExtensionToLta() throws Exception {
    Path archived = dir.resolve("archived.pdf");
    services.extender().extend(sealed, archived, PadesLevel.B_LTA);

    pdfsig.assertAllValid(archived, 2, 1);
    try (PDDocument doc = Loader.loadPDF(archived.toFile())) {
      assertThat(doc.getDocumentCatalog().getCOSObject().getCOSDictionary(
          org.apache.pdfbox.cos.COSName.getPDFName("DSS"))).isNotNull();
    }
    assertThat(Files.size(archived)).isGreaterThan(Files.size(sealed));
    assertThat(Files.readAllBytes(archived)).startsWith(Files.readAllBytes(sealed));
  }

  @Test
  void sealIsASecondRevisionCoveringTheFirst() throws Exception {
    try (PDDocument doc = Loader.loadPDF(sealed.toFile())) {
      List<PDSignature> signatures = doc.getSignatureDictionaries();
      assertThat(signatures).hasSize(2);
      int[] first = signatures.get(0).getByteRange();
      int[] second = signatures.get(1).getByteRange();
      assertThat(second[2] + second[3]).isGreaterThan(first[2] + first[3]);
      assertThat((long) second[2] + second[3]).isEqualTo(Files.size(sealed));
    }
  }

  @Test
  void pageShowsSignerAndRedSealWhereAskedAndNothingElseChanged() throws Exception {
    BufferedImage before = render(letter, 1);
    BufferedImage after = render(sealed, 1);
    PDRectangle seal = sealRect();
    int height = after.getHeight();

    assertThat(nonWhite(after, SIGNER_RECT, height)).as("signer's appearance drawn")
        .isGreaterThan(500);
    assertThat(red(after, seal, height)).as("red pixels of the seal").isGreaterThan(500);
    assertThat(seal.getUpperRightX()).as("the seal covers the left third of the signer's image")
        .isCloseTo(SIGNER_RECT.getLowerLeftX() + SIGNER_RECT.getWidth() / 3,
            org.assertj.core.data.Offset.offset(0.5f));
    assertThat(seal.getHeight()).as("a real seal: 36 mm").isCloseTo(102f,
        org.assertj.core.data.Offset.offset(0.5f));
    assertThat(changedOutside(before, after, List.of(SIGNER_RECT, seal), height)).isZero();

    // what docs/sealed-page.png was copied from (the build folder, never the sources)
    Path target = Path.of("target");
    if (Files.isDirectory(target)) {
      ImageIO.write(render(sealed, 1, 110f), "png", target.resolve("sealed-page.png").toFile());
    }
  }

  private static PDRectangle sealRect() throws Exception {
    try (PDDocument doc = Loader.loadPDF(sealed.toFile())) {
      var fields = doc.getDocumentCatalog().getAcroForm().getFields();
      return fields.get(fields.size() - 1).getWidgets().get(0).getRectangle();
    }
  }

  static BufferedImage render(Path pdf, int pageIndex) throws Exception {
    return render(pdf, pageIndex, DPI);
  }

  static BufferedImage render(Path pdf, int pageIndex, float dpi) throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      return new PDFRenderer(doc).renderImageWithDPI(pageIndex, dpi);
    }
  }

  static int nonWhite(BufferedImage img, PDRectangle r, int height) {
    int n = 0;
    for (int x = (int) r.getLowerLeftX(); x < (int) r.getUpperRightX(); x++) {
      for (int y = height - (int) r.getUpperRightY(); y < height - (int) r.getLowerLeftY(); y++) {
        if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
          n++;
        }
      }
    }
    return n;
  }

  static int red(BufferedImage img, PDRectangle r, int height) {
    int n = 0;
    for (int x = (int) r.getLowerLeftX(); x < (int) r.getUpperRightX(); x++) {
      for (int y = height - (int) r.getUpperRightY(); y < height - (int) r.getLowerLeftY(); y++) {
        int rgb = img.getRGB(x, y);
        int red = (rgb >> 16) & 0xFF;
        int green = (rgb >> 8) & 0xFF;
        int blue = rgb & 0xFF;
        if (red > 150 && green < 110 && blue < 110) {
          n++;
        }
      }
    }
    return n;
  }

  static int changedOutside(BufferedImage a, BufferedImage b, List<PDRectangle> allowed,
      int height) {
    int n = 0;
    for (int x = 0; x < a.getWidth(); x++) {
      for (int y = 0; y < a.getHeight(); y++) {
        if (a.getRGB(x, y) != b.getRGB(x, y) && !inside(x, height - y, allowed)) {
          n++;
        }
      }
    }
    return n;
  }

  private static boolean inside(int x, int y, List<PDRectangle> rects) {
    for (PDRectangle r : rects) {
      if (x >= r.getLowerLeftX() - 1 && x <= r.getUpperRightX() + 1
          && y >= r.getLowerLeftY() - 1 && y <= r.getUpperRightY() + 1) {
        return true;
      }
    }
    return false;
  }
}
