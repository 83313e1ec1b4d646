package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where revisions end: only an %%EOF that closes a trailer, with its end-of-line or not. */
class RevisionEndsTest {

  @TempDir Path dir;

  @Test
  void eofInsideStreamDataIsNotARevisionEnd() throws Exception {
    String first = "%PDF-1.7\n1 0 obj\n<< /Length 12 >>\nstream\n%%EOF inside\nendstream\nendobj\n"
        + "startxref\n9\n%%EOF\r\n";
    String second = "2 0 obj\n<< >>\nendobj\nstartxref\n77\n%%EOF";
    Path file = Files.writeString(dir.resolve("two.pdf"), first + second + "  \n");

    List<RevisionEnds.End> ends = RevisionEnds.scan(file);

    assertThat(ends).hasSize(2);
    RevisionEnds.End end = ends.get(0);
    assertThat(end.afterEol()).isEqualTo(first.length());
    assertThat(end.accepts(first.length() - 2)).isTrue(); // just after %%EOF
    assertThat(end.accepts(first.length())).isTrue();     // after its CR LF
    assertThat(end.accepts(first.length() + 1)).isFalse();
    assertThat(ends.get(1).marker()).isEqualTo(first.length() + second.length());
  }

  /** The file is read about 64 KiB at a time: a marker across two reads is found wherever it falls. */
  @Test
  void aMarkerAcrossTwoReadsCounts() throws Exception {
    String trailer = "startxref\n9\n";
    for (int first : new int[] {65_528, 131_064}) {
      for (int markerStart = first; markerStart < first + 16; markerStart++) {
        StringBuilder text = new StringBuilder("%PDF-1.7\n");
        while (text.length() < markerStart - trailer.length()) {
          text.append(text.length() % 80 == 0 ? '\n' : 'x');
        }
        text.append(trailer).append("%%EOF\n");
        Path file = Files.writeString(dir.resolve("long.pdf"), text);

        assertThat(RevisionEnds.scan(file)).as("%%EOF at " + markerStart)
            .extracting(RevisionEnds.End::marker).containsExactly((long) markerStart + 5);
      }
    }
  }
}
