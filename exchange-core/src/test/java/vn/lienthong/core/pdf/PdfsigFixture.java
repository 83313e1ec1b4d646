package vn.lienthong.core.pdf;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import vn.lienthong.core.interop.Pdfsig;
import vn.lienthong.sample.pki.DemoSet;

/**
 * The set-up of the test classes that sign online and check with poppler's pdfsig: the services of
 * {@link ServicesFixture} and pdfsig trusting their roots.
 */
abstract class PdfsigFixture extends ServicesFixture {

  static Pdfsig pdfsig;

  @BeforeAll
  static void trustPdfsig() throws Exception {
    pdfsig = Pdfsig.trusting(dir, services.pki.trustAnchors());
  }

  /**
   * What a clerk does with a letter: the chairman signs it at its anchor (B-T), the province's
   * seal goes over his signature at {@code sealLevel}.
   */
  static void signAndSeal(Path in, Path signed, Path sealed, PadesLevel sealLevel)
      throws Exception {
    services.signer().sign(in, signed, services.key(DemoSet.CHAIRMAN),
        SignatureOptions.builder().level(PadesLevel.B_T)
            .appearance(new Appearance.Signer(SampleServices.signatureImage(), "Phạm Văn Mẫu",
                "Chủ tịch"), Placement.atAnchor(TestPdfs.ANCHOR, 180, 110)).build());
    services.signer().sign(signed, sealed, services.key("seal-" + DemoSet.PROVINCE),
        SignatureOptions.builder().level(sealLevel)
            .appearance(new Appearance.Seal(SampleServices.sealImage(),
                "Ủy ban nhân dân tỉnh Quảng Ninh"), Placement.overSignerImage()).build());
  }
}
