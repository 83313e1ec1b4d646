package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.validation.ChangeInfo;
import vn.lienthong.core.validation.ValidationPolicy;
import vn.lienthong.core.validation.ValidationReport;
import vn.lienthong.core.validation.Verifier;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;

/**
 * Incremental updates that change what the page shows, hidden from the revision comparison: a
 * content stream the DSS points at, an object stream redefined, an update behind a long run of
 * white space without its %%EOF. Each must be a change no signature allows.
 */
class RevisionShadowAttacksTest {

  /** A page-wide black box: what the forged revision shows instead of the letter. */
  private static final String FORGED_CONTENT = "0 0 0 rg 40 200 520 500 re f\n";

  @TempDir static Path dir;
  static SampleServices services;
  static Path signed;

  @BeforeAll
  static void sign() throws Exception {
    services = new SampleServices(KeyKind.EC_P256);
    Path plain = TestPdfs.letter(dir.resolve("letter.pdf"), 1);   // PDFBox default: object streams
    signed = dir.resolve("signed.pdf");
    services.signer().sign(plain, signed, services.key(DemoSet.CHAIRMAN),
        SignatureOptions.builder().level(PadesLevel.B_B).build());
  }

  @AfterAll
  static void stop() {
    services.close();
  }

  /**
   * The page's content stream is redefined (same object number) and a DSS is added whose /Certs
   * array references that content stream: still a page content change, not validation data.
   */
  @Test
  void pageContentReferencedFromDssIsStillPageContent() throws Exception {
    Path attacked = dir.resolve("dss-shadow.pdf");
    long content;
    long catalog;
    String catalogText;
    try (PDDocument doc = Loader.loadPDF(signed.toFile())) {
      content = doc.getPage(0).getCOSObject().getCOSStream(org.apache.pdfbox.cos.COSName.CONTENTS)
          .getKey().getNumber();
      catalog = doc.getDocumentCatalog().getCOSObject().getKey().getNumber();
      catalogText = objectText(signed, doc.getDocument().getXrefTable()
          .get(doc.getDocumentCatalog().getCOSObject().getKey()));
    }
    Map<Long, byte[]> objects = new LinkedHashMap<>();
    objects.put(content, stream("", FORGED_CONTENT.getBytes(StandardCharsets.ISO_8859_1)));
    objects.put(catalog, catalogText.replaceFirst("<<", "<< /DSS << /Certs [" + content + " 0 R] >> ")
        .getBytes(StandardCharsets.ISO_8859_1));
    appendUpdate(signed, attacked, 0, objects, true);
    assertTheHiddenChangeIsCaught(attacked);
  }

  /**
   * The object stream holding the page's font is redefined in a later revision (same number):
   * the compressed objects keep their cross-reference entry ("in stream n"), so only comparing
   * what the redefined stream holds sees the font's widths change.
   */
  @Test
  void objectRedefinedThroughANewObjectStreamIsCompared() throws Exception {
    Path attacked = dir.resolve("objstm-shadow.pdf");
    Map<Long, byte[]> objects = new LinkedHashMap<>();
    try (PDDocument doc = Loader.loadPDF(signed.toFile())) {
      Map<COSObjectKey, Long> xref = doc.getDocument().getXrefTable();
      // the descendant CIDFont of the page's font lives in an object stream
      COSObjectKey font = null;
      for (Map.Entry<COSObjectKey, Long> e : xref.entrySet()) {
        if (e.getValue() < 0) {
          var o = doc.getDocument().getObjectFromPool(e.getKey()).getObject();
          if (o instanceof org.apache.pdfbox.cos.COSDictionary d
              && "CIDFontType2".equals(d.getNameAsString(org.apache.pdfbox.cos.COSName.SUBTYPE))) {
            font = e.getKey();
          }
        }
      }
      assertThat(font).as("precondition: the CIDFont is a compressed object").isNotNull();
      long objStmNumber = -xref.get(font);
      COSStream objStm = (COSStream) doc.getDocument()
          .getObjectFromPool(new COSObjectKey(objStmNumber, 0)).getObject();
      objects.put(objStmNumber, rewriteObjectStream(objStm, font.getNumber(),
          s -> s.replace("/W [", "/DW 2500 /Ignored [")));
    }
    appendUpdate(signed, attacked, 0, objects, true);
    assertThat(rendersDifferently(signed, attacked)).as("precondition: the page looks different")
        .isTrue();

    ValidationReport report = Verifier.builder(List.copyOf(services.pki.trustAnchors()))
        .policy(ValidationPolicy.basic()).build().verify(attacked);
    assertThat(report.verdict().passed()).as("verdict " + report.verdict()).isFalse();

    PdfRevisions revisions = PdfRevisions.read(attacked);
    assertThat(revisions.revisionCount()).isEqualTo(3);
    List<ChangeInfo> changes = revisions.changesAfter(revisions.signatures().get(0));
    assertThat(changes).as("changes reported: " + changes).anyMatch(c -> !c.allowed());
  }

