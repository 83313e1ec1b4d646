package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.validation.ChangeInfo;

/**
 * The revision comparison's rendering in the 64 MiB heap of the small-heap execution: a page of
 * the largest size PDF allows (14 400 units square, 200 inches) rendered three times at 72 dpi
 * would be 830 MB of pixels each time: a genuine large page must be compared without running
 * the verifier out of memory.
 */
class RenderingBombStreamingTest extends ServicesFixture {

  @Test
  void aPageOfTheLargestSizeIsComparedWithinTheHeap() throws Exception {
    assumeTrue(Runtime.getRuntime().maxMemory() < 256L << 20, "meaningful in a small heap");
    Path file = RenderingBombs.signedAndSealed(services, dir, "huge-page",
        new PDRectangle(14_400, 14_400), RenderingBombs::square);

    PdfRevisions revisions = PdfRevisions.read(file);
    List<ChangeInfo> changes = revisions.changesAfter(revisions.signatures().get(0));

    // a genuine seal on a large page stays a genuine seal
    assertThat(changes).extracting(ChangeInfo::kind).containsExactly(ChangeInfo.Kind.SIGNATURE_ADDED);
    assertThat(changes).allMatch(ChangeInfo::allowed);
  }
}
