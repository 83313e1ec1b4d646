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

  /** A classic cross-reference section at {@code offset} and its trailer, closed by %%EOF. */
  private static String xref(int offset, String eol) {
    return "xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 >>\nstartxref\n" + offset
        + "\n%%EOF" + eol;
  }

  @Test
  void eofInsideStreamDataIsNotARevisionEnd() throws Exception {
    String objects = "%PDF-1.7\n1 0 obj\n<< /Length 12 >>\nstream\n%%EOF inside\nendstream\nendobj\n";
    String first = objects + xref(objects.length(), "\r\n");
    String object = "2 0 obj\n<< >>\nendobj\n";
    String second = object + xref(first.length() + object.length(), "");
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

  /**
   * Another PDF of two revisions carried uncompressed in a stream (an attachment): its
   * {@code startxref n %%EOF} name offsets of that PDF, not cross-reference sections of this
   * file, and were taken for two revisions of it.
   */
  @Test
  void theRevisionsOfAPdfCarriedInAStreamAreNotThisFilesRevisions() throws Exception {
    String innerObjects = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
    String innerFirst = innerObjects + xref(innerObjects.length(), "\n");
    String innerObject = "2 0 obj\n<< >>\nendobj\n";
    String inner = innerFirst + innerObject + xref(innerFirst.length() + innerObject.length(), "\n");
    String objects = "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /EmbeddedFile /Length " + inner.length()
        + " >>\nstream\n" + inner + "\nendstream\nendobj\n";
    String first = objects + xref(objects.length(), "\n");
    String object = "2 0 obj\n<< >>\nendobj\n";
    String second = object + xref(first.length() + object.length(), "\n");
    Path file = dir.resolve("carrier.pdf");
    Files.write(file, (first + second).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

    assertThat(RevisionEnds.scan(file)).extracting(RevisionEnds.End::marker)
        .containsExactly((long) first.length() - 1, (long) (first + second).length() - 1);
  }

  /**
   * Offsets from the {@code %PDF-} header (bytes before it), and a revision whose
   * cross-reference is a stream: each is a revision end; the last %%EOF is one even when its
   * offset names nothing (a damaged file PDFBox still reads).
   */
  @Test
  void offsetsFromTheHeaderXrefStreamsAndADamagedLastRevisionCount() throws Exception {
    String junk = "JUNK BEFORE\n";
    String objects = "%PDF-1.7\n1 0 obj\n<< >>\nendobj\n";
    String first = objects + xref(objects.length(), "\n");
    String stream = "3 0 obj\n<< /Type /XRef /W [1 1 0] /Size 4 /Length 2 >>\nstream\n\u0001\u0009\nendstream\nendobj\n";
    String second = stream + "startxref\n" + first.length() + "\n%%EOF\n";
    String third = "4 0 obj\n<< >>\nendobj\n" + xref(12345, "\n");
    Path file = dir.resolve("header.pdf");
    Files.write(file, (junk + first + second + third)
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

    assertThat(RevisionEnds.scan(file)).extracting(RevisionEnds.End::marker).containsExactly(
        (long) (junk + first).length() - 1, (long) (junk + first + second).length() - 1,
        (long) (junk + first + second + third).length() - 1);
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
