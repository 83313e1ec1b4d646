package vn.lienthong.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.lienthong.core.pdf.PdfSigningException.Code;
import vn.lienthong.core.pki.PkiException;
import vn.lienthong.core.pki.SigningKey;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.sample.services.SampleCaServer.Service;

/**
 * Signing is refused, with a typed reason, for unusable keys, certificates, documents and
 * services; every time the input is untouched and no output (or partial file) is left.
 */
class RefusedSigningTest {

  static SampleServices services;
  @TempDir Path dir;
  Path letter;
  byte[] original;

  @BeforeAll
  static void start() throws Exception {
    services = new SampleServices(KeyKind.EC_P256);
  }

  @AfterAll
  static void stop() {
    services.close();
  }

  @BeforeEach
  void letter() throws Exception {
    letter = TestPdfs.letter(dir.resolve("letter.pdf"), 1);
    original = Files.readAllBytes(letter);
  }

  @AfterEach
  void servicesBackUp() {
    for (Service s : Service.values()) {
      services.server.setDown(s, false);
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      SamplePki.BAD_EXPIRED + ", EXPIRED_CERTIFICATE",
      SamplePki.BAD_NOT_YET_VALID + ", NOT_YET_VALID",
      SamplePki.BAD_REVOKED + ", REVOKED",
      SamplePki.BAD_NO_SIGNING_USAGE + ", NO_SIGNING_USAGE",
      SamplePki.BAD_RSA_1024 + ", UNSUPPORTED_KEY",
      SamplePki.BAD_SHA1 + ", UNSUPPORTED_KEY"})   // its CA signed it with SHA-1 (Circular 15/2025)
  void unusableCertificateIsRefused(String alias, Code expected) {
    assertRefused(services.key(alias), PadesLevel.B_B, expected);
  }

