package vn.lienthong.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import vn.lienthong.core.pdf.PadesLevel;
import vn.lienthong.core.pdf.PdfSigner;
import vn.lienthong.core.pdf.SignatureOptions;
import vn.lienthong.core.pki.SigningKey;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.DemoSet;

/**
 * Decree 30 PDFs for tests, as a unit's clerks make them: the chairman signs (PAdES B-T), then the
 * unit's seal ({@code seal-<OrganId>}, B-T). Signing costs tens of milliseconds, so each document
 * is signed once per JVM and copied where a test wants it.
 */
public final class SignedPdfs {

  private static final Map<String, Path> CACHE = new ConcurrentHashMap<>();
  private static final Path DIR;
  private static final PdfSigner SIGNER = PdfSigner.builder().timeStampAuthority(TestPki.SERVICES.urls().tsa())
      .trustAnchors(TestPki.PKI.trustAnchors()).build();

  static {
    try {
      DIR = Files.createTempDirectory("signed-pdfs");
      // deleteOnExit removes only an empty directory: each test JVM left about 150 MB in /tmp
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteAll(DIR), "signed-pdfs-cleanup"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private SignedPdfs() {}

  private static void deleteAll(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a test JVM going away: what is left stays in the temporary directory
    }
  }

  /** A PDF of about {@code size} bytes (at least ~10 KB), content from {@code seed}, signed and sealed by {@code unit}. */
  public static Path of(String unit, int size, long seed) {
    return sealedBy(unit, size, seed, unit);
  }

  /** The same, sealed with {@code sealOf}'s seal instead (to test the "seal of the sender" rule). */
  public static Path sealedBy(String unit, int size, long seed, String sealOf) {
    return CACHE.computeIfAbsent(unit + "|" + size + "|" + seed + "|" + sealOf, k -> make(size, seed, sealOf));
  }

  /** A well-formed PDF of about {@code size} bytes without any signature. */
  public static Path unsigned(int size, long seed) {
    return CACHE.computeIfAbsent("unsigned|" + size + "|" + seed, k -> {
      try {
        Path plain = DIR.resolve("unsigned-" + size + "-" + seed + ".pdf");
        write(plain, size, seed);
        return plain;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** Copies a signed PDF to {@code dir/name-seed} and returns it. */
  public static Path copy(Path pdf, Path dir, String name) {
    try {
      Files.createDirectories(dir);
      return Files.copy(pdf, dir.resolve(name + "-" + pdf.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path make(int size, long seed, String sealOf) {
    try {
      Path plain = Files.createTempFile(DIR, "plain", ".pdf");
      Path signed = Files.createTempFile(DIR, "signed", ".pdf");
      Path sealed = DIR.resolve("sealed-" + sealOf + "-" + size + "-" + seed + "-" + System.nanoTime() + ".pdf");
      write(plain, size, seed);
      sign(plain, signed, TestPki.PKI.credential(DemoSet.CHAIRMAN));
      sign(signed, sealed, TestPki.PKI.seal(sealOf));
      Files.delete(plain);
      Files.delete(signed);
      return sealed;
    } catch (Exception e) {
      throw new IllegalStateException("Cannot make a signed test PDF: " + e.getMessage(), e);
    }
  }

  private static void sign(Path in, Path out, Credential c) throws Exception {
    SIGNER.sign(in, out, SigningKey.of(c.privateKey(), c.chain()),
        SignatureOptions.builder().level(PadesLevel.B_T).build());
  }

  /** A one-page letter plus an incompressible stream padding it to about {@code size} bytes. */
  private static void write(Path file, int size, long seed) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.beginText();
        cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
        cs.newLineAtOffset(70, 780);
        cs.showText("UBND TINH QUANG NINH - van ban kiem thu " + seed);
        cs.endText();
      }
      int padding = Math.max(0, size - 10_000);
      if (padding > 0) {
        byte[] bytes = new byte[padding];
        new Random(seed).nextBytes(bytes);
        PDStream stream = new PDStream(doc, new java.io.ByteArrayInputStream(bytes));
        doc.getDocumentCatalog().getCOSObject().setItem(COSName.getPDFName("LTPadding"), stream);
      }
      doc.save(file.toFile());
    }
  }
}
