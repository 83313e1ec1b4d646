package vn.lienthong.core.pdf;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * Finds where a placeholder text is drawn, from PDFBox's text positions. The search is bounded
 * by {@link #MAX_STEPS} content stream operators over all pages: form XObjects drawing each
 * other tenfold (a 2 KB page, 10^8 operators) held the signer for minutes (more than two; no
 * end seen), where the verifier's renderer has its {@link RenderingBudget}.
 */
final class AnchorFinder extends PDFTextStripper {

  /**
   * Content stream operators the search may process, all pages together: a dense text page is a
   * few thousand; a form drawn within a form costs PDFBox more than 1 µs an operator here.
   */
  static final long MAX_STEPS = 2_000_000L;

  /** Thrown from inside PDFBox (which swallows IOExceptions of nested forms) past the bound. */
  private static final class Exceeded extends RuntimeException {
    Exceeded() {
      super("anchor search bound", null, false, false);
    }
  }

  private long steps;

  /** Where the text was found: a page index (from 0) and the text's box in the displayed page. */
  record Found(int pageIndex, PDRectangle box) {}

  private final String anchor;
  private int currentPage;
  private float pageHeight;
  private Found found;

  private AnchorFinder(String anchor) {
    this.anchor = anchor;
    setSortByPosition(true);
  }

  static Optional<Found> find(PDDocument document, String anchor)
      throws IOException, PdfSigningException {
    AnchorFinder finder = new AnchorFinder(anchor);
    try {
      for (int i = 0; i < document.getNumberOfPages() && finder.found == null; i++) {
        finder.currentPage = i;
        // PDFBox gives text positions in the displayed page, from its top left corner
        finder.pageHeight = new PageSpace(document.getPage(i)).displayedHeight();
        finder.setStartPage(i + 1);
        finder.setEndPage(i + 1);
        finder.getText(document);
      }
    } catch (Exceeded e) {
      // found on a page before the bound was reached: keep it
    }
    if (finder.found == null && finder.steps > MAX_STEPS) {
      throw new PdfSigningException(PdfSigningException.Code.CORRUPT_PDF, "The text '" + anchor
          + "' was searched for through " + MAX_STEPS + " content operators without being found:"
          + " the document's pages are damaged or built to cost without bound; place the"
          + " signature by page and position instead");
    }
    return Optional.ofNullable(finder.found);
  }

  @Override
  protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
    if (++steps > MAX_STEPS) {
      throw new Exceeded();
    }
    super.processOperator(operator, operands);
  }

  @Override
  protected void writeString(String text, List<TextPosition> positions) throws IOException {
    if (found != null) {
      return;
    }
    StringBuilder line = new StringBuilder();
    int[] owner = new int[positions.stream().mapToInt(p -> p.getUnicode().length()).sum()];
    for (int i = 0; i < positions.size(); i++) {
      String unicode = positions.get(i).getUnicode();
      for (int k = 0; k < unicode.length(); k++) {
        owner[line.length() + k] = i;
      }
      line.append(unicode);
    }
    int at = line.indexOf(anchor);
    if (at < 0) {
      return;
    }
    TextPosition first = positions.get(owner[at]);
    TextPosition last = positions.get(owner[at + anchor.length() - 1]);
    float left = first.getXDirAdj();
    float right = last.getXDirAdj() + last.getWidthDirAdj();
    float baseline = pageHeight - first.getYDirAdj();
    float height = Math.max(first.getHeightDir(), 1f);
    found = new Found(currentPage, new PDRectangle(left, baseline, right - left, height));
  }
}
