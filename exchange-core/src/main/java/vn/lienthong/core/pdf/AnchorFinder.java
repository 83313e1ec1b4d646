package vn.lienthong.core.pdf;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * Finds where a placeholder text is drawn, from PDFBox's text positions. The search is bounded,
 * over all pages: {@link #MAX_STEPS} operators it processes (text, graphics state, form
 * XObjects) or finds inside a form XObject, and {@link #MAX_DRAWING_OPERATORS} drawing operators
 * of the pages' own content, which it reads and ignores. Form XObjects drawing each other tenfold
 * (a 2 KB page, 10^8 operators) held the signer for minutes (more than two; no end seen), where
 * the verifier's renderer has its {@link RenderingBudget}; one bound of 2 M operators of any
 * kind refused genuine plans whose vector pages (GIS maps, CAD drawings) come before the
 * placeholder, three pages of a million line segments each.
 */
final class AnchorFinder extends PDFTextStripper {

  /**
   * Operators the search processes, or meets inside form XObjects (what a page may run many
   * times over from a few bytes), all pages together: a dense text page is a few thousand; a form
   * drawn within a form costs PDFBox more than 1 µs an operator here, and each saved graphics
   * state or shown glyph is held until its page is done.
   */
  static final long MAX_STEPS = 2_000_000L;
  /**
   * Path, painting, clipping, colour and line style operators of the pages' own content, all
   * pages together: read and ignored by the search (20 M take about 2 s here); a heavy vector
   * page is a few million.
   */
  static final long MAX_DRAWING_OPERATORS = 20_000_000L;
  /** The operators counted against {@link #MAX_DRAWING_OPERATORS}: PDFTextStripper ignores them. */
  private static final Set<String> DRAWING = Set.of("m", "l", "c", "v", "y", "h", "re", "S", "s",
      "f", "F", "f*", "B", "B*", "b", "b*", "n", "W", "W*", "g", "G", "rg", "RG", "k", "K", "cs",
      "CS", "sc", "SC", "scn", "SCN", "w", "J", "j", "M", "d", "ri", "i", "sh", "MP", "DP", "BX",
      "EX");

  /** Thrown from inside PDFBox (which swallows IOExceptions of nested forms) past the bound. */
  private static final class Exceeded extends RuntimeException {
    Exceeded() {
      super("anchor search bound", null, false, false);
    }
  }

  private long steps;
  private long drawingOperators;

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
    if (finder.found == null
        && (finder.steps > MAX_STEPS || finder.drawingOperators > MAX_DRAWING_OPERATORS)) {
      throw new PdfSigningException(PdfSigningException.Code.CORRUPT_PDF, "The text '" + anchor
          + "' was searched for through " + (finder.steps > MAX_STEPS ? MAX_STEPS
              + " content operators" : MAX_DRAWING_OPERATORS + " drawing operators")
          + " without being found:"
          + " the document's pages are damaged or built to cost without bound; place the"
          + " signature by page and position instead");
    }
    return Optional.ofNullable(finder.found);
  }

  @Override
  protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
    // PDFBox raises the level for each form XObject it draws (and stops at 50)
    if (getLevel() == 0 && DRAWING.contains(operator.getName())
        ? ++drawingOperators > MAX_DRAWING_OPERATORS : ++steps > MAX_STEPS) {
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