  /**
   * An incremental update appended after 70 000 newlines and not closed by %%EOF: PDFBox
   * (lenient, as readers are) shows it, though it is no revision (no %%EOF ends it).
   */
  @Test
  void updateAfterLongWhiteSpaceWithoutEofIsAnUncoveredChange() throws Exception {
    Path attacked = dir.resolve("tail-shadow.pdf");
    long content;
    try (PDDocument doc = Loader.loadPDF(signed.toFile())) {
      content = doc.getPage(0).getCOSObject().getCOSStream(org.apache.pdfbox.cos.COSName.CONTENTS)
          .getKey().getNumber();
    }
    appendUpdate(signed, attacked, 70_000,
        Map.of(content, stream("", FORGED_CONTENT.getBytes(StandardCharsets.ISO_8859_1))), false);
    assertTheHiddenChangeIsCaught(attacked);
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** The attacked file looks different from the signed one, and the verifier says a change is not allowed. */
  void assertTheHiddenChangeIsCaught(Path attacked) throws Exception {
    assertThat(rendersDifferently(signed, attacked)).as("precondition: the page looks different").isTrue();
    ValidationReport report = Verifier.builder(List.copyOf(services.pki.trustAnchors()))
        .policy(ValidationPolicy.basic()).build().verify(attacked);
    assertThat(report.verdict().passed()).as("verdict " + report.verdict()).isFalse();
    PdfRevisions revisions = PdfRevisions.read(attacked);
    List<ChangeInfo> changes = revisions.changesAfter(revisions.signatures().get(0));
    assertThat(changes).as("changes reported: " + changes).anyMatch(c -> !c.allowed());
  }

  static boolean rendersDifferently(Path a, Path b) throws Exception {
    BufferedImage ia;
    BufferedImage ib;
    try (PDDocument da = Loader.loadPDF(a.toFile()); PDDocument db = Loader.loadPDF(b.toFile())) {
      ia = new PDFRenderer(da).renderImageWithDPI(0, 72);
      ib = new PDFRenderer(db).renderImageWithDPI(0, 72);
    }
    int differ = 0;
    for (int y = 0; y < Math.min(ia.getHeight(), ib.getHeight()); y++) {
      for (int x = 0; x < Math.min(ia.getWidth(), ib.getWidth()); x++) {
        if (ia.getRGB(x, y) != ib.getRGB(x, y)) {
          differ++;
        }
      }
    }
    return differ > 500;
  }

  /** "N 0 obj ... endobj" text of the object at {@code offset} (its body only, after "obj"). */
  static String objectText(Path file, long offset) throws Exception {
    String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    int start = text.indexOf("obj", (int) offset) + 3;
    int end = text.indexOf("endobj", start);
    return text.substring(start, end).trim();
  }

  static byte[] stream(String extraDict, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("<< /Length " + data.length + " " + extraDict + " >>\nstream\n")
        .getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(data);
    out.writeBytes("\nendstream".getBytes(StandardCharsets.ISO_8859_1));
    return out.toByteArray();
  }

  /** The object stream again, uncompressed, with object {@code number} edited. */
  static byte[] rewriteObjectStream(COSStream objStm, long number,
      java.util.function.UnaryOperator<String> edit) throws Exception {
    String data;
    try (InputStream in = objStm.createInputStream()) {
      data = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
    int n = objStm.getInt(org.apache.pdfbox.cos.COSName.N);
    int first = objStm.getInt(org.apache.pdfbox.cos.COSName.FIRST);
    String[] header = data.substring(0, first).trim().split("\\s+");
    List<Integer> numbers = new ArrayList<>();
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int start = first + Integer.parseInt(header[2 * i + 1]);
      int end = i + 1 < n ? first + Integer.parseInt(header[2 * i + 3]) : data.length();
      numbers.add(Integer.parseInt(header[2 * i]));
      String body = data.substring(start, end);
      bodies.add(numbers.get(i) == number ? edit.apply(body) : body);
    }
    StringBuilder head = new StringBuilder();
    StringBuilder objs = new StringBuilder();
    for (int i = 0; i < n; i++) {
      head.append(numbers.get(i)).append(' ').append(objs.length()).append(' ');
      objs.append(bodies.get(i)).append('\n');
    }
    String h = head.append('\n').toString();
    return stream("/Type /ObjStm /N " + n + " /First " + h.length(),
        (h + objs).getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * Appends one classic incremental update (objects, xref table, trailer with /Prev) after
   * {@code padding} newlines, closed by %%EOF or not.
   */
  static void appendUpdate(Path in, Path out, int padding, Map<Long, byte[]> objects,
      boolean eof) throws Exception {
    long prev;
    int size;
    String root;
    try (PDDocument doc = Loader.loadPDF(in.toFile())) {
      prev = doc.getDocument().getStartXref();
      size = (int) doc.getDocument().getHighestXRefObjectNumber() + 1;
      var key = doc.getDocumentCatalog().getCOSObject().getKey();
      root = key.getNumber() + " " + key.getGeneration() + " R";
    }
    byte[] original = Files.readAllBytes(in);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.writeBytes(original);
    file.writeBytes("\n".repeat(padding).getBytes(StandardCharsets.ISO_8859_1));
    StringBuilder xref = new StringBuilder("xref\n0 1\n0000000000 65535 f \n");
    for (Map.Entry<Long, byte[]> e : objects.entrySet()) {
      xref.append(e.getKey()).append(" 1\n").append(String.format("%010d 00000 n \n", file.size()));
      file.writeBytes((e.getKey() + " 0 obj\n").getBytes(StandardCharsets.ISO_8859_1));
      file.writeBytes(e.getValue());
      file.writeBytes("\nendobj\n".getBytes(StandardCharsets.ISO_8859_1));
    }
    long xrefOffset = file.size();
    xref.append("trailer\n<< /Size ").append(size).append(" /Root ").append(root)
        .append(" /Prev ").append(prev).append(" >>\nstartxref\n").append(xrefOffset)
        .append(eof ? "\n%%EOF\n" : "\n");
    file.writeBytes(xref.toString().getBytes(StandardCharsets.ISO_8859_1));
    Files.write(out, file.toByteArray());
  }
}
