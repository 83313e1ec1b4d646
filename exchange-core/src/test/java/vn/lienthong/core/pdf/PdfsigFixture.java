package vn.lienthong.core.pdf;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.interop.Pdfsig;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;

/**
 * The set-up of the test classes that sign online and check with poppler's pdfsig: per class, a
 * temporary directory, the sample services on an ECDSA P-256 PKI and pdfsig trusting its roots.
 */
abstract class PdfsigFixture {

  @TempDir static Path dir;
  static SampleServices services;
  static Pdfsig pdfsig;

  @BeforeAll
  static void startServices() throws Exception {
    services = new SampleServices(KeyKind.EC_P256);
    pdfsig = Pdfsig.trusting(dir, services.pki.trustAnchors());
  }

  @AfterAll
  static void stopServices() {
    services.close();
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
