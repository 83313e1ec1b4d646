package vn.lienthong.interop.dss;

import static org.assertj.core.api.Assertions.assertThat;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.lienthong.core.pdf.Appearance;
import vn.lienthong.core.pdf.PadesLevel;
import vn.lienthong.core.pdf.PdfExtender;
import vn.lienthong.core.pdf.PdfSigner;
import vn.lienthong.core.pdf.RsaPadding;
import vn.lienthong.core.pdf.Placement;
import vn.lienthong.core.pdf.SignatureOptions;
import vn.lienthong.core.pki.DigestAlgorithm;
import vn.lienthong.core.pki.SigningKey;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.sample.services.SampleCaServer;

/**
 * PDFs signed by exchange-core, judged by EU DSS 6.3: TOTAL_PASSED with the expected PAdES
 * baseline format at every level, for the Decree 30 signer and seal, and after extension.
 */
class PadesInteropDssTest {

  @TempDir static Path dir;
  static SampleCaServer server;
  static SamplePki pki;
  static PdfSigner signer;
  static PdfExtender extender;
  static DssOracle dss;

  @BeforeAll
  static void start() throws Exception {
    Clock clock = Clock.systemUTC();
    server = SampleCaServer.bind(0, clock);
    pki = DemoSet.generator(KeyKind.EC_P256, server.urls()).clock(clock).build().generate();
    server.start(pki);
    signer = PdfSigner.builder().clock(clock).timeStampAuthority(server.urls().tsa())
        .trustAnchors(pki.trustAnchors()).build();
    extender = PdfExtender.builder(server.urls().tsa()).clock(clock)
        .trustAnchors(pki.trustAnchors()).build();
    dss = new DssOracle(pki.trustAnchors());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"B_B, PAdES_BASELINE_B", "B_T, PAdES_BASELINE_T", "B_LT, PAdES_BASELINE_LT",
      "B_LTA, PAdES_BASELINE_LTA"})
  void everyLevelPassesWithItsFormat(PadesLevel level, SignatureLevel format) throws Exception {
    Path out = dir.resolve("signed-" + level + ".pdf");
    signer.sign(letter("letter-" + level + ".pdf"), out, key(DemoSet.CHAIRMAN),
        SignatureOptions.builder().level(level).appearance(signerLook(), signerPlace()).build());

    Map<String, DssOracle.Verdict> verdicts = dss.validate(out,
        level.compareTo(PadesLevel.B_LT) < 0 ? crls() : List.of());

    assertThat(verdicts).hasSize(1);
    assertThat(verdicts.values()).allSatisfy(v -> {
      assertThat(v.indication()).as(v.toString()).isEqualTo(Indication.TOTAL_PASSED);
      assertThat(v.format()).isEqualTo(format);
    });
  }

  @Test
  void signerAndSealBothPassAndStillDoAfterExtensionToLta() throws Exception {
    Path signed = dir.resolve("d30-signed.pdf");
    Path sealed = dir.resolve("d30-sealed.pdf");
    Path archived = dir.resolve("d30-archived.pdf");
    signer.sign(letter("d30.pdf"), signed, key(DemoSet.CHAIRMAN), SignatureOptions.builder()
        .level(PadesLevel.B_T).appearance(signerLook(), signerPlace()).build());
    signer.sign(signed, sealed, key("seal-" + DemoSet.PROVINCE), SignatureOptions.builder()
        .level(PadesLevel.B_T).appearance(new Appearance.Seal(image("sample-seal.png"),
            "Ủy ban nhân dân tỉnh Quảng Ninh"), Placement.overSignerImage()).build());

    assertAll(dss.validate(sealed, crls()), 2, SignatureLevel.PAdES_BASELINE_T);

    extender.extend(sealed, archived, PadesLevel.B_LTA);

    assertAll(dss.validate(archived, List.of()), 2, SignatureLevel.PAdES_BASELINE_LTA);
  }

  @Test
  void basicSignatureExtendedToLtGetsATimeStampAndPasses() throws Exception {
    Path signed = dir.resolve("bb.pdf");
    Path extended = dir.resolve("bb-lt.pdf");
    signer.sign(letter("bb-in.pdf"), signed, key(DemoSet.VICE_CHAIRMAN),
        SignatureOptions.builder().level(PadesLevel.B_B).build());

    extender.extend(signed, extended, PadesLevel.B_LT);

    assertAll(dss.validate(extended, List.of()), 1, SignatureLevel.PAdES_BASELINE_LT);
  }

  @Test
  void rsaSignaturesWithPkcs1AndPssPass() throws Exception {
    Clock clock = Clock.systemUTC();
    try (SampleCaServer rsaServer = SampleCaServer.bind(0, clock)) {
      SamplePki rsa = DemoSet.generator(KeyKind.RSA_2048, rsaServer.urls()).clock(clock).build()
          .generate();
      rsaServer.start(rsa);
      PdfSigner rsaSigner = PdfSigner.builder().clock(clock)
          .timeStampAuthority(rsaServer.urls().tsa()).trustAnchors(rsa.trustAnchors()).build();
      Credential c = rsa.credential(DemoSet.VICE_CHAIRMAN);
      for (RsaPadding padding : RsaPadding.values()) {
        Path out = dir.resolve("rsa-" + padding + ".pdf");
        rsaSigner.sign(letter("rsa-in-" + padding + ".pdf"), out,
            SigningKey.of(c.privateKey(), c.chain()), SignatureOptions.builder()
                .level(PadesLevel.B_LT).digest(DigestAlgorithm.SHA384).rsaPadding(padding)
                .build());

        assertAll(new DssOracle(rsa.trustAnchors()).validate(out, List.of()), 1,
            SignatureLevel.PAdES_BASELINE_LT);
      }
    }
  }

  @Test
  void dssRejectsATamperedSignedPdf() throws Exception {
    Path signed = dir.resolve("tampered.pdf");
    signer.sign(letter("tamper-in.pdf"), signed, key(DemoSet.CHAIRMAN),
        SignatureOptions.builder().level(PadesLevel.B_T).build());
    byte[] bytes = Files.readAllBytes(signed);
    String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = text.indexOf("/Producer") >= 0 ? text.indexOf("/Type") : 300;
    bytes[at + 2] ^= 0x01; // inside the first signed byte range
    Files.write(signed, bytes);

    assertThat(dss.validate(signed, crls()).values())
        .allSatisfy(v -> assertThat(v.indication()).isNotEqualTo(Indication.TOTAL_PASSED));
  }

  private static void assertAll(Map<String, DssOracle.Verdict> verdicts, int count,
      SignatureLevel format) {
    assertThat(verdicts).hasSize(count);
    assertThat(verdicts.values()).allSatisfy(v -> {
      assertThat(v.indication()).as(v.toString()).isEqualTo(Indication.TOTAL_PASSED);
      assertThat(v.format()).as(v.toString()).isEqualTo(format);
    });
  }

  private static SigningKey key(String alias) {
    Credential c = pki.credential(alias);
    return SigningKey.of(c.privateKey(), c.chain());
  }

  private static Appearance signerLook() {
    return new Appearance.Signer(image("sample-signature.png"), "Phạm Văn Mẫu",
        "Chủ tịch Ủy ban nhân dân tỉnh");
  }

  private static Placement signerPlace() {
    return Placement.onPage(1, 330, 300, 180, 110);
  }

  /** The CRLs of the sample CAs, downloaded as any relying party would for B-B and B-T. */
  private static List<byte[]> crls() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    List<byte[]> crls = new ArrayList<>();
    for (String ca : List.of(SamplePki.GOV_CA, SamplePki.GOV_ROOT, SamplePki.PUBLIC_CA,
        SamplePki.PUBLIC_ROOT)) {
      URI url = pki.urls().crl(ca);
      crls.add(http.send(HttpRequest.newBuilder(url).build(),
          HttpResponse.BodyHandlers.ofByteArray()).body());
    }
    return crls;
  }

  private static byte[] image(String name) {
    try (InputStream in = PadesInteropDssTest.class.getResourceAsStream(
        "/vn/lienthong/sample/images/" + name)) {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Path letter(String name) throws Exception {
    Path file = dir.resolve(name);
    try (PDDocument doc = new PDDocument();
        InputStream font = PadesInteropDssTest.class.getResourceAsStream(
            "/vn/lienthong/core/pdf/fonts/LiberationSerif-Regular.ttf")) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      PDType0Font serif = PDType0Font.load(doc, font, true);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.beginText();
        cs.setFont(serif, 14);
        cs.newLineAtOffset(100, 700);
        cs.showText("QUYẾT ĐỊNH về việc phê duyệt kế hoạch năm 2026");
        cs.endText();
      }
      doc.save(file.toFile());
    }
    return file;
  }
}
