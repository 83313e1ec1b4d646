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
 * {@code startxref} and an offset), so that one inside a stream's data does not count. Streams
 * the file once through a small buffer.
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
      if (!new String(head, StandardCharsets.ISO_8859_1).contains("%PDF-")) {
        throw new NotAPdfException(NotAPdfException.Reason.NO_HEADER,
            pdf + " has no %PDF- header in its first " + HEADER_WINDOW + " bytes");
      }
      return markers(file, length);
    }
  }

  /**
   * Every {@code %%EOF} closing a trailer, found by Horspool's search (most bytes of a PDF are
   * not in the marker, and the search then moves five bytes at once); each buffer starts with
   * the last four bytes of the one before, so a marker across two reads is found.
   */
  private static List<End> markers(RandomAccessFile file, long length) throws IOException {
    List<End> ends = new ArrayList<>();
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
          if (closesTrailer(file, marker - EOF.length)) {
            ends.add(new End(marker, afterEol(file, marker, length)));
          }
        }
      }
      carried = Math.min(keep, end);
      System.arraycopy(buffer, end - carried, buffer, 0, carried);
      base += n;
    }
    return ends;
  }

  private static boolean closesTrailer(RandomAccessFile file, long eofStart) throws IOException {
    int window = (int) Math.min(256, eofStart);
    byte[] before = new byte[window];
    file.seek(eofStart - window);
    file.readFully(before);
    return STARTXREF.matcher(new String(before, StandardCharsets.ISO_8859_1)).find();
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
