package vn.lienthong.core.pdf.attacks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDTextField;

/**
 * Unsigned documents the attacks start from: a plain decision, and the same prepared for shadow
 * attacks (hidden content already in the signed revision).
 */
final class BaseDocuments {

  /** Where the amount is written, the line attacks change. */
  static final PDRectangle AMOUNT = new PDRectangle(60, 590, 300, 30);
  /** A blank area of the page, where additions hide nothing. */
  static final PDRectangle FREE = new PDRectangle(60, 300, 300, 30);
  static final String AMOUNT_TEXT = "Số tiền: 1.000.000 đồng";
  static final String FORGED_TEXT = "Số tiền: 9.000.000 đồng";
  /** Key of the signed-but-unused content stream of the hide-and-replace document. */
  static final COSName SHADOW = COSName.getPDFName("LtShadowContent");

  private BaseDocuments() {}

  /** A one-page decision with its amount line and a free area at the bottom for signatures. */
  static void plain(Path file) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = page(doc);
      PDType0Font font = font(doc);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        header(cs, font);
        text(cs, font, 14, 70, 600, AMOUNT_TEXT);
      }
      doc.save(file.toFile());
    }
  }

  /**
   * Hide: the forged amount is in the page content, but a form XObject drawn after it covers it
   * with a white box showing the genuine amount. Removing the cover later reveals the forgery.
   */
  static void withCover(Path file) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = page(doc);
      PDType0Font font = font(doc);
      PDAppearanceStream cover = new PDAppearanceStream(doc);
      cover.setBBox(new PDRectangle(PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight()));
      cover.setResources(new PDResources());
      try (PDPageContentStream cs = new PDPageContentStream(doc, cover)) {
        cs.setNonStrokingColor(1f, 1f, 1f);
        cs.addRect(AMOUNT.getLowerLeftX(), AMOUNT.getLowerLeftY(), AMOUNT.getWidth(),
            AMOUNT.getHeight());
        cs.fill();
        cs.setNonStrokingColor(0f, 0f, 0f);
        text(cs, font, 14, 70, 600, AMOUNT_TEXT);
      }
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        header(cs, font);
        text(cs, font, 14, 70, 600, FORGED_TEXT);
        cs.drawForm(cover);
      }
      doc.save(file.toFile());
    }
  }

  /**
   * Hide-and-replace: the page shows the genuine amount; a second content stream with the forged
   * amount is in the file, signed but unused, waiting for an update that points the page at it.
   */
  static void withShadowContent(Path file) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = page(doc);
      PDType0Font font = font(doc);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        header(cs, font);
        text(cs, font, 14, 70, 600, AMOUNT_TEXT);
      }
      PDAppearanceStream holder = new PDAppearanceStream(doc); // only to write content using the font
      holder.setBBox(PDRectangle.A4);
      holder.setResources(page.getResources());
      try (PDPageContentStream cs = new PDPageContentStream(doc, holder)) {
        header(cs, font);
        text(cs, font, 14, 70, 600, FORGED_TEXT);
      }
      COSStream shadow = doc.getDocument().createCOSStream();
      try (InputStream in = holder.getCOSObject().createRawInputStream();
          OutputStream out = shadow.createRawOutputStream()) {
        in.transferTo(out);
      }
      shadow.setItem(COSName.FILTER, COSName.FLATE_DECODE);
      page.getCOSObject().setItem(SHADOW, shadow);
      doc.save(file.toFile());
    }
  }

  /**
   * Replace: a text field lies over the amount line, empty and transparent when signed; filling
   * it later draws an opaque box with another amount over the text.
   */
  static void withFieldOverAmount(Path file) throws IOException {
    withField(file, AMOUNT);
  }

  /** The same text field in the blank area: filling it hides nothing. */
  static void withFieldInFreeArea(Path file) throws IOException {
    withField(file, FREE);
  }

  private static void withField(Path file, PDRectangle rect) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = page(doc);
      PDType0Font font = font(doc);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        header(cs, font);
        text(cs, font, 14, 70, 600, AMOUNT_TEXT);
      }
      PDAcroForm form = new PDAcroForm(doc);
      doc.getDocumentCatalog().setAcroForm(form);
      PDResources dr = new PDResources();
      dr.put(COSName.getPDFName("LS"), font);
      form.setDefaultResources(dr);
      form.setDefaultAppearance("/LS 14 Tf 0 g");
      PDTextField field = new PDTextField(form);
      field.setPartialName("amount");
      PDAnnotationWidget widget = field.getWidgets().get(0);
      widget.setRectangle(rect);
      widget.setPage(page);
      widget.setPrinted(true);
      PDAppearanceStream empty = new PDAppearanceStream(doc);
      empty.setBBox(new PDRectangle(rect.getWidth(), rect.getHeight()));
      PDAppearanceDictionary ap = new PDAppearanceDictionary();
      ap.setNormalAppearance(empty);
      widget.setAppearance(ap);
      page.getAnnotations().add(widget);
      form.getFields().add(field);
      doc.save(file.toFile());
    }
  }

  private static PDPage page(PDDocument doc) {
    PDPage page = new PDPage(PDRectangle.A4);
    doc.addPage(page);
    return page;
  }

  static PDType0Font font(PDDocument doc) throws IOException {
    try (InputStream in = BaseDocuments.class.getResourceAsStream(
        "/vn/lienthong/core/pdf/fonts/LiberationSerif-Regular.ttf")) {
      return PDType0Font.load(doc, in, false);
    }
  }

  private static void header(PDPageContentStream cs, PDType0Font font) throws IOException {
    text(cs, font, 13, 70, 780, "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH");
    text(cs, font, 14, 150, 680, "QUYẾT ĐỊNH về việc cấp kinh phí");
    text(cs, font, 12, 70, 640, "Căn cứ Nghị định số 30/2020/NĐ-CP về công tác văn thư;");
  }

  static void text(PDPageContentStream cs, PDType0Font font, float size, float x, float y,
      String s) throws IOException {
    cs.beginText();
    cs.setFont(font, size);
    cs.newLineAtOffset(x, y);
    cs.showText(s);
    cs.endText();
  }
}
