package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vn.lienthong.core.interop.Pdfsig;
import vn.lienthong.core.pki.DigestAlgorithm;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;

/** Every level, signed by us, is valid and trusted for poppler's pdfsig (NSS). */
class PadesLevelsPdfsigTest extends PdfsigFixture {

  @ParameterizedTest
  @EnumSource(PadesLevel.class)
  void signedAtEveryLevelIsValidForPdfsig(PadesLevel level) throws Exception {
    Path in = TestPdfs.letter(dir.resolve("letter-" + level + ".pdf"), 1);
    Path out = dir.resolve("signed-" + level + ".pdf");

    services.signer().sign(in, out, services.key(DemoSet.CHAIRMAN), SignatureOptions.builder()
        .level(level).appearance(new Appearance.Signer(SampleServices.signatureImage(),
            "Phạm Văn Mẫu", "Chủ tịch Ủy ban nhân dân tỉnh"),
            Placement.atAnchor(TestPdfs.ANCHOR, 180, 110)).build());

    String report = pdfsig.assertAllValid(out, 1, level == PadesLevel.B_LTA ? 1 : 0);
    assertThat(report).contains("Signer Certificate Common Name: Phạm Văn Mẫu");
  }

  @Test
  void rsaWithPkcs1AndWithPssIsValidForPdfsig() throws Exception {
    try (SampleServices rsa = new SampleServices(KeyKind.RSA_2048)) {
      Pdfsig trusting = Pdfsig.trusting(
          java.nio.file.Files.createDirectories(dir.resolve("rsa")), rsa.pki.trustAnchors());
      for (RsaPadding padding : RsaPadding.values()) {
        Path in = TestPdfs.letter(dir.resolve("letter-" + padding + ".pdf"), 1);
        Path out = dir.resolve("signed-" + padding + ".pdf");

        rsa.signer().sign(in, out, rsa.key(DemoSet.VICE_CHAIRMAN), SignatureOptions.builder()
            .level(PadesLevel.B_T).digest(DigestAlgorithm.SHA512).rsaPadding(padding).build());

        trusting.assertAllValid(out, 1, 0);
      }
    }
  }
}
