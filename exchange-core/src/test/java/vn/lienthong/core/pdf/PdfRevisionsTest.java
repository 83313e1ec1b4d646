package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.validation.ChangeInfo;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;

/** {@link PdfRevisions} on files that are not PDFs, truncated, or built to exhaust a reader. */
class PdfRevisionsTest {

  @TempDir static Path dir;
  static SampleServices services;
  static Path signed;

  @BeforeAll
  static void sign() throws Exception {
    services = new SampleServices(KeyKind.EC_P256);
    Path plain = dir.resolve("plain.pdf");
    try (PDDocument doc = Loader.loadPDF(TestPdfs.letter(dir.resolve("letter.pdf"), 1).toFile())) {
      doc.save(plain.toFile(), CompressParameters.NO_COMPRESSION); // a classic xref table
    }
    signed = dir.resolve("signed.pdf");
    services.signer().sign(plain, signed, services.key(DemoSet.CHAIRMAN),
        SignatureOptions.builder().level(PadesLevel.B_B).build());
  }

  @AfterAll
  static void stop() {
    services.close();
  }

  @Test
  void emptyFileIsRefusedAsNotAPdf() throws IOException {
    Path empty = Files.write(dir.resolve("empty.pdf"), new byte[0]);
    assertThatThrownBy(() -> PdfRevisions.read(empty)).isInstanceOfSatisfying(
        NotAPdfException.class, e -> assertThat(e.reason()).isEqualTo(NotAPdfException.Reason.EMPTY));
  }

  @Test
  void fileWithoutPdfHeaderIsRefusedSayingSo() throws IOException {
    Path text = Files.writeString(dir.resolve("letter.txt"), "Kính gửi: Sở Tài chính\n");
    assertThatThrownBy(() -> PdfRevisions.read(text)).isInstanceOfSatisfying(
        NotAPdfException.class,
        e -> assertThat(e.reason()).isEqualTo(NotAPdfException.Reason.NO_HEADER));
  }

