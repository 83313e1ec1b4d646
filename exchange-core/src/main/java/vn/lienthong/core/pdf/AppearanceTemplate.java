package vn.lienthong.core.pdf;

import java.awt.geom.AffineTransform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import vn.lienthong.core.pdf.PdfSigningException.Code;

/**
 * Draws a visible signature into a one-page template PDF that PDFBox merges into the signed
 * document ({@code SignatureOptions.setVisualSignature}). Text uses the shipped Liberation fonts
 * (SIL OFL), embedded as subsets, so Vietnamese renders in every viewer.
 */
final class AppearanceTemplate implements AutoCloseable {

  /** Vietnam time, as Decree 30 writes signing times. */
  static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);
  private static final String FONTS = "/vn/lienthong/core/pdf/fonts/";

  private final PDDocument template = new PDDocument();
  private PDFont sans;
  private PDFont serif;
  private final String time;

  AppearanceTemplate(Instant signingTime) {
    this.time = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
        signingTime.truncatedTo(ChronoUnit.SECONDS).atOffset(VIETNAM));
  }

  /** Liberation Sans, for the signer's and the seal's text; loaded on first use. */
  private PDFont sans() throws IOException {
    if (sans == null) {
      sans = font("LiberationSans-Regular.ttf");
    }
    return sans;
  }

  /** Liberation Serif (Times New Roman metrics), for the copy text; loaded on first use. */
  PDFont serif() throws IOException {
    if (serif == null) {
      serif = font("LiberationSerif-Regular.ttf");
    }
    return serif;
  }

  private PDFont font(String name) throws IOException {
    try (InputStream in = AppearanceTemplate.class.getResourceAsStream(FONTS + name)) {
      if (in == null) {
        throw new IOException("The font " + name + " is missing from the class path");
      }
      return PDType0Font.load(template, in, true);
    }
  }

  /** The signing time as shown: ISO 8601 in Vietnam time, e.g. 2026-11-26T11:14:33+07:00. */
  String time() {
    return time;
  }

  List<String> copyLines(Appearance.CopyText copy) {
    return List.of(copy.organization(), "Thời gian ký: " + time);
  }

  /** The template PDF bytes for an appearance at a resolved place of {@code target}. */
  byte[] render(PDDocument target, Appearance appearance, Layout.Resolved place)
      throws IOException, PdfSigningException {
    PDRectangle rect = place.rect();
    PDPage page = new PDPage(target.getPage(place.pageIndex()).getMediaBox());
    template.addPage(page);
    PDAcroForm acroForm = new PDAcroForm(template);
    template.getDocumentCatalog().setAcroForm(acroForm);
    PDSignatureField field = new PDSignatureField(acroForm);
    PDAnnotationWidget widget = field.getWidgets().get(0);
    acroForm.setSignaturesExist(true);
    acroForm.setAppendOnly(true);
    acroForm.getCOSObject().setDirect(true);
    acroForm.getFields().add(field);
    widget.setRectangle(place.onPage());
    PDFormXObject form = new PDFormXObject(new PDStream(template));
    form.setResources(new PDResources());
    form.setFormType(1);
    // drawn upright in the displayed page; the matrix turns it back for a rotated page
    form.setBBox(new PDRectangle(rect.getWidth(), rect.getHeight()));
    if (place.rotation() != 0) {
      form.setMatrix(AffineTransform.getQuadrantRotateInstance(place.rotation() / 90));
    }
    PDAppearanceDictionary dictionary = new PDAppearanceDictionary();
    dictionary.getCOSObject().setDirect(true);
    PDAppearanceStream stream = new PDAppearanceStream(form.getCOSObject());
    dictionary.setNormalAppearance(stream);
    widget.setAppearance(dictionary);
    try (PDPageContentStream cs = new PDPageContentStream(template, stream)) {
      if (appearance instanceof Appearance.Signer s) {
        drawSigner(cs, s, rect);
      } else if (appearance instanceof Appearance.Seal s) {
        drawSeal(cs, s, rect);
      } else if (appearance instanceof Appearance.CopyText c) {
        drawLines(cs, serif(), Layout.COPY_FONT, copyLines(c), 0, rect.getWidth() - 2,
            rect.getHeight() - 2 - Layout.COPY_FONT, Align.RIGHT);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    template.save(out);
    return out.toByteArray();
  }

  private void drawSigner(PDPageContentStream cs, Appearance.Signer s, PDRectangle rect)
      throws IOException, PdfSigningException {
    float line = Layout.SMALL_FONT * Layout.LEADING;
    float w = rect.getWidth();
    drawLines(cs, sans(), Layout.SMALL_FONT, List.of(s.position()), 0, w,
        rect.getHeight() - Layout.SMALL_FONT - 1, Align.CENTER);
    PDRectangle box = Layout.signerImageBox(rect);
    drawImage(cs, s.image(), 0, box.getLowerLeftY() - rect.getLowerLeftY(), box.getWidth(),
        box.getHeight());
    drawLines(cs, sans(), Layout.SMALL_FONT, List.of(s.name(), time), 0, w,
        line * 2 - Layout.SMALL_FONT, Align.CENTER);
  }

  private void drawSeal(PDPageContentStream cs, Appearance.Seal s, PDRectangle rect)
      throws IOException, PdfSigningException {
    float size = rect.getHeight();
    float band = rect.getWidth() - size;
    drawImage(cs, s.image(), band, 0, size, size);
    List<String> lines =
        new ArrayList<>(wrap(s.organization(), sans(), Layout.SMALL_FONT, band - 4));
    lines.add("Thời gian ký:");
    lines.add(time);
    float top = size / 2 + lines.size() * Layout.SMALL_FONT * Layout.LEADING / 2
        - Layout.SMALL_FONT;
    drawLines(cs, sans(), Layout.SMALL_FONT, lines, 0, band - 4, top, Align.RIGHT);
  }

  private void drawImage(PDPageContentStream cs, byte[] bytes, float x, float y, float w, float h)
      throws IOException, PdfSigningException {
    PDImageXObject image;
    try {
      image = PDImageXObject.createFromByteArray(template, bytes, "appearance");
    } catch (IOException | IllegalArgumentException e) {
      throw new PdfSigningException(Code.BAD_PLACEMENT, "The appearance image is not a PNG or JPEG"
          + " that can be read: " + e.getMessage(), e);
    }
    float scale = Math.min(w / image.getWidth(), h / image.getHeight());
    float iw = image.getWidth() * scale;
    float ih = image.getHeight() * scale;
    cs.drawImage(image, x + (w - iw) / 2, y + (h - ih) / 2, iw, ih);
  }

  private enum Align { CENTER, RIGHT }

  private static void drawLines(PDPageContentStream cs, PDFont font, float size,
      List<String> lines, float left, float width, float firstBaseline, Align align)
      throws IOException {
    float y = firstBaseline;
    for (String line : lines) {
      float fitted = size;
      float lineWidth = font.getStringWidth(line) / 1000 * fitted;
      if (lineWidth > width) {
        fitted = size * width / lineWidth;
        lineWidth = width;
      }
      float x = align == Align.CENTER ? left + (width - lineWidth) / 2 : left + width - lineWidth;
      cs.beginText();
      cs.setNonStrokingColor(0f, 0f, 0f);
      cs.setFont(font, fitted);
      cs.newLineAtOffset(x, y);
      cs.showText(line);
      cs.endText();
      y -= size * Layout.LEADING;
    }
  }

  private static List<String> wrap(String text, PDFont font, float size, float width)
      throws IOException {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.trim().split("\\s+")) {
      String candidate = line.length() == 0 ? word : line + " " + word;
      if (line.length() > 0 && font.getStringWidth(candidate) / 1000 * size > width) {
        lines.add(line.toString());
        line = new StringBuilder(word);
      } else {
        line = new StringBuilder(candidate);
      }
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  @Override
  public void close() throws IOException {
    template.close();
  }
}
