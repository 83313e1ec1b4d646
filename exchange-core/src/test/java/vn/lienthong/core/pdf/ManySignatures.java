package vn.lienthong.core.pdf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A PDF with a signature at every revision, written byte by byte: about 265 bytes per signature. */
final class ManySignatures {

  private ManySignatures() {}

  /**
   * A one-page PDF, {@code n - 1} empty incremental updates, then {@code n} signature fields
   * (forged, not cryptographically valid), the k-th whose ByteRange ends at revision k.
   */
  static Path write(Path file, int n) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long[] off = new long[4];
    w(out, "%PDF-1.7\n");
    off[1] = out.size(); w(out, "1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n");
    off[2] = out.size(); w(out, "2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n");
    off[3] = out.size(); w(out, "3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>> endobj\n");
    long xref = out.size();
    w(out, "xref\n0 4\n0000000000 65535 f \n");
    for (int i = 1; i < 4; i++) w(out, String.format("%010d 00000 n \n", off[i]));
    w(out, "trailer <</Size 4/Root 1 0 R>>\nstartxref\n" + xref + "\n%%EOF\n");
    long[] ends = new long[n + 1];
    ends[1] = out.size();
    long prev = xref;
    for (int k = 2; k <= n; k++) {
      long x = out.size();
      w(out, "xref\n0 1\n0000000000 65535 f \ntrailer <</Size 4/Root 1 0 R/Prev " + prev
          + ">>\nstartxref\n" + x + "\n%%EOF\n");
      prev = x;
      ends[k] = out.size();
    }
    long catalog = out.size();
    StringBuilder fields = new StringBuilder();
    for (int k = 1; k <= n; k++) fields.append(3 + k).append(" 0 R ");
    w(out, "1 0 obj <</Type/Catalog/Pages 2 0 R/AcroForm<</Fields[" + fields + "]/SigFlags 3>>>> endobj\n");
    long[] fo = new long[n + 4];
    for (int k = 1; k <= n; k++) {
      fo[3 + k] = out.size();
      w(out, (3 + k) + " 0 obj <</FT/Sig/T(s" + k + ")/V<</Type/Sig/Filter/Adobe.PPKLite"
          + "/SubFilter/ETSI.CAdES.detached/ByteRange[0 10 20 " + (ends[k] - 20) + "]/Contents<3000>>>>> endobj\n");
    }
    long x = out.size();
    w(out, "xref\n0 2\n0000000000 65535 f \n" + String.format("%010d 00000 n \n", catalog));
    w(out, "4 " + n + "\n");
    for (int k = 1; k <= n; k++) w(out, String.format("%010d 00000 n \n", fo[3 + k]));
    w(out, "trailer <</Size " + (n + 4) + "/Root 1 0 R/Prev " + prev + ">>\nstartxref\n" + x + "\n%%EOF\n");
    Files.write(file, out.toByteArray());
    return file;
  }

  private static void w(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
  }
}
