package vn.lienthong.core.pdf;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/** Finds where a placeholder text is drawn, from PDFBox's text positions. */
final class AnchorFinder extends PDFTextStripper {

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

  static Optional<Found> find(PDDocument document, String anchor) throws IOException {
    AnchorFinder finder = new AnchorFinder(anchor);
    for (int i = 0; i < document.getNumberOfPages() && finder.found == null; i++) {
      finder.currentPage = i;
      // PDFBox gives text positions in the displayed page, from its top left corner
      finder.pageHeight = new PageSpace(document.getPage(i)).displayedHeight();
      finder.setStartPage(i + 1);
      finder.setEndPage(i + 1);
      finder.getText(document);
    }
    return Optional.ofNullable(finder.found);
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
