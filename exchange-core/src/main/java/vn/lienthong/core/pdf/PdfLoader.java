package vn.lienthong.core.pdf;

import java.io.IOException;
import java.util.Arrays;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.pdfparser.PDFParser;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Loads PDFs as {@code Loader.loadPDF} does, with hex strings read in bulk. PDFBox reads a hex
 * string a character at a time into a {@code StringBuilder}, then decodes that: 5 ns a
 * character, and a signature's {@code /Contents} is 64 KB of hex, met each time a revision
 * holding it is loaded (five times for a signed and sealed document). Strings that are anything
 * but hex digits and whitespace up to {@code >}, an even number of digits, are left to PDFBox,
 * whose repairs of malformed strings are thus unchanged. The loads of one file's revisions may
 * share the long strings they decoded ({@link HexStrings}).
 */
final class PdfLoader {

  private static final byte WHITESPACE = -2;
  private static final byte OTHER = -1;
  private static final byte[] HEX = new byte[256];

  static {
    Arrays.fill(HEX, OTHER);
    for (int c = 0; c < 16; c++) {
      HEX[Character.forDigit(c, 16)] = (byte) c;
      HEX[Character.toUpperCase(Character.forDigit(c, 16))] = (byte) c;
    }
    for (char c : new char[] {' ', '\n', '\t', '\r', '\b', '\f'}) { // PDFBox's set in hex strings
      HEX[c] = WHITESPACE;
    }
  }

  private PdfLoader() {}

  /** The value of hex digit {@code b}, negative when it is none. */
  static int hexDigit(byte b) {
    return HEX[b & 0xff];
  }

  /** Parses {@code source} (closed with the document) without a password. */
  static PDDocument load(RandomAccessRead source) throws IOException {
    return load(source, new HexStrings());
  }

  /**
   * Parses {@code source}, a prefix of the file whose earlier loads decoded {@code known} (file
   * offsets are the same in every prefix), and adds the long strings it decodes.
   */
  static PDDocument load(RandomAccessRead source, HexStrings known) throws IOException {
    return new Parser(source, known).parse();
  }

  private static final class Parser extends PDFParser {

    private final HexStrings known;

    Parser(RandomAccessRead source, HexStrings known) throws IOException {
      super(source, "", null, null, IOUtils.createMemoryOnlyStreamCache());
      this.known = known;
    }

    @Override
    protected COSString parseCOSString() throws IOException {
      if (source.peek() != '<') {
        return super.parseCOSString();
      }
      long start = source.getPosition();
      HexStrings.Decoded earlier = known.find(start, source.length());
      if (earlier != null) {
        source.seek(earlier.after());
        return new COSString(earlier.bytes());
      }
      byte[] bytes = hex(start);
      if (bytes == null) {
        source.seek(start);
        return super.parseCOSString();
      }
      known.add(start, bytes, source.getPosition());
      return new COSString(bytes);
    }

    /** The string's bytes, the source left after its {@code >}; null when PDFBox should parse it. */
    private byte[] hex(long start) throws IOException {
      source.seek(start + 1);
      byte[] chunk = new byte[8192];
      byte[] out = new byte[256];
      int size = 0;
      int high = -1;
      long read = start + 1;
      for (int n; (n = source.read(chunk, 0, chunk.length)) > 0; read += n) {
        for (int i = 0; i < n; i++) {
          int v = HEX[chunk[i] & 0xff];
          if (v >= 0) {
            if (high < 0) {
              int low = i + 1 < n ? HEX[chunk[i + 1] & 0xff] : OTHER;
              if (low < 0) {
                high = v;
                continue;
              }
              v = v << 4 | low; // the common case: two digits in a row
              i++;
            } else {
              v = high << 4 | v;
              high = -1;
            }
            if (size == out.length) {
              out = Arrays.copyOf(out, size * 2);
            }
            out[size++] = (byte) v;
          } else if (v == OTHER) {
            if (chunk[i] != '>' || high >= 0) {
              return null;
            }
            source.seek(read + i + 1);
            return Arrays.copyOf(out, size);
          }
        }
      }
      return null;
    }
  }
}