  @Test
  void keyOfAnotherCertificateIsRefusedAsMismatch() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    SigningKey mismatched = SigningKey.of(generator.generateKeyPair().getPrivate(),
        services.pki.credential(DemoSet.CHAIRMAN).chain());
    assertRefused(mismatched, PadesLevel.B_B, Code.KEY_MISMATCH);
  }

  @Test
  void wrongKeystorePasswordIsReportedAsSuch() throws Exception {
    Path p12 = services.pkcs12(DemoSet.CHAIRMAN, dir.resolve("chairman.p12"),
        "right".toCharArray());
    assertThatThrownBy(() -> SigningKey.fromPkcs12(p12, "wrong".toCharArray(), null))
        .isInstanceOfSatisfying(PkiException.class,
            e -> assertThat(e.reason()).isEqualTo(PkiException.Reason.WRONG_PASSWORD));
    assertThat(SigningKey.fromPkcs12(p12, "right".toCharArray(), null).certificate())
        .isEqualTo(services.pki.certificate(DemoSet.CHAIRMAN));
  }

  @ParameterizedTest(name = "user password \"{0}\"")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"user-secret", ""})
  void encryptedPdfIsRefused(String userPassword) throws Exception {
    letter = TestPdfs.encrypted(dir.resolve("encrypted.pdf"), userPassword);
    original = Files.readAllBytes(letter);
    assertRefused(services.key(DemoSet.CHAIRMAN), PadesLevel.B_B, Code.ENCRYPTED_PDF);
  }

  @Test
  void corruptPdfIsRefused() throws Exception {
    Files.writeString(letter, "%PDF-1.7\nthis is not a PDF body at all\n%%EOF\n");
    original = Files.readAllBytes(letter);
    assertRefused(services.key(DemoSet.CHAIRMAN), PadesLevel.B_B, Code.CORRUPT_PDF);
  }

  @Test
  void aPdfWithoutPagesIsRefusedAsCorrupt() throws Exception {
    try (org.apache.pdfbox.pdmodel.PDDocument doc = new org.apache.pdfbox.pdmodel.PDDocument()) {
      doc.save(letter.toFile());   // PDFBox's own refusal was an IllegalStateException
    }
    original = Files.readAllBytes(letter);
    assertRefused(services.key(DemoSet.CHAIRMAN), PadesLevel.B_B, Code.CORRUPT_PDF);
  }

  @Test
  void aRectangleOffThePageIsRefusedAsBadPlacement() {
    Path out = dir.resolve("out.pdf");
    assertThatThrownBy(() -> services.signer().sign(letter, out, services.key(DemoSet.CHAIRMAN),
        SignatureOptions.builder().level(PadesLevel.B_B).appearance(new Appearance.Signer(
            SampleServices.signatureImage(), "Phạm Văn Mẫu", "Chủ tịch"), Placement.onPage(1, 5000, 5000, 180, 110))
            .build()))
        .isInstanceOfSatisfying(PdfSigningException.class, e -> assertThat(e.code()).isEqualTo(Code.BAD_PLACEMENT));
    assertUntouched(out);
  }

  @Test
  void unreachableTsaFailsBtWithoutOutput() {
    services.server.setDown(Service.TSA, true);
    assertRefused(services.key(DemoSet.CHAIRMAN), PadesLevel.B_T, Code.TSA_UNAVAILABLE);
  }

  @Test
  void tsaOnAClosedPortFailsWithoutOutput() throws Exception {
    int closedPort;
    try (var socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    PdfSigner signer = PdfSigner.builder().timeStampAuthority(
        java.net.URI.create("http://127.0.0.1:" + closedPort + "/tsa")).build();
    Path out = dir.resolve("out.pdf");
    assertThatThrownBy(() -> signer.sign(letter, out, services.key(DemoSet.CHAIRMAN),
        SignatureOptions.builder().level(PadesLevel.B_T).build()))
        .isInstanceOfSatisfying(PdfSigningException.class,
            e -> assertThat(e.code()).isEqualTo(Code.TSA_UNAVAILABLE));
    assertUntouched(out);
  }

  @Test
  void ocspAndCrlDownFailsWithRevocationUnavailable() {
    services.server.setDown(Service.OCSP, true);
    services.server.setDown(Service.CRL, true);
    assertRefused(services.key(DemoSet.CHAIRMAN), PadesLevel.B_LT, Code.REVOCATION_UNAVAILABLE);
  }

  @Test
  void ocspDownFallsBackToTheCrl() throws Exception {
    services.server.setDown(Service.OCSP, true);
    long crlRequests = services.server.requestCount(Service.CRL);
    Path out = dir.resolve("out.pdf");

    services.signer().sign(letter, out, services.key(DemoSet.CHAIRMAN),
        SignatureOptions.builder().level(PadesLevel.B_LT).build());

    assertThat(services.server.requestCount(Service.CRL)).isGreaterThan(crlRequests);
    assertThat(Files.readAllBytes(out)).startsWith(original);
  }

  @Test
  void revocationAfterSigningFailsTheExtensionToLt() throws Exception {
    Path signed = dir.resolve("signed.pdf");
    services.signer().sign(letter, signed, services.key(DemoSet.HOME_AFFAIRS_DIRECTOR),
        SignatureOptions.builder().level(PadesLevel.B_T).build());
    services.server.revoke(services.pki.certificate(DemoSet.HOME_AFFAIRS_DIRECTOR),
        vn.lienthong.sample.pki.RevocationReason.KEY_COMPROMISE, java.time.Instant.now());
    byte[] before = Files.readAllBytes(signed);
    Path out = dir.resolve("extended.pdf");

    assertThatThrownBy(() -> services.extender().extend(signed, out, PadesLevel.B_LT))
        .isInstanceOfSatisfying(PdfSigningException.class,
            e -> assertThat(e.code()).isEqualTo(Code.REVOKED));
    assertThat(Files.readAllBytes(signed)).isEqualTo(before);
    assertThat(out).doesNotExist();
  }

  @Test
  void anchorMissingFromTheDocumentIsReported() {
    Path out = dir.resolve("out.pdf");
    assertThatThrownBy(() -> services.signer().sign(letter, out, services.key(DemoSet.CHAIRMAN),
        SignatureOptions.builder().level(PadesLevel.B_B)
            .appearance(new Appearance.Signer(SampleServices.signatureImage(), "A", "B"),
                Placement.atAnchor("[[NOT_THERE]]", 100, 50)).build()))
        .isInstanceOfSatisfying(PdfSigningException.class,
            e -> assertThat(e.code()).isEqualTo(Code.ANCHOR_NOT_FOUND));
    assertUntouched(out);
  }

  /**
   * An output that cannot be moved into place (a directory of that name): the refusal said
   * "… failed: /…/.out.pdf-8311….part -> /…/out.pdf: Is a directory", a file the caller never named.
   */
  @Test
  void aFailureAfterTheIntermediateFileNamesTheOutputNotTheIntermediate() throws Exception {
    Path taken = Files.createDirectory(dir.resolve("out.pdf"));
    assertThatThrownBy(() -> services.signer().sign(letter, taken, services.key(DemoSet.CHAIRMAN),
        SignatureOptions.builder().level(PadesLevel.B_B).build()))
        .isInstanceOfSatisfying(PdfSigningException.class, e -> assertThat(e.code()).isEqualTo(Code.IO_ERROR))
        .hasMessageContaining("into " + taken + " failed: Is a directory").hasMessageNotContaining(".part");
    Path signed = dir.resolve("signed.pdf");
    services.signer().sign(letter, signed, services.key(DemoSet.CHAIRMAN),
        SignatureOptions.builder().level(PadesLevel.B_B).build());
    assertThatThrownBy(() -> services.extender().extend(signed, taken, PadesLevel.B_LT))
        .isInstanceOfSatisfying(PdfSigningException.class, e -> assertThat(e.code()).isEqualTo(Code.IO_ERROR))
        .hasMessageContaining("into " + taken + " failed: Is a directory").hasMessageNotContaining(".part");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".part"));
    }
    assertThat(Files.readAllBytes(letter)).isEqualTo(original);
  }

  /** A refusal from a step that read an intermediate file names the output instead, its full path or bare name. */
  @Test
  void anIntermediateFileInAMessageIsNamedAsTheOutput() {
    Path out = Path.of("den", "ky.pdf");
    Outputs outputs = new Outputs(out);
    String part = out.toAbsolutePath().getParent().resolve(".ky.pdf-8311.part").toString();
    PdfSigningException e = outputs.named(new PdfSigningException(Code.NOT_SIGNED, part + " carries no signature"));
    assertThat(e.getMessage()).isEqualTo(out + " carries no signature");
    assertThat(e.code()).isEqualTo(Code.NOT_SIGNED);
    assertThat(outputs.named("cannot read .ky.pdf-12.part")).isEqualTo("cannot read " + out);
    PdfSigningException untouched = new PdfSigningException(Code.BAD_PLACEMENT, "off the page");
    assertThat(outputs.named(untouched)).isSameAs(untouched);
  }

  private void assertRefused(SigningKey key, PadesLevel level, Code expected) {
    Path out = dir.resolve("out.pdf");
    assertThatThrownBy(() -> services.signer().sign(letter, out, key,
        SignatureOptions.builder().level(level).build()))
        .isInstanceOfSatisfying(PdfSigningException.class,
            e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(expected));
    assertUntouched(out);
  }

  private void assertUntouched(Path out) {
    try {
      assertThat(Files.readAllBytes(letter)).isEqualTo(original);
      assertThat(out).doesNotExist();
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .noneMatch(name -> name.endsWith(".part"));
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
