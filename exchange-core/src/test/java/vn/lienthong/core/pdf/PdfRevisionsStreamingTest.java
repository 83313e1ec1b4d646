package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.validation.ChangeInfo;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;

/**
 * Revision analysis reads from disk: a PDF of about 100 MiB signed twice is analysed in the
 * 64 MiB heap of the small-heap surefire execution, where the file cannot fit in memory.
 */
class PdfRevisionsStreamingTest {

  @TempDir Path dir;

  @Test
  void hundredMegabyteFileSignedTwiceIsAnalysedInASmallHeap() throws Exception {
    Path large = LargePdfs.write(dir.resolve("large.pdf"), 100);
    Path once = dir.resolve("once.pdf");
    Path twice = dir.resolve("twice.pdf");
    try (SampleServices services = new SampleServices(KeyKind.EC_P256)) {
      SignatureOptions options = SignatureOptions.builder().level(PadesLevel.B_B).build();
      services.signer().sign(large, once, services.key(DemoSet.CHAIRMAN), options);
      services.signer().sign(once, twice, services.key(DemoSet.VICE_CHAIRMAN), options);
    }
    assumeTrue(Files.size(twice) > Runtime.getRuntime().maxMemory(),
        "meaningful only in a heap smaller than the file (the small-heap execution)");

    PdfRevisions revisions = PdfRevisions.read(twice);

    assertThat(revisions.revisionCount()).isEqualTo(3);
    assertThat(revisions.signatures()).extracting(SignatureField::revision).containsExactly(2, 3);
    assertThat(revisions.signatures()).allSatisfy(s -> assertThat(s.isSound()).isTrue());
    List<ChangeInfo> changes = revisions.changesAfter(revisions.signatures().get(0));
    assertThat(changes).extracting(ChangeInfo::kind)
        .containsExactly(ChangeInfo.Kind.SIGNATURE_ADDED);
    assertThat(changes).allMatch(ChangeInfo::allowed);
    SignatureField last = revisions.signatures().get(1);
    long[] r = last.byteRange();
    long streamed = 0;
    try (InputStream in = revisions.signedContent(last)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        streamed += n;
      }
    }
    assertThat(streamed).isEqualTo(r[1] + r[3]).isEqualTo(Files.size(twice) - (r[2] - r[1]));
  }
}
