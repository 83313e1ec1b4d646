package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The /Contents gap between the two byte ranges, decoded strictly: one hex string, pairs of digits, nothing else. */
class SignatureGapTest {

  @TempDir Path dir;

  /** The gap of a file "xxxx" + gap + "yyyy": its byte range and what decoding it says. */
  private record Decoded(byte[] bytes, List<String> problems) {}

  private Decoded decode(String gap) throws Exception {
    Path file = dir.resolve("gap.bin");
    Files.write(file, ("xxxx" + gap + "yyyy").getBytes(StandardCharsets.ISO_8859_1));
    long[] range = {0, 4, 4 + gap.length(), 4};
    List<String> problems = new ArrayList<>();
    try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "r")) {
      byte[] bytes = new SignatureStructure(raw, raw.length(), List.of()).gapContents(range, problems);
      return new Decoded(bytes, problems);
    }
  }

  @Test
  void digitsOfEitherCaseDecodeInPairs() throws Exception {
    byte[] der = new byte[4096];
    new java.util.Random(7).nextBytes(der);
    String hex = HexFormat.of().formatHex(der);
    String mixed = hex.substring(0, 2048).toUpperCase() + hex.substring(2048) + "0000";

    Decoded d = decode("<" + mixed + ">");

    assertThat(d.problems()).isEmpty();
    assertThat(d.bytes()).hasSize(4098).startsWith(der).endsWith(0, 0);
  }

  @Test
  void aNonHexByteIsNamedByItsOffsetInTheFile() throws Exception {
    // offsets: "xxxx" is 0-3, '<' is 4, the digits start at 5
    assertThat(decode("<0a1g2b>").problems())
        .containsExactly("CONTENTS_FILL_GAP: the gap holds a non-hex byte at offset 8");   // the low digit
    assertThat(decode("<0ag12b>").problems())
        .containsExactly("CONTENTS_FILL_GAP: the gap holds a non-hex byte at offset 7");   // the high digit
    assertThat(decode("<0a 1b>").problems()).as("white space is not allowed in the gap")
        .containsExactly("CONTENTS_FILL_GAP: the gap holds a non-hex byte at offset 7");
    assertThat(decode("<0a1b2>").problems())
        .containsExactly("SIGNATURE_DICTIONARY_WELL_FORMED: /Contents has an odd number of hex digits");
    assertThat(decode("<0a1bz>").problems()).as("odd, the last one not hex: the byte is named")
        .containsExactly("CONTENTS_FILL_GAP: the gap holds a non-hex byte at offset 9");
    assertThat(decode("0a1b2c").problems())
        .containsExactly("CONTENTS_FILL_GAP: the gap is not exactly one hex string <...>");
    assertThat(decode("<0a1b2c>").bytes()).containsExactly(0x0a, 0x1b, 0x2c);
  }
}
