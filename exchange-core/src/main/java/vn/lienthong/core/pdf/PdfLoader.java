package vn.lienthong.core.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;
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
 *
 * <p>Cross-reference streams are checked before PDFBox reads them ({@link #requireSoundXref}):
 * PDFBox reads one entry of {@code /W} widths at a time until the stream or the declared object
 * numbers end, so {@code /W [0 0 0]} with {@code /Size 2147483647} made it add two billion
 * entries from one byte (the verifier and the signer ran for minutes into gigabytes), and it
 * decodes the stream whole into memory first (a 600 KB FlateDecode bomb was 600 MB).
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

  /** Bytes a cross-reference stream may decode to per encoded byte (Flate of offsets: 2 to 10). */
  static final int MAX_XREF_EXPANSION = 64;
  /** Decoded bytes any cross-reference stream may have, whatever its encoded length. */
  static final int MIN_XREF_DECODED_BOUND = 1 << 16;

  /**
   * Refuses a cross-reference stream PDFBox would read without bound: {@code /W} widths
   * outside 0 to 8 or all zero (no entry consumes a byte), or more decoded bytes than
   * {@value #MAX_XREF_EXPANSION} per encoded byte (and at least {@value #MIN_XREF_DECODED_BOUND}),
   * counted by decoding it as a stream before PDFBox decodes it into memory.
   */
  static void requireSoundXref(COSStream xref) throws IOException {
    if (!(xref.getDictionaryObject(COSName.W) instanceof COSArray w) || w.size() != 3) {
      return; // PDFBox refuses it itself
    }
    int sum = 0;
    for (int i = 0; i < 3; i++) {
      if (!(w.getObject(i) instanceof COSInteger width) || width.longValue() < 0
          || width.longValue() > 8) {
        throw new IOException("cross-reference stream /W " + w + ": each width must be 0 to 8");
      }
      sum += width.intValue();
    }
    if (sum == 0) {
      throw new IOException("cross-reference stream /W " + w + ": entries of no bytes");
    }
    long bound = Math.max(MIN_XREF_DECODED_BOUND, MAX_XREF_EXPANSION * xref.getLength());
    if (!decodesWithin(xref, bound, Set.of())) {
      throw new IOException("cross-reference stream decodes to more than " + bound
          + " bytes (" + xref.getLength() + " encoded)");
    }
  }

  /** Filters PDFBox decodes whole into memory, and that decode here as a stream. */
  static final Set<COSName> MEMORY_FILTERS = Set.of(COSName.FLATE_DECODE,
      COSName.FLATE_DECODE_ABBREVIATION, COSName.LZW_DECODE, COSName.LZW_DECODE_ABBREVIATION,
      COSName.ASCII_HEX_DECODE, COSName.ASCII_HEX_DECODE_ABBREVIATION, COSName.ASCII85_DECODE,
      COSName.ASCII85_DECODE_ABBREVIATION, COSName.RUN_LENGTH_DECODE,
      COSName.RUN_LENGTH_DECODE_ABBREVIATION);
  /** What one filter of a chain may decode to before the next (kept in memory). */
  private static final long MAX_INTERMEDIATE = 8L << 20;

  /**
   * Whether {@code stream} decodes to at most {@code bound} bytes, counted by decoding it as a
   * stream, nothing kept but the output of a filter another follows. PDFBox decodes a stream
   * whole into memory before handing out a byte: a 600 KB Flate stream was 600 MB. True when it
   * cannot be decoded (PDFBox reports that itself) or when {@code only} is not empty and a
   * filter is not among them (PDFBox decodes those as images, at the resolution drawn).
   */
  static boolean decodesWithin(COSStream stream, long bound, Set<COSName> only)
      throws IOException {
    List<Filter> filters = new ArrayList<>();
    COSBase f = stream.getDictionaryObject(COSName.FILTER);
    List<COSName> names = new ArrayList<>();
    if (f instanceof COSName name) {
      names.add(name);
    } else if (f instanceof COSArray array) {
      for (int i = 0; i < array.size(); i++) {
        if (!(array.getObject(i) instanceof COSName name)) {
          return true;
        }
        names.add(name);
      }
    }
    if (names.isEmpty() || !only.isEmpty() && !only.containsAll(names)) {
      return true; // its bytes are in the file, or it is not decoded here
    }
    for (COSName name : names) {
      filters.add(FilterFactory.INSTANCE.getFilter(name));
    }
    byte[] stage = null;
    for (int i = 0; i < filters.size(); i++) {
      boolean last = i == filters.size() - 1;
      Bounded out = new Bounded(last ? bound : Math.min(bound, MAX_INTERMEDIATE), last);
      try (InputStream in = stage == null ? stream.createRawInputStream()
          : new java.io.ByteArrayInputStream(stage)) {
        filters.get(i).decode(in, out, stream, i);
      } catch (IOException | RuntimeException e) {
        return !out.exceeded;
      }
      stage = out.toByteArray();
    }
    return true;
  }

  /** Collects (or, for the last filter, counts) decoded bytes; fails past the bound. */
  private static final class Bounded extends OutputStream {
    private final long bound;
    private final ByteArrayOutputStream kept;
    private long count;
    boolean exceeded;

    Bounded(long bound, boolean countOnly) {
      this.bound = bound;
      this.kept = countOnly ? null : new ByteArrayOutputStream();
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      count += len;
      if (count > bound) {
        exceeded = true;
        throw new IOException("decoded past " + bound + " bytes");
      }
      if (kept != null) {
        kept.write(b, off, len);
      }
    }

    byte[] toByteArray() {
      return kept == null ? new byte[0] : kept.toByteArray();
    }
  }

  private static final class Parser extends PDFParser {

    private final HexStrings known;

    Parser(RandomAccessRead source, HexStrings known) throws IOException {
      super(source, "", null, null, IOUtils.createMemoryOnlyStreamCache());
      this.known = known;
    }

    @Override
    protected COSStream parseCOSStream(COSDictionary dic) throws IOException {
      COSStream stream = super.parseCOSStream(dic);
      COSName type = stream.getCOSName(COSName.TYPE);
      if ((type == null || COSName.XREF.equals(type))
          && stream.getDictionaryObject(COSName.W) instanceof COSArray) {
        try {
          requireSoundXref(stream);
        } catch (IOException e) {
          stream.close();
          throw e;
        }
      }
      return stream;
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
