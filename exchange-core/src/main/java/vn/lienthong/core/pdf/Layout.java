package vn.lienthong.core.pdf;

import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import vn.lienthong.core.pdf.PdfSigningException.Code;

/**
 * Turns a {@link Placement} into a page and a rectangle, and knows the geometry of each
 * appearance (where the signer's image sits, how large the copy text is).
 */
final class Layout {

  /** Font size of the signer's and seal's text lines. */
  static final float SMALL_FONT = 7.5f;
  /** Font size of the copy text (Decree 30: 10 pt). */
  static final float COPY_FONT = 10f;
  static final float LEADING = 1.25f;
  /** The signer's appearance: one text line above the image, two below. */
  static final int SIGNER_LINES_ABOVE = 1;
  static final int SIGNER_LINES_BELOW = 2;

  /**
   * A resolved placement: a page index (from 0), the rectangle as the page is displayed (where
   * the appearance is drawn), the same in the page's own space (the widget's /Rect) and the
   * page's rotation.
   */
  record Resolved(int pageIndex, PDRectangle rect, PDRectangle onPage, int rotation) {}

  /** A place on the displayed page, with its position in the page's own space. */
  private static Resolved place(PDDocument doc, int pageIndex, PDRectangle displayed)
      throws PdfSigningException {
    if (pageIndex < 0 || pageIndex >= doc.getNumberOfPages()) {
      throw new PdfSigningException(Code.BAD_PLACEMENT, "The document has "
          + doc.getNumberOfPages() + " page(s), not a page " + (pageIndex + 1));
    }
    PageSpace space = new PageSpace(doc.getPage(pageIndex));
    boolean onPage = displayed.getLowerLeftX() < space.displayedWidth() && displayed.getUpperRightX() > 0
        && displayed.getLowerLeftY() < space.displayedHeight() && displayed.getUpperRightY() > 0;
    if (!onPage) {
      throw new PdfSigningException(Code.BAD_PLACEMENT, "The rectangle (" + displayed.getLowerLeftX() + ", "
          + displayed.getLowerLeftY() + ", " + displayed.getWidth() + " × " + displayed.getHeight()
          + ") is not on page " + (pageIndex + 1) + " (" + space.displayedWidth() + " × " + space.displayedHeight()
          + "): nobody would see the signature");
    }
    return new Resolved(pageIndex, displayed, space.toPage(displayed), space.rotation());
  }

  private Layout() {}

  static Resolved resolve(PDDocument doc, Appearance appearance, Placement placement,
      List<String> copyLines, AppearanceTemplate fonts) throws IOException, PdfSigningException {
    if (placement instanceof Placement.OnPage p) {
      return place(doc, p.page() - 1, new PDRectangle(p.x(), p.y(), p.width(), p.height()));
    } else if (placement instanceof Placement.AtAnchor a) {
      return atAnchor(doc, a);
    } else if (placement instanceof Placement.OverSignerImage o) {
      return overSignerImage(doc, o.size());
    }
    return topRight(doc, appearance, ((Placement.TopRight) placement).margin(), copyLines, fonts);
  }

  private static Resolved atAnchor(PDDocument doc, Placement.AtAnchor a)
      throws IOException, PdfSigningException {
    AnchorFinder.Found found = AnchorFinder.find(doc, a.text()).orElseThrow(() ->
        new PdfSigningException(Code.ANCHOR_NOT_FOUND, "The text '" + a.text()
            + "' is on no page of the document"));
    PDRectangle box = found.box();
    float cx = box.getLowerLeftX() + box.getWidth() / 2;
    float cy = box.getLowerLeftY() + box.getHeight() / 2;
    return place(doc, found.pageIndex(), new PDRectangle(cx - a.width() / 2,
        cy - a.height() / 2, a.width(), a.height()));
  }

  /** The box of the handwritten-signature image inside a signer appearance of {@code rect}. */
  static PDRectangle signerImageBox(PDRectangle rect) {
    float line = SMALL_FONT * LEADING;
    return new PDRectangle(rect.getLowerLeftX(), rect.getLowerLeftY() + SIGNER_LINES_BELOW * line,
        rect.getWidth(), rect.getHeight() - (SIGNER_LINES_ABOVE + SIGNER_LINES_BELOW) * line);
  }

  private static Resolved overSignerImage(PDDocument doc, float size)
      throws PdfSigningException {
    // the latest signature widget with a visible rectangle
    PDAcroForm form = doc.getDocumentCatalog().getAcroForm(null);
    PDAnnotationWidget latest = null;
    if (form != null) {
      for (PDField field : form.getFieldTree()) {
        if (field instanceof PDSignatureField sig && sig.getSignature() != null) {
          for (PDAnnotationWidget w : sig.getWidgets()) {
            if (w.getRectangle() != null && w.getRectangle().getWidth() > 0) {
              latest = w;
            }
          }
        }
      }
    }
    if (latest == null) {
      throw new PdfSigningException(Code.BAD_PLACEMENT,
          "The document has no visible signature for the seal to overlap");
    }
    int pageIndex = pageIndexOf(doc, latest);
    PDRectangle image = signerImageBox(
        new PageSpace(doc.getPage(pageIndex)).toDisplay(latest.getRectangle()));
    float band = size * 1.1f;
    float right = image.getLowerLeftX() + image.getWidth() / 3;
    float cy = image.getLowerLeftY() + image.getHeight() / 2;
    return place(doc, pageIndex,
        new PDRectangle(right - size - band, cy - size / 2, band + size, size));
  }

  private static int pageIndexOf(PDDocument doc, PDAnnotationWidget widget) {
    PDPage page = widget.getPage();
    if (page != null) {
      int index = doc.getPages().indexOf(page);
      if (index >= 0) {
        return index;
      }
    }
    for (int i = 0; i < doc.getNumberOfPages(); i++) {
      try {
        for (var annotation : doc.getPage(i).getAnnotations()) {
          if (annotation.getCOSObject() == widget.getCOSObject()) {
            return i;
          }
        }
      } catch (IOException e) {
        // a page whose annotations cannot be read does not hold the widget
      }
    }
    return 0;
  }

  private static Resolved topRight(PDDocument doc, Appearance appearance, float margin,
      List<String> copyLines, AppearanceTemplate fonts) throws IOException, PdfSigningException {
    PageSpace page = new PageSpace(doc.getPage(0));
    float width;
    float height;
    if (appearance instanceof Appearance.CopyText) {
      width = 4 + maxWidth(copyLines, fonts.serif(), COPY_FONT);
      height = 4 + copyLines.size() * COPY_FONT * LEADING;
    } else {
      width = 180;
      height = 110;
    }
    return place(doc, 0, new PDRectangle(page.displayedWidth() - margin - width,
        page.displayedHeight() - margin - height, width, height));
  }

  static float maxWidth(List<String> lines, PDFont font, float size) throws IOException {
    float max = 0;
    for (String line : lines) {
      max = Math.max(max, font.getStringWidth(line) / 1000 * size);
    }
    return max;
  }
}
