package vn.lienthong.core.pdf;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a large PDF straight to disk, object by object, never holding it in memory: one page per
 * uncompressed 1024×1024 grey image of 1 MiB, so {@code pages} MiB of image streams.
 */
final class LargePdfs {

  private static final int SIDE = 1024;

  private LargePdfs() {}

  static Path write(Path file, int pages) throws IOException {
    List<Long> offsets = new ArrayList<>();
    try (Counting out = new Counting(new BufferedOutputStream(Files.newOutputStream(file),
        1 << 16))) {
      out.ascii("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
      int objects = 2 + 3 * pages;
      offsets.add(out.count);
      out.ascii("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
      offsets.add(out.count);
      StringBuilder kids = new StringBuilder();
      for (int p = 0; p < pages; p++) {
        kids.append(3 + 3 * p).append(" 0 R ");
      }
      out.ascii("2 0 obj\n<< /Type /Pages /Count " + pages + " /Kids [" + kids + "] >>\nendobj\n");
      byte[] row = new byte[SIDE];
      for (int p = 0; p < pages; p++) {
        int page = 3 + 3 * p;
        offsets.add(out.count);
        out.ascii(page + " 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
            + " /Resources << /XObject << /Im0 " + (page + 2) + " 0 R >> >> /Contents "
            + (page + 1) + " 0 R >>\nendobj\n");
        String content = "q 500 0 0 500 47 171 cm /Im0 Do Q\n";
        offsets.add(out.count);
        out.ascii((page + 1) + " 0 obj\n<< /Length " + content.length() + " >>\nstream\n"
            + content + "endstream\nendobj\n");
        offsets.add(out.count);
        out.ascii((page + 2) + " 0 obj\n<< /Type /XObject /Subtype /Image /Width " + SIDE
            + " /Height " + SIDE + " /ColorSpace /DeviceGray /BitsPerComponent 8 /Length "
            + SIDE * SIDE + " >>\nstream\n");
        for (int y = 0; y < SIDE; y++) {
          for (int x = 0; x < SIDE; x++) {
            row[x] = (byte) ((x ^ y ^ p) & 0xFF);
          }
          out.write(row);
        }
        out.ascii("\nendstream\nendobj\n");
      }
      long xref = out.count;
      StringBuilder table = new StringBuilder("xref\n0 " + (objects + 1)
          + "\n0000000000 65535 f \n");
      for (long offset : offsets) {
        table.append(String.format("%010d 00000 n \n", offset));
      }
      out.ascii(table + "trailer\n<< /Size " + (objects + 1) + " /Root 1 0 R >>\nstartxref\n"
          + xref + "\n%%EOF\n");
    }
    return file;
  }

  private static final class Counting extends java.io.FilterOutputStream {
    long count;

    Counting(OutputStream out) {
      super(out);
    }

    void ascii(String s) throws IOException {
      write(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }
  }
}
