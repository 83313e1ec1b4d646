package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PdfLoader} reads every hex string as PDFBox's own loader does, malformed ones included,
 * and reuses a long one decoded by an earlier load of the same file only where its source holds it.
 */
class PdfLoaderTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "<0A1b2C3d>", // both cases
      "<>", // empty
      "< 0A\n1B\r\t2C\f3D\b >", // PDFBox's whitespace
      "<0A1>", // odd: PDFBox pads the last digit
      "<0 A1 B2\nC>", // the digits of a byte apart
      "<0A1G2B>", // a non-hex letter: PDFBox drops from there
      "<0A\u00001B>", // NUL is not whitespace in PDFBox's hex strings
      "<0A 1B", // no closing bracket before the next key
  })
  void readsAHexStringAsPdfboxDoes(String hex) throws IOException {
    byte[] pdf = pdf("<< /Type /Catalog /Pages 2 0 R /S " + hex + " /N 7 >>");
    assertSameAsPdfbox(pdf);
  }

  @Test
  void aSignatureSizedStringAcrossChunks() throws IOException {
    byte[] value = new byte[40_000];
    new Random(7).nextBytes(value);
    StringBuilder hex = new StringBuilder("<");
    for (int i = 0; i < value.length; i++) {
      hex.append(String.format("%02X", value[i]));
      if (i % 37 == 0) {
        hex.append('\n');
      }
    }
    byte[] pdf = pdf("<< /Type /Catalog /Pages 2 0 R /S " + hex + "> /N 7 >>");
    try (PDDocument doc = PdfLoader.load(new RandomAccessReadBuffer(pdf))) {
      assertThat(catalog(doc).getDictionaryObject(COSName.getPDFName("S"))).isInstanceOfSatisfying(
          COSString.class, s -> assertThat(s.getBytes()).isEqualTo(value));
      assertThat(catalog(doc).getInt(COSName.getPDFName("N"))).isEqualTo(7);
    }
    assertSameAsPdfbox(pdf);
  }

  @Test
  void aStringThatNeverEndsFailsAsInPdfbox() {
    byte[] pdf = ("%PDF-1.7\n1 0 obj\n<< /S <0A1B2C").getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> Loader.loadPDF(pdf)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> PdfLoader.load(new RandomAccessReadBuffer(pdf))).isInstanceOf(IOException.class);
  }

  @Test
  void aLongStringIsDecodedOnceForTheLoadsOfOneFile() throws IOException {
    byte[] value = new byte[HexStrings.MIN_DIGITS];
    new Random(11).nextBytes(value);
    byte[] pdf = pdf("<< /Type /Catalog /Pages 2 0 R /S <" + HexFormat.of().formatHex(value) + "> /N 7 >>");
    long start = new String(pdf, StandardCharsets.ISO_8859_1).indexOf("/S <") + 3;
    long after = start + 2 * value.length + 2;
    HexStrings known = new HexStrings();
    assertThat(stringS(pdf, known)).isEqualTo(value);
    assertThat(known.find(start, pdf.length).bytes()).isEqualTo(value);
    assertThat(known.find(start, after)).as("a source that holds the closing >").isNotNull();
    assertThat(known.find(start, after - 1)).as("a prefix that ends inside the string").isNull();

    HexStrings planted = new HexStrings();
    byte[] other = "not decoded from this file".getBytes(StandardCharsets.US_ASCII);
    planted.add(start, other, after);
    assertThat(stringS(pdf, planted)).as("the next load takes it from what the first decoded").isEqualTo(other);
    HexStrings beyond = new HexStrings();
    beyond.add(start, other, pdf.length + 1);
    assertThat(stringS(pdf, beyond)).as("closed beyond this source: decoded again").isEqualTo(value);
  }

  @Test
  void shortStringsAreNotRemembered() throws IOException {
    byte[] pdf = pdf("<< /Type /Catalog /Pages 2 0 R /S <0A1B2C3D> /N 7 >>");
    HexStrings known = new HexStrings();
    assertThat(stringS(pdf, known)).containsExactly(0x0A, 0x1B, 0x2C, 0x3D);
    long start = new String(pdf, StandardCharsets.ISO_8859_1).indexOf("/S <") + 3;
    assertThat(known.find(start, pdf.length)).isNull();
  }

  @Test
  void noMoreThanItsBudgetIsRemembered() {
    HexStrings known = new HexStrings();
    byte[] half = new byte[(int) (HexStrings.MAX_BYTES / 2)];
    known.add(0, half, 2L * half.length + 2);
    known.add(1L << 30, half, (1L << 30) + 2L * half.length + 2);
    known.add(2L << 30, new byte[HexStrings.MIN_DIGITS], (2L << 30) + 4 * HexStrings.MIN_DIGITS);
    assertThat(known.find(0, Long.MAX_VALUE)).isNotNull();
    assertThat(known.find(1L << 30, Long.MAX_VALUE)).isNotNull();
    assertThat(known.find(2L << 30, Long.MAX_VALUE)).as("over the budget: decoded again").isNull();
  }

  private static byte[] stringS(byte[] pdf, HexStrings known) throws IOException {
    try (PDDocument doc = PdfLoader.load(new RandomAccessReadBuffer(pdf), known)) {
      return ((COSString) catalog(doc).getDictionaryObject(COSName.getPDFName("S"))).getBytes();
    }
  }

  private static void assertSameAsPdfbox(byte[] pdf) throws IOException {
    try (PDDocument ours = PdfLoader.load(new RandomAccessReadBuffer(pdf));
        PDDocument theirs = Loader.loadPDF(pdf)) {
      COSDictionary a = catalog(ours);
      COSDictionary b = catalog(theirs);
      assertThat(a.keySet()).isEqualTo(b.keySet());
      for (COSName key : b.keySet()) {
        COSBase x = a.getDictionaryObject(key);
        COSBase y = b.getDictionaryObject(key);
        assertThat(CosCompare.same(x, y)).as("/" + key.getName() + ": " + x + " vs " + y).isTrue();
      }
      assertThat(a.getInt(COSName.getPDFName("N"))).isEqualTo(b.getInt(COSName.getPDFName("N")));
    }
  }

  private static COSDictionary catalog(PDDocument doc) {
    return doc.getDocumentCatalog().getCOSObject();
  }

  /** A one-page PDF whose catalog is {@code catalog}, with a correct cross-reference table. */
  private static byte[] pdf(String catalog) {
    List<String> objects = List.of(catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, "%PDF-1.7\n");
    List<Integer> offsets = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      offsets.add(out.size());
      write(out, (i + 1) + " 0 obj\n" + objects.get(i) + "\nendobj\n");
    }
    int xref = out.size();
    write(out, "xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
    for (int offset : offsets) {
      write(out, String.format("%010d 00000 n \n", offset));
    }
    write(out, "trailer\n<< /Size " + (objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" + xref + "\n%%EOF\n");
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
  }
}
