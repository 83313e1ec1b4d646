package vn.lienthong.core.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Raw PDF bytes for hostile-structure tests: objects written as given, then a classic xref table
 * or an xref stream of the caller's making. Object 1 is conventionally the catalog.
 */
final class RawPdf {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final Map<Integer, Long> offsets = new TreeMap<>();

  RawPdf() {
    text("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
  }

  /** Continues {@code existing}'s bytes (an incremental update follows). */
  RawPdf(byte[] existing) {
    out.writeBytes(existing);
  }

  RawPdf text(String s) {
    out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    return this;
  }

  long position() {
    return out.size();
  }

  RawPdf object(int number, String body) {
    offsets.put(number, (long) out.size());
    text(number + " 0 obj\n" + body + "\nendobj\n");
    return this;
  }

  RawPdf stream(int number, String dict, byte[] data) {
    offsets.put(number, (long) out.size());
    text(number + " 0 obj\n<< " + dict + " /Length " + data.length + " >>\nstream\n");
    out.writeBytes(data);
    text("\nendstream\nendobj\n");
    return this;
  }

  Map<Integer, Long> offsets() {
    return offsets;
  }

  /** A classic xref table of the objects written so far, a trailer with {@code extra}, %%EOF. */
  long xrefTable(String trailerExtra) {
    long xref = out.size();
    StringBuilder s = new StringBuilder("xref\n0 1\n0000000000 65535 f \n");
    for (Map.Entry<Integer, Long> e : offsets.entrySet()) {
      s.append(e.getKey()).append(" 1\n").append(String.format("%010d 00000 n \n", e.getValue()));
    }
    int size = offsets.keySet().stream().mapToInt(i -> i).max().orElse(0) + 1;
    s.append("trailer\n<< /Size ").append(size).append(" ").append(trailerExtra)
        .append(" >>\nstartxref\n").append(xref).append("\n%%EOF\n");
    text(s.toString());
    offsets.clear();
    return xref;
  }

  /** A classic xref table with /Root 1 0 R, written to {@code file}. */
  Path xrefTableAndWrite(Path file) throws IOException {
    xrefTable("/Root 1 0 R");
    return write(file);
  }

  /** The trailer alone: startxref pointing at {@code xref}, %%EOF. */
  RawPdf startxref(long xref) {
    return text("startxref\n" + xref + "\n%%EOF\n");
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  Path write(Path file) throws IOException {
    Files.write(file, bytes());
    return file;
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** {@code n} bytes of {@code fill}, deflated (about 1000 to 1). */
  static byte[] deflatedRun(long n, byte fill) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(bytes,
        new Deflater(Deflater.BEST_COMPRESSION), 1 << 16)) {
      byte[] chunk = new byte[1 << 16];
      java.util.Arrays.fill(chunk, fill);
      for (long left = n; left > 0; left -= chunk.length) {
        z.write(chunk, 0, (int) Math.min(chunk.length, left));
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }

  static byte[] deflate(byte[] data) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(bytes)) {
      z.write(data);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }

  static List<Integer> range(int from, int to) {
    List<Integer> l = new ArrayList<>();
    for (int i = from; i < to; i++) {
      l.add(i);
    }
    return l;
  }
}
