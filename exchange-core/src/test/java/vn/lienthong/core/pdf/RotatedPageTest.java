package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.interop.Pdfsig;
import vn.lienthong.sample.pki.DemoSet;

/**
 * On a landscape page made with /Rotate 90, placements are read in the page as the reader sees
 * it, and the appearance stands upright there.
 */
class RotatedPageTest extends ServicesFixture {

  @Test
  void signatureOnARotatedPageIsUprightWhereAsked() throws Exception {
    Path in = TestPdfs.rotatedLandscape(dir.resolve("landscape.pdf"));
    Path out = dir.resolve("landscape-signed.pdf");
    PDRectangle asked = new PDRectangle(560, 300, 180, 110);

    services.signer().sign(in, out, services.key(DemoSet.CHAIRMAN), signer(
        Placement.onPage(1, asked.getLowerLeftX(), asked.getLowerLeftY(), asked.getWidth(),
            asked.getHeight())));

    BufferedImage page = Decree30SignaturesTest.render(out, 0);
    assertThat(page.getWidth()).isGreaterThan(page.getHeight());
    assertThat(Decree30SignaturesTest.nonWhite(page, asked, page.getHeight()))
        .isGreaterThan(500);
    int[] blue = blueBounds(page);
    assertThat(blue[2] - blue[0]).as("the handwriting is wider than tall: upright")
        .isGreaterThan(2 * (blue[3] - blue[1]));
    assertThat(Decree30SignaturesTest.changedOutside(Decree30SignaturesTest.render(in, 0), page,
        java.util.List.of(asked), page.getHeight())).isZero();
    Pdfsig.trusting(java.nio.file.Files.createDirectories(dir.resolve("nss")),
        services.pki.trustAnchors()).assertAllValid(out, 1, 0);
  }

  @Test
  void anchorOnARotatedPageIsFoundWhereTheReaderSeesIt() throws Exception {
    Path in = TestPdfs.rotatedLandscape(dir.resolve("landscape-anchor.pdf"));
    Path out = dir.resolve("landscape-anchor-signed.pdf");

    services.signer().sign(in, out, services.key(DemoSet.CHAIRMAN),
        signer(Placement.atAnchor(TestPdfs.ANCHOR, 180, 110)));

    BufferedImage page = Decree30SignaturesTest.render(out, 0);
    int[] blue = blueBounds(page);
    int height = page.getHeight();
    // the placeholder is drawn at x=620, baseline 150 of the displayed page
    assertThat((blue[0] + blue[2]) / 2).isBetween(630, 700);
    assertThat(height - (blue[1] + blue[3]) / 2).isBetween(130, 190);
  }

  private static SignatureOptions signer(Placement placement) {
    return SignatureOptions.builder().level(PadesLevel.B_B)
        .appearance(new Appearance.Signer(SampleServices.signatureImage(), "Phạm Văn Mẫu",
            "Chủ tịch"), placement).build();
  }

  /** minX, minY, maxX, maxY of the blue (handwriting) pixels, in image coordinates. */
  private static int[] blueBounds(BufferedImage img) {
    int[] b = {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
    for (int x = 0; x < img.getWidth(); x++) {
      for (int y = 0; y < img.getHeight(); y++) {
        int rgb = img.getRGB(x, y);
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int bl = rgb & 0xFF;
        if (bl > 120 && r < 90 && g < 110) {
          b[0] = Math.min(b[0], x);
          b[1] = Math.min(b[1], y);
          b[2] = Math.max(b[2], x);
          b[3] = Math.max(b[3], y);
        }
      }
    }
    assertThat(b[2]).as("blue handwriting pixels").isPositive();
    return b;
  }
}
