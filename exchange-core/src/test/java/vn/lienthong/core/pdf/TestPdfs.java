package vn.lienthong.core.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/** Small documents to sign: an official letter template with a signature placeholder. */
final class TestPdfs {

  static final String ANCHOR = "[[CHU_KY]]";

  private TestPdfs() {}

  /** An A4 letter in Vietnamese with the placeholder {@value #ANCHOR} at the signature place. */
  static Path letter(Path file, int pages) throws IOException {
    try (PDDocument doc = build(pages)) {
      doc.save(file.toFile());
    }
    return file;
  }

  /** Encrypted with an owner password and the given user password (empty: opens without one). */
  /**
   * A landscape page made the way scanners and word processors often do: an A4 portrait page with
   * /Rotate 90, its content turned so that it reads upright when displayed; the placeholder
   * {@value #ANCHOR} at (620, 150) of the displayed page.
   */
  static Path rotatedLandscape(Path file) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDType0Font font;
      try (InputStream in = TestPdfs.class.getResourceAsStream(
          "/vn/lienthong/core/pdf/fonts/LiberationSerif-Regular.ttf")) {
        font = PDType0Font.load(doc, in, true);
      }
      PDPage page = new PDPage(PDRectangle.A4);
      page.setRotation(90);
      doc.addPage(page);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.transform(new org.apache.pdfbox.util.Matrix(0, 1, -1, 0,
            PDRectangle.A4.getWidth(), 0));
        text(cs, font, 14, 70, 520, "PHỤ LỤC: bảng kế hoạch (trang ngang)");
        text(cs, font, 12, 620, 150, ANCHOR);
      }
      doc.save(file.toFile());
    }
    return file;
  }

  static Path encrypted(Path file, String userPassword) throws IOException {
    try (PDDocument doc = build(1)) {
      StandardProtectionPolicy policy =
          new StandardProtectionPolicy("owner-secret", userPassword, new AccessPermission());
      policy.setEncryptionKeyLength(128);
      doc.protect(policy);
      doc.save(file.toFile());
    }
    return file;
  }

  private static PDDocument build(int pages) throws IOException {
    PDDocument doc = new PDDocument();
    PDType0Font font;
    try (InputStream in = TestPdfs.class.getResourceAsStream(
        "/vn/lienthong/core/pdf/fonts/LiberationSerif-Regular.ttf")) {
      font = PDType0Font.load(doc, in, true);
    }
    for (int p = 1; p <= pages; p++) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        text(cs, font, 13, 70, 780, "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH");
        text(cs, font, 13, 330, 780, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        text(cs, font, 14, 150, 680, "QUYẾT ĐỊNH về việc phê duyệt kế hoạch (trang " + p + ")");
        text(cs, font, 12, 70, 640, "Căn cứ Nghị định số 30/2020/NĐ-CP về công tác văn thư;");
        if (p == pages) {
          text(cs, font, 12, 380, 420, "CHỦ TỊCH");
          cs.setNonStrokingColor(1f, 1f, 1f); // templates carry the placeholder in white
          text(cs, font, 12, 380, 360, ANCHOR);
          cs.setNonStrokingColor(0f, 0f, 0f);
        }
      }
    }
    return doc;
  }

  private static void text(PDPageContentStream cs, PDType0Font font, float size, float x,
      float y, String s) throws IOException {
    cs.beginText();
    cs.setFont(font, size);
    cs.newLineAtOffset(x, y);
    cs.showText(s);
    cs.endText();
  }
}
