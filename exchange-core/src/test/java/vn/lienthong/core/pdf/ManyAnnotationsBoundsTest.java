package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.validation.ChangeInfo;
import vn.lienthong.sample.pki.DemoSet;

/**
 * A page with a huge number of tiny annotations, signed, then an update that touches its
 * /Annots: what the revision comparison costs.
 */
class ManyAnnotationsBoundsTest extends ServicesFixture {


  /** {@code n} direct, hidden-free, tiny Square annotations on one page, signed (B-B). */
  static Path signedWithAnnotations(String name, int n) throws Exception {
    Path plain = dir.resolve(name + ".pdf");
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      page.getCOSObject().setItem(COSName.CONTENTS,
          RenderingBombs.raw(doc, "0 0 1 rg 300 500 100 100 re f\n"));
      COSArray annots = new COSArray();
      for (int i = 0; i < n; i++) {
        annots.add(annotation(i));
      }
      page.getCOSObject().setItem(COSName.ANNOTS, annots);
      doc.save(plain.toFile());
    }
    Path signed = dir.resolve(name + "-signed.pdf");
    services.signer().sign(plain, signed, services.key(DemoSet.CHAIRMAN),
        SignatureOptions.builder().level(PadesLevel.B_B).build());
    return signed;
  }

  static COSDictionary annotation(int i) {
    COSDictionary a = new COSDictionary();
    a.setName(COSName.TYPE, "Annot");
    a.setName(COSName.SUBTYPE, "Text");
    a.setItem(COSName.RECT, new PDRectangle(i % 500, 1 + i / 500 % 800, 0.01f, 0.01f).getCOSArray());
    a.setInt(COSName.F, 2); // hidden: nothing is drawn
    return a;
  }

  /** The page's /Annots in reverse order plus one more, as an incremental update. */
  static Path reordered(Path signed, String name) throws Exception {
    Path out = dir.resolve(name + "-updated.pdf");
    try (PDDocument doc = Loader.loadPDF(signed.toFile())) {
      PDPage page = doc.getPage(0);
      COSArray annots = (COSArray) page.getCOSObject().getDictionaryObject(COSName.ANNOTS);
      COSArray reversed = new COSArray();
      for (int i = annots.size() - 1; i >= 0; i--) {
        reversed.add(annots.get(i));
      }
      reversed.add(annotation(annots.size()));
      page.getCOSObject().setItem(COSName.ANNOTS, reversed);
      page.getCOSObject().setNeedToBeUpdated(true);
      try (var o = java.nio.file.Files.newOutputStream(out)) {
        doc.saveIncremental(o);
      }
    }
    return out;
  }

  /** {@code n} direct Square annotations written raw (PDFBox's writer makes them indirect), signed. */
  static Path signedWithDirectAnnotations(String name, int n) throws Exception {
    RawPdf pdf = new RawPdf();
    pdf.object(1, "<< /Type /Catalog /Pages 2 0 R >>");
    pdf.object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    pdf.object(3, page(n, false));
    pdf.stream(4, "", RawPdf.ascii("0 0 1 rg 300 500 100 100 re f\n"));
    Path plain = pdf.xrefTableAndWrite(dir.resolve(name + ".pdf"));
    Path signed = dir.resolve(name + "-signed.pdf");
    services.signer().sign(plain, signed, services.key(DemoSet.CHAIRMAN),
        SignatureOptions.builder().level(PadesLevel.B_B).build());
    return signed;
  }

  static String page(int n, boolean reversedPlusOne) {
    StringBuilder s = new StringBuilder("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        + "/Contents 4 0 R /Annots [");
    for (int k = 0; k < n + (reversedPlusOne ? 1 : 0); k++) {
      int i = reversedPlusOne ? n - k : k;
      s.append("<< /Type /Annot /Subtype /Square /F 2 /Rect [").append(i % 500).append(' ')
          .append(1 + i / 500 % 800).append(' ').append(i % 500 + 1).append(' ')
          .append(2 + i / 500 % 800).append("] >>\n");
    }
    return s.append("] >>").toString();
  }

  /**
   * A page of 100 000 direct annotations whose /Annots an update rewrote: each old annotation was
   * compared with each new one (10 000 took 18 s, 100 000 would take half an hour).
   */
  @Test
  void oneHundredThousandDirectAnnotationsAreComparedInSeconds() throws Exception {
    int n = Integer.getInteger("annots.n", 100_000);
    Path signed = signedWithDirectAnnotations("direct", n);
    byte[] bytes = java.nio.file.Files.readAllBytes(signed);
    // an update that rewrites page 3 with its annotations reversed and one more
    int page = 3;
    try (PDDocument doc = Loader.loadPDF(signed.toFile())) {
      page = doc.getPage(0).getCOSObject().getKey() == null ? 3
          : (int) doc.getPage(0).getCOSObject().getKey().getNumber();
    }
    RawPdf update = new RawPdf(bytes);
    long prev = startxref(bytes);
    try (PDDocument doc = Loader.loadPDF(signed.toFile())) {
      var pageDict = doc.getPage(0).getCOSObject();
      String page0 = page(n, true);
      // keep what the signer added to the page (its widget) at the end of the array
      COSArray annots = (COSArray) pageDict.getDictionaryObject(COSName.ANNOTS);
      StringBuilder extra = new StringBuilder();
      for (int i = n; i < annots.size(); i++) {
        var item = annots.get(i);
        if (item instanceof org.apache.pdfbox.cos.COSObject o) {
          extra.append(o.getKey().getNumber()).append(' ').append(o.getKey().getGeneration())
              .append(" R ");
        }
      }
      page0 = page0.replace("] >>", extra + "] >>");
      update.object(page, page0);
      update.xrefTable("/Root " + doc.getDocumentCatalog().getCOSObject().getKey().getNumber()
          + " 0 R /Prev " + prev + " /Size " + doc.getDocument().getTrailer().getInt(COSName.SIZE));
    }
    Path file = update.write(dir.resolve("direct-updated.pdf"));
    long start = System.nanoTime();
    List<ChangeInfo> changes = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(30), () -> {
          PdfRevisions revisions = PdfRevisions.read(file);
          return revisions.changesAfter(revisions.signatures().get(0));
        });
    long millis = (System.nanoTime() - start) / 1_000_000;

    System.out.println(millis + " ms: " + changes.size() + " changes " + changes.stream().limit(3).toList());
    assertThat(changes).isNotEmpty();
  }

  /**
   * An incremental update of {@code signed} that rewrites its first page with {@code n} new
   * indirect annotations after those it had (annotation {@code i}'s dictionary is
   * {@code annotation.apply(i)}), and with {@code content} as its content stream when not null.
   */
  static Path withIndirectAnnotationsAdded(Path signed, String name, int n,
      java.util.function.IntFunction<String> annotation, String content) throws Exception {
    byte[] bytes = java.nio.file.Files.readAllBytes(signed);
    RawPdf update = new RawPdf(bytes);
    try (PDDocument doc = Loader.loadPDF(signed.toFile())) {
      COSDictionary pageDict = doc.getPage(0).getCOSObject();
      int size = doc.getDocument().getTrailer().getInt(COSName.SIZE);
      StringBuilder refs = new StringBuilder();
      if (pageDict.getDictionaryObject(COSName.ANNOTS) instanceof COSArray annots) {
        for (int i = 0; i < annots.size(); i++) {
          if (annots.get(i) instanceof org.apache.pdfbox.cos.COSObject o) {
            refs.append(o.getKey().getNumber()).append(' ').append(o.getKey().getGeneration())
                .append(" R ");
          }
        }
      }
      for (int i = 0; i < n; i++) {
        update.object(size + i, annotation.apply(i));
        refs.append(size + i).append(" 0 R ");
      }
      StringBuilder page = new StringBuilder("<<");
      for (COSName key : pageDict.keySet()) {
        if (!key.equals(COSName.ANNOTS) && !(content != null && key.equals(COSName.CONTENTS))) {
          page.append(" /").append(key.getName()).append(' ').append(raw(pageDict.getItem(key)));
        }
      }
      if (content != null) {
        update.stream(size + n, "", RawPdf.ascii(content));
        page.append(" /Contents ").append(size + n).append(" 0 R");
      }
      page.append(" /Annots [").append(refs).append("] >>");
      update.object((int) pageDict.getKey().getNumber(), page.toString());
      update.xrefTable("/Root " + doc.getDocumentCatalog().getCOSObject().getKey().getNumber()
          + " 0 R /Prev " + startxref(bytes) + " /Size " + (size + n + 1));
    }
    return update.write(dir.resolve(name + "-added.pdf"));
  }

  /** A visible Square annotation over {@code rect}, drawn as PDFBox draws one without /AP. */
  static String square(String rect) {
    return "<< /Type /Annot /Subtype /Square /Rect [" + rect + "] >>";
  }

  /** A tiny visible Square annotation, the {@code i}-th of a grid over the page. */
  static String tinySquare(int i) {
    return square((i % 500) + " " + (1 + i / 500 % 800) + " " + (i % 500 + 1) + " "
        + (2 + i / 500 % 800));
  }

  /** A page entry as PDF syntax: references, names, numbers and arrays of them. */
  private static String raw(org.apache.pdfbox.cos.COSBase v) {
    if (v instanceof org.apache.pdfbox.cos.COSObject o) {
      return o.getKey().getNumber() + " " + o.getKey().getGeneration() + " R";
    } else if (v instanceof COSName name) {
      return "/" + name.getName();
    } else if (v instanceof org.apache.pdfbox.cos.COSNumber num) {
      return num instanceof org.apache.pdfbox.cos.COSInteger i ? Long.toString(i.longValue())
          : Float.toString(num.floatValue());
    } else if (v instanceof COSArray a) {
      StringBuilder s = new StringBuilder("[");
      a.forEach(item -> s.append(raw(item)).append(' '));
      return s.append(']').toString();
    }
    throw new IllegalArgumentException("page entry " + v);
  }

  /**
   * 20 000 visible full-page annotations added after a signature, the last one filled over the
   * page's content: each one's rectangle was scanned pixel by pixel to see whether it draws over
   * the content (15 s here, the number of annotations times the page's pixels; 100 000 would be
   * over a minute); now well under 5 s, and the one that draws over the content is still found.
   */
  @Test
  void fullPageAnnotationsAddedAfterASignatureAreJudgedInSeconds() throws Exception {
    int n = 20_000;
    Path file = withIndirectAnnotationsAdded(signedWithDirectAnnotations("full-page", 0),
        "full-page", n, i -> i < n - 1 ? square("0 0 595 842")
            : "<< /Type /Annot /Subtype /Square /IC [1 0 0] /Rect [250 450 450 650] >>", null);

    long start = System.nanoTime();
    List<ChangeInfo> changes = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(60), () -> {
          PdfRevisions revisions = PdfRevisions.read(file);
          return revisions.changesAfter(revisions.signatures().get(0));
        });
    long millis = (System.nanoTime() - start) / 1_000_000;

    System.out.println(millis + " ms: " + changes.size() + " changes "
        + changes.stream().filter(c -> !c.allowed()).toList());
    assertThat(changes).filteredOn(c -> !c.allowed()).singleElement()
        .satisfies(c -> assertThat(c.description()).contains("draws over page content"));
    assertThat(changes).filteredOn(c -> c.kind() == ChangeInfo.Kind.ANNOTATION_ADDED).hasSize(n);
    assertThat(millis).isLessThan(5_000);
  }

  /**
   * 50 000 tiny visible annotations added after a signature, with the page's content replaced:
   * each changed pixel was tried against each annotation's rectangle (18 s here, growing with
   * their number times the changed pixels); now about 2 s, and the replaced content is still
   * seen.
   */
  @Test
  void aChangedPageUnderManyAddedAnnotationsIsComparedInSeconds() throws Exception {
    Path file = withIndirectAnnotationsAdded(signedWithDirectAnnotations("tiny", 0), "tiny",
        50_000, ManyAnnotationsBoundsTest::tinySquare, "0 g 0 0 595 842 re f\n");

    long start = System.nanoTime();
    List<ChangeInfo> changes = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(120), () -> {
          PdfRevisions revisions = PdfRevisions.read(file);
          return revisions.changesAfter(revisions.signatures().get(0));
        });
    long millis = (System.nanoTime() - start) / 1_000_000;

    System.out.println(millis + " ms: " + changes.size() + " changes "
        + changes.stream().filter(c -> !c.allowed()).limit(3).toList());
    assertThat(changes).anyMatch(c -> !c.allowed()
        && c.kind() == ChangeInfo.Kind.VISIBLE_CONTENT_CHANGED);
    assertThat(millis).isLessThan(8_000);
  }

  private static long startxref(byte[] bytes) {
    String tail = new String(bytes, Math.max(0, bytes.length - 64), Math.min(64, bytes.length),
        java.nio.charset.StandardCharsets.ISO_8859_1);
    String[] parts = tail.substring(tail.lastIndexOf("startxref") + 9).trim().split("\\s+");
    return Long.parseLong(parts[0]);
  }

  /**
   * An annotation added to a signed page that already has 100 000 (the walk of what each object
   * is for stops at 200 000 objects): it was not reported at all, so under a DocMDP
   * certification an added (here hidden) annotation passed.
   */
  @Test
  void anAnnotationAddedToAPageOfOneHundredThousandIsReported() throws Exception {
    Path file = reordered(signedWithAnnotations("annots", Integer.getInteger("annots.n", 100_000)), "annots");

    long start = System.nanoTime();
    PdfRevisions revisions = PdfRevisions.read(file);
    List<ChangeInfo> changes = revisions.changesAfter(revisions.signatures().get(0));
    long millis = (System.nanoTime() - start) / 1_000_000;

    System.out.println(millis + " ms: " + changes.size() + " changes " + changes.stream().limit(3).toList());
    assertThat(changes).anyMatch(c -> c.revision() == 3
        && (!c.allowed() || c.kind() == ChangeInfo.Kind.ANNOTATION_ADDED));
    assertThat(millis).isLessThan(30_000);
  }
}
