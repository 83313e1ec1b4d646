package vn.lienthong.core.pdf;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import vn.lienthong.sample.pki.DemoSet;

/**
 * Small PDFs whose pages cost the revision comparison's renderer far more than their size: each
 * signed by the chairman, then sealed with a visible seal on page 1 (the Decree 30 flow), so that
 * page 1 is rendered to judge the seal's appearance.
 */
final class RenderingBombs {

  interface PageContent {
    void build(PDDocument doc, PDPage page) throws Exception;
  }

  private RenderingBombs() {}

  static COSStream raw(PDDocument doc, String content) throws Exception {
    COSStream s = doc.getDocument().createCOSStream();
    try (OutputStream o = s.createRawOutputStream()) {
      o.write(content.getBytes(StandardCharsets.ISO_8859_1));
    }
    return s;
  }

  /** A page of {@code box} whose content {@code content} makes, signed then sealed over page 1. */
  static Path signedAndSealed(SampleServices services, Path dir, String name, PDRectangle box,
      PageContent content) throws Exception {
    Path plain = dir.resolve(name + ".pdf");
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(box);
      doc.addPage(page);
      content.build(doc, page);
      doc.save(plain.toFile());
    }
    Path signed = dir.resolve(name + "-signed.pdf");
    services.signer().sign(plain, signed, services.key(DemoSet.CHAIRMAN),
        SignatureOptions.builder().level(PadesLevel.B_B).build());
    Path sealed = dir.resolve(name + "-sealed.pdf");
    services.signer().sign(signed, sealed, services.key("seal-" + DemoSet.PROVINCE),
        SignatureOptions.builder().level(PadesLevel.B_B)
            .appearance(new Appearance.Seal(SampleServices.sealImage(), "UBND tỉnh Quảng Ninh"),
                Placement.onPage(1, 100, 100, 120, 120)).build());
    return sealed;
  }

  /** A plain blue square: the baseline. */
  static void square(PDDocument doc, PDPage page) throws Exception {
    page.getCOSObject().setItem(COSName.CONTENTS, raw(doc, "0 0 1 rg 300 500 100 100 re f\n"));
  }

  /**
   * Eight levels of form XObjects, each drawing the next ten times, the last a page-sized fill:
   * 10^8 fills from about 2 KB of PDF (each form exists once; PDFBox's nesting limit of 50 does
   * not apply to breadth).
   */
  static void formFanOut(PDDocument doc, PDPage page) throws Exception {
    PDFormXObject next = new PDFormXObject(raw(doc, "0 0 600 850 re f\n"));
    next.setBBox(new PDRectangle(0, 0, 600, 850));
    for (int level = 0; level < 8; level++) {
      PDResources resources = new PDResources();
      COSName name = resources.add(next);
      PDFormXObject form = new PDFormXObject(raw(doc, ("/" + name.getName() + " Do\n").repeat(10)));
      form.setBBox(new PDRectangle(0, 0, 600, 850));
      form.setResources(resources);
      next = form;
    }
    PDResources resources = new PDResources();
    COSName top = resources.add(next);
    page.setResources(resources);
    page.getCOSObject().setItem(COSName.CONTENTS, raw(doc, "/" + top.getName() + " Do\n"));
  }

  /** 300 000 page-sized fills in one Flate content stream of about 10 KB. */
  static void pageFills(PDDocument doc, PDPage page) throws Exception {
    COSStream s = doc.getDocument().createCOSStream();
    try (OutputStream o = s.createOutputStream(COSName.FLATE_DECODE)) {
      byte[] fill = "0 0 600 850 re f\n".getBytes(StandardCharsets.ISO_8859_1);
      for (int i = 0; i < 300_000; i++) {
        o.write(fill);
      }
    }
    page.getCOSObject().setItem(COSName.CONTENTS, s);
  }
}
