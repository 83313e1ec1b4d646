package vn.lienthong.core.pdf;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where each revision of a PDF ends: every {@code %%EOF} that closes a trailer (preceded by
 * {@code startxref} and the offset of a cross-reference section of the file), so that one inside
 * a stream's data does not count. Streams the file once through a small buffer.
 *
 * <p>Another PDF carried uncompressed in a stream (an attachment) holds its own
 * {@code startxref n %%EOF}, with an offset within that PDF: it counted as a revision of the
 * outer file, and a genuine document to which a PDF was attached after its signatures (a file
 * attachment annotation) was {@code TOTAL_FAILED}, the file cut inside the attachment being
 * compared as a revision. A marker counts only when its offset names the start of a
 * cross-reference section ({@code xref}, or an object whose dictionary is {@code /Type /XRef}),
 * from the file's start or from its {@code %PDF-} header, within its own revision (after the
 * marker before it: an attached copy of the document's own first revision names a section of
 * the outer file); the file's last marker always counts (lenient readers read a damaged file
 * from it).
 */
final class RevisionEnds {

  /** One revision's end: just after {@code %%EOF}, and after the end-of-line that follows. */
  record End(long marker, long afterEol) {
    boolean accepts(long coveredEnd) {
      return coveredEnd >= marker && coveredEnd <= afterEol;
    }
  }

  private static final byte[] EOF = "%%EOF".getBytes(StandardCharsets.US_ASCII);
  private static final Pattern STARTXREF =
      Pattern.compile("startxref\\s+\\d+\\s*(%[^\\r\\n]*[\\r\\n]+\\s*)?$");
  private static final int HEADER_WINDOW = 1024;
  /** How much of a cross-reference stream's dictionary is read for its /Type /XRef. */
  private static final int XREF_WINDOW = 4096;
  private static final Pattern STARTXREF_OFFSET = Pattern.compile("startxref\\s+(\\d{1,18})");
  private static final Pattern OBJECT_START = Pattern.compile("^\\d{1,10}\\s+\\d{1,5}\\s+obj\\b");
  /** Horspool's shifts for {@code %%EOF}: how far its last byte may move past each byte. */
  private static final int[] SHIFT = new int[256];

  static {
    Arrays.fill(SHIFT, EOF.length);
    for (int i = 0; i < EOF.length - 1; i++) {
      SHIFT[EOF[i] & 0xff] = EOF.length - 1 - i;
    }
  }

  private RevisionEnds() {}

  /** Throws {@link NotAPdfException} for an empty file or one without a PDF header. */
  static List<End> scan(Path pdf) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(pdf.toFile(), "r")) {
      long length = file.length();
      if (length == 0) {
        throw new NotAPdfException(NotAPdfException.Reason.EMPTY, pdf + " is empty");
      }
      byte[] head = new byte[(int) Math.min(HEADER_WINDOW, length)];
      file.readFully(head);
      int header = new String(head, StandardCharsets.ISO_8859_1).indexOf("%PDF-");
      if (header < 0) {
        throw new NotAPdfException(NotAPdfException.Reason.NO_HEADER,
            pdf + " has no %PDF- header in its first " + HEADER_WINDOW + " bytes");
      }
      return markers(file, length, header);
    }
  }

  /**
   * Every {@code %%EOF} closing a trailer, found by Horspool's search (most bytes of a PDF are
   * not in the marker, and the search then moves five bytes at once); each buffer starts with
   * the last four bytes of the one before, so a marker across two reads is found.
   */
  private static List<End> markers(RandomAccessFile file, long length, int header)
      throws IOException {
    List<End> ends = new ArrayList<>();
    End lastCandidate = null;
    int keep = EOF.length - 1;
    byte[] buffer = new byte[64 * 1024 + keep];
    int carried = 0;
    long base = 0; // file offset of buffer[carried]
    while (base < length) {
      file.seek(base);
      int n = file.read(buffer, carried, buffer.length - carried);
      if (n <= 0) {
        break;
      }
      int end = carried + n;
      long start = base - carried; // file offset of buffer[0]
      for (int i = keep; i < end; i += SHIFT[buffer[i] & 0xff]) {
        if (buffer[i] == 'F' && buffer[i - 1] == 'O' && buffer[i - 2] == 'E'
            && buffer[i - 3] == '%' && buffer[i - 4] == '%') {
          long marker = start + i + 1;
          long xref = closesTrailer(file, marker - EOF.length);
          if (xref >= 0) {
            End candidate = new End(marker, afterEol(file, marker, length));
            lastCandidate = candidate;
            long from = ends.isEmpty() ? 0 : ends.get(ends.size() - 1).marker();
            if (namesXref(file, xref, from, marker - EOF.length)
                || header > 0 && namesXref(file, xref + header, from, marker - EOF.length)) {
              ends.add(candidate);
            }
          }
        }
      }
      carried = Math.min(keep, end);
      System.arraycopy(buffer, end - carried, buffer, 0, carried);
      base += n;
    }
    if (lastCandidate != null
        && (ends.isEmpty() || !ends.get(ends.size() - 1).equals(lastCandidate))) {
      ends.add(lastCandidate); // a damaged file's last revision, as lenient readers read it
    }
    return ends;
  }

  /** The offset {@code startxref} names just before the marker at {@code eofStart}, else -1. */
  private static long closesTrailer(RandomAccessFile file, long eofStart) throws IOException {
    int window = (int) Math.min(256, eofStart);
    byte[] before = new byte[window];
    file.seek(eofStart - window);
    file.readFully(before);
    var matcher = STARTXREF.matcher(new String(before, StandardCharsets.ISO_8859_1));
    if (!matcher.find()) {
      return -1;
    }
    var offset = STARTXREF_OFFSET.matcher(matcher.group());
    return offset.find() ? Long.parseLong(offset.group(1)) : -1;
  }

  /**
   * Whether a cross-reference section starts at {@code offset} (white space skipped), within the
   * revision, from the end of the one before ({@code from}) to {@code eofStart}: a table ({@code xref}) or an object whose dictionary, before its
   * {@code stream} keyword, says {@code /XRef} (one whose dictionary is longer than the window
   * read counts too; one that ends without a stream does not).
   */
  private static boolean namesXref(RandomAccessFile file, long offset, long from, long eofStart)
      throws IOException {
    if (offset < from || offset >= eofStart) {
      return false;
    }
    byte[] window = new byte[(int) Math.min(XREF_WINDOW, eofStart - offset)];
    file.seek(offset);
    file.readFully(window);
    String text = new String(window, StandardCharsets.ISO_8859_1).stripLeading();
    if (text.startsWith("xref")) {
      return true;
    }
    if (!OBJECT_START.matcher(text).find()) {
      return false;
    }
    int stream = text.indexOf("stream");
    int endobj = text.indexOf("endobj");
    if (stream < 0) {
      return endobj < 0; // no stream keyword in the window: a long dictionary, or no xref stream
    }
    return (endobj < 0 || stream < endobj) && text.substring(0, stream).contains("/XRef");
  }

  private static long afterEol(RandomAccessFile file, long marker, long length)
      throws IOException {
    file.seek(marker);
    long end = marker;
    while (end < length && end - marker < 2) {
      int c = file.read();
      if (c == '\r' || c == '\n') {
        end++;
      } else {
        break;
      }
    }
    return end;
  }
}