  @Test
  void garbageAfterAPdfHeaderGivesProblemsNotAnException() throws IOException {
    byte[] garbage = new byte[200_000];
    new java.util.Random(9).nextBytes(garbage);
    byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(header, 0, garbage, 0, header.length);
    Path file = Files.write(dir.resolve("garbage.pdf"), garbage);
    PdfRevisions revisions = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> PdfRevisions.read(file));
    assertThat(revisions.signatures()).isEmpty();
    assertThat(revisions.revisionCount()).isZero();
    assertThat(revisions.problems()).isNotEmpty();
  }

  @Test
  void signedContentStreamsExactlyTheBytesOutsideTheGap() throws IOException {
    PdfRevisions revisions = PdfRevisions.read(signed);
    SignatureField field = revisions.signatures().get(0);
    byte[] file = Files.readAllBytes(signed);
    long[] r = field.byteRange();
    byte[] expected = new byte[(int) (r[1] + r[3])];
    System.arraycopy(file, 0, expected, 0, (int) r[1]);
    System.arraycopy(file, (int) r[2], expected, (int) r[1], (int) r[3]);
    try (InputStream in = revisions.signedContent(field)) {
      assertThat(in.readAllBytes()).isEqualTo(expected);
    }
    assertThat(revisions.revisionCount()).isEqualTo(2);
    assertThat(field.revision()).isEqualTo(2);
    assertThat(field.contents()[0]).isEqualTo((byte) 0x30);
    assertThat(revisions.changesAfter(field)).isEmpty();
  }

  @Test
  void truncatedSignedFileGivesProblemsNotAnException() throws IOException {
    byte[] file = Files.readAllBytes(signed);
    Path cut = Files.write(dir.resolve("cut.pdf"), Arrays.copyOf(file, file.length - 300));
    PdfRevisions revisions = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> PdfRevisions.read(cut));
    assertThat(revisions.revisionCount()).isEqualTo(1);
    assertThat(revisions.signatures()).allSatisfy(s -> assertThat(s.structureProblems())
        .anyMatch(p -> p.startsWith("BYTE_RANGE_VALID: ")));
    assertThatThrownBy(() -> revisions.signedContent(revisions.signatures().get(0)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void objectsAfterTheLastEofAreAnUpdateNoSignatureCovers() throws IOException {
    Path junk = dir.resolve("junk.pdf");
    Files.copy(signed, junk);
    Files.writeString(junk, "\n  \n99 0 obj\n<< /Forged true >>\nendobj\n",
        StandardOpenOption.APPEND);
    PdfRevisions revisions = PdfRevisions.read(junk);
    assertThat(revisions.signatures().get(0).structureProblems()).isEmpty();
    assertThat(revisions.changesAfter(revisions.signatures().get(0)))
        .anyMatch(c -> !c.allowed() && c.kind() == ChangeInfo.Kind.OTHER_OBJECT_CHANGED);

    Path blank = dir.resolve("blank.pdf");
    Files.copy(signed, blank);
    Files.writeString(blank, "\r\n \n\n", StandardOpenOption.APPEND);
    PdfRevisions trailing = PdfRevisions.read(blank);
    assertThat(trailing.changesAfter(trailing.signatures().get(0))).isEmpty();
  }

  @Test
  void thousandsOfRevisionsAreReadAndComparedWithinTheBound() throws IOException {
    Path many = appendRevisions(signed, dir.resolve("many.pdf"), 3000);
    List<ChangeInfo> changes = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      PdfRevisions revisions = PdfRevisions.read(many);
      assertThat(revisions.revisionCount()).isEqualTo(3002);
      return revisions.changesAfter(revisions.signatures().get(0));
    });
    assertThat(changes).anyMatch(c -> !c.allowed()
        && c.description().contains("beyond the bound of " + PdfRevisions.MAX_REVISIONS_COMPARED));
    assertThat(changes).anyMatch(c -> !c.allowed() && c.description().contains("information"));
  }

  @Test
  void thousandsOfSignaturesAndHugeContentsAreReportedWithinBounds() throws IOException {
    Path hostile = dir.resolve("hostile.pdf");
    try (PDDocument doc = new PDDocument()) {
      doc.addPage(new PDPage());
      PDAcroForm form = new PDAcroForm(doc);
      doc.getDocumentCatalog().setAcroForm(form);
      COSArray fields = new COSArray();
      for (int i = 0; i < 3000; i++) {
        fields.add(sigField("s" + i, new byte[] {0x30, 0x00}));
      }
      fields.add(sigField("huge", new byte[3 * 1024 * 1024]));
      form.getCOSObject().setItem(COSName.FIELDS, fields);
      doc.save(hostile.toFile());
    }
    PdfRevisions revisions = assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> PdfRevisions.read(hostile));
    assertThat(revisions.signatures()).hasSize(3001).allSatisfy(
        s -> assertThat(s.structureProblems()).anyMatch(p -> p.startsWith("BYTE_RANGE_VALID")));
    assertThat(revisions.signatures()).filteredOn(s -> s.name().equals("huge")).singleElement()
        .satisfies(s -> assertThat(s.structureProblems()).contains(
            "SIGNATURE_DICTIONARY_WELL_FORMED: /Contents of 3145728 bytes exceeds the bound of "
                + (1024 * 1024)));
  }

  private static COSDictionary sigField(String name, byte[] contents) {
    COSDictionary sig = new COSDictionary();
    sig.setItem(COSName.TYPE, COSName.SIG);
    sig.setName(COSName.SUB_FILTER, "ETSI.CAdES.detached");
    COSString value = new COSString(contents);
    value.setForceHexForm(true);
    sig.setItem(COSName.CONTENTS, value);
    COSArray range = new COSArray();
    for (long v : new long[] {0, 10, 5, 1 << 30}) {
      range.add(COSInteger.get(v));
    }
    sig.setItem(COSName.BYTERANGE, range);
    COSDictionary field = new COSDictionary();
    field.setItem(COSName.FT, COSName.SIG);
    field.setString(COSName.T, name);
    field.setItem(COSName.V, sig);
    return field;
  }

  /** Appends {@code count} classic incremental updates, each rewriting the Info dictionary. */
  private static Path appendRevisions(Path in, Path out, int count) throws IOException {
    long startXref;
    String root;
    long size;
    try (PDDocument doc = Loader.loadPDF(in.toFile())) {
      startXref = doc.getDocument().getStartXref();
      COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
      root = catalog.getKey().getNumber() + " " + catalog.getKey().getGeneration() + " R";
      size = doc.getDocument().getHighestXRefObjectNumber() + 2;
    }
    Files.copy(in, out);
    long offset = Files.size(out);
    long info = size - 1;
    try (OutputStream os = Files.newOutputStream(out, StandardOpenOption.APPEND)) {
      for (int i = 0; i < count; i++) {
        StringBuilder update = new StringBuilder();
        String object = info + " 0 obj\n<< /Producer (revision " + i + ") >>\nendobj\n";
        long xref = offset + object.length();
        update.append(object).append("xref\n0 1\n0000000000 65535 f \n").append(info)
            .append(" 1\n").append(String.format("%010d 00000 n \n", offset))
            .append("trailer\n<< /Size ").append(size).append(" /Root ").append(root)
            .append(" /Info ").append(info).append(" 0 R /Prev ").append(startXref)
            .append(" >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        byte[] bytes = update.toString().getBytes(StandardCharsets.ISO_8859_1);
        os.write(bytes);
        startXref = xref;
        offset += bytes.length;
      }
    }
    return out;
  }
}
