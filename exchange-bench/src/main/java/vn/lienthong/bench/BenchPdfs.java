package vn.lienthong.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The documents signed: pages each drawing one uncompressed 1 MiB grey image. */
public final class BenchPdfs {

  /** How large the document is. */
  public enum Size {
    /** One page with a small image (about 17 KiB). */
    ONE_PAGE(1, 128),
    /** One page of a 1 MiB image. */
    ONE_MIB(1, 1024),
    /** Ten pages of 1 MiB images. */
    TEN_MIB(10, 1024),
    /** A hundred pages of 1 MiB images. */
    HUNDRED_MIB(100, 1024);

    final int pages;
    final int side;

    Size(int pages, int side) {
      this.pages = pages;
      this.side = side;
    }
  }

  private BenchPdfs() {}

  static Path write(Path file, Size size) throws IOException {
    return write(file, size.pages, size.side);
  }

  /** A PDF of {@code pages} pages, each an uncompressed grey image of {@code side}² bytes. */
  public static Path write(Path file, int pages, int side) throws IOException {
    List<Long> offsets = new ArrayList<>();
    long[] count = {0};
    try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file))) {
      OutputStream out = new java.io.FilterOutputStream(raw) {
        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          raw.write(b, off, len);
          count[0] += len;
        }
      };
      ascii(out, "%PDF-1.7\n");
      offsets.add(count[0]);
      ascii(out, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
      StringBuilder kids = new StringBuilder();
      for (int p = 0; p < pages; p++) {
        kids.append(3 + 3 * p).append(" 0 R ");
      }
      offsets.add(count[0]);
      ascii(out, "2 0 obj\n<< /Type /Pages /Count " + pages + " /Kids [" + kids
          + "] >>\nendobj\n");
      byte[] row = new byte[side];
      for (int p = 0; p < pages; p++) {
        int page = 3 + 3 * p;
        String content = "q 400 0 0 400 97 400 cm /Im0 Do Q\n";
        offsets.add(count[0]);
        ascii(out, page + " 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
            + " /Resources << /XObject << /Im0 " + (page + 2) + " 0 R >> >> /Contents "
            + (page + 1) + " 0 R >>\nendobj\n");
        offsets.add(count[0]);
        ascii(out, (page + 1) + " 0 obj\n<< /Length " + content.length() + " >>\nstream\n"
            + content + "endstream\nendobj\n");
        offsets.add(count[0]);
        ascii(out, (page + 2) + " 0 obj\n<< /Type /XObject /Subtype /Image /Width " + side
            + " /Height " + side + " /ColorSpace /DeviceGray /BitsPerComponent 8 /Length "
            + (side * side) + " >>\nstream\n");
        for (int y = 0; y < side; y++) {
          for (int x = 0; x < side; x++) {
            row[x] = (byte) (x ^ y ^ p);
          }
          out.write(row, 0, row.length);
        }
        ascii(out, "\nendstream\nendobj\n");
      }
      long xref = count[0];
      StringBuilder table = new StringBuilder("xref\n0 " + (offsets.size() + 1)
          + "\n0000000000 65535 f \n");
      for (long offset : offsets) {
        table.append(String.format("%010d 00000 n \n", offset));
      }
      ascii(out, table + "trailer\n<< /Size " + (offsets.size() + 1)
          + " /Root 1 0 R >>\nstartxref\n" + xref + "\n%%EOF\n");
    }
    return file;
  }

  private static void ascii(OutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    out.write(b, 0, b.length);
  }
}
