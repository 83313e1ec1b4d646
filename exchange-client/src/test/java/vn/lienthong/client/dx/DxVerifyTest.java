package vn.lienthong.client.dx;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.client.dx.DxTest.dx;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.client.dx.DxTest.Run;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.sample.services.SampleCaServer;

/** The auditor's {@code dx verify}: a sealed document passes, a changed one fails, reports are written. */
class DxVerifyTest {

  @TempDir
  static Path dir;
  static SampleCaServer ca;
  static SamplePki pki;
  static Path sealed;
  static Path roots;

  @BeforeAll
  static void signAndSeal() throws Exception {
    Clock clock = Clock.systemUTC();
    ca = SampleCaServer.bind(0, clock);
    pki = DemoSet.generator(KeyKind.EC_P256, ca.urls()).clock(clock).build().generate();
    ca.start(pki);
    roots = Files.writeString(dir.resolve("roots.pem"),
        SamplePki.pem(pki.certificate(SamplePki.GOV_ROOT)) + SamplePki.pem(pki.certificate(SamplePki.PUBLIC_ROOT)));
    Path draft = dir.resolve("draft.pdf");
    try (PDDocument doc = new PDDocument()) {
      doc.addPage(new PDPage());
      doc.save(draft.toFile());
    }
    Path signed = dir.resolve("signed.pdf");
    sealed = dir.resolve("sealed.pdf");
    Run sign = dx("sign", draft.toString(), "-o", signed.toString(), "--key", p12(pki.credential(DemoSet.CHAIRMAN)),
        "--password", "test", "--image", image("sample-signature.png"), "--name", "Phạm Văn Mẫu",
        "--position", "Chủ tịch");
    assertThat(sign.exit()).as(sign.err()).isZero();
    Run seal = dx("seal", signed.toString(), "-o", sealed.toString(), "--key", p12(pki.seal(DemoSet.PROVINCE)),
        "--password", "test", "--image", image("sample-seal.png"), "--organization",
        "Ủy ban nhân dân tỉnh Quảng Ninh");
    assertThat(seal.exit()).as(seal.err()).isZero();
  }

  @AfterAll
  static void stop() {
    ca.close();
  }

  @Test
  void aSealedDocumentOfTheSenderIsValidAndItsReportIsWritten() throws Exception {
    Path html = dir.resolve("report.html");
    Run run = dx("verify", sealed.toString(), "--trust", roots.toString(), "--sender", DemoSet.PROVINCE,
        "--report", html.toString());
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("SIGNER").contains("ORGANIZATION_SEAL")
        .contains("Kết quả / result: TOTAL_PASSED");
    assertThat(html).content(StandardCharsets.UTF_8).contains("Báo cáo kiểm tra chữ ký số");
    Path json = dir.resolve("report.json");
    assertThat(dx("verify", sealed.toString(), "--trust", roots.toString(), "--report", json.toString()).exit())
        .isZero();
    assertThat(json).content(StandardCharsets.UTF_8).contains("\"indication\": \"TOTAL_PASSED\"");
  }

  @Test
  void theSealOfAnotherUnitIsNotValidForThisSender() throws Exception {
    Run run = dx("verify", sealed.toString(), "--trust", roots.toString(), "--sender", DemoSet.HOME_AFFAIRS);
    assertThat(run.exit()).isEqualTo(VerifyCommand.NOT_VALID);
    assertThat(run.out()).contains("TOTAL_FAILED").contains(DemoSet.HOME_AFFAIRS);
  }

  @Test
  void aChangedByteMakesTheDocumentInvalid() throws Exception {
    byte[] bytes = Files.readAllBytes(sealed);
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int at = text.indexOf("/MediaBox");
    bytes[at + 1] = (byte) 'm';
    Path changed = Files.write(dir.resolve("changed.pdf"), bytes);
    Run run = dx("verify", changed.toString(), "--trust", roots.toString(), "--offline",
        "--report", dir.resolve("changed.xml").toString());
    assertThat(run.exit()).isEqualTo(VerifyCommand.NOT_VALID);
    assertThat(run.out()).contains("TOTAL_FAILED");
    assertThat(dir.resolve("changed.xml")).content(StandardCharsets.UTF_8).contains("TOTAL_FAILED");
  }

  @Test
  void onlyTheGivenRootsAreTrusted() throws Exception {
    Path rogue = Files.writeString(dir.resolve("rogue.pem"), SamplePki.pem(pki.certificate(SamplePki.ROGUE_ROOT)));
    Run run = dx("verify", sealed.toString(), "--trust", rogue.toString());
    assertThat(run.exit()).isEqualTo(VerifyCommand.NOT_VALID);
    assertThat(run.out()).contains("INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND");
  }

  @Test
  void aReportNameWithoutAKnownExtensionIsAUsageError() throws Exception {
    Run run = dx("verify", sealed.toString(), "--trust", roots.toString(), "--report", dir.resolve("r.pdf").toString());
    assertThat(run.exit()).isEqualTo(Dx.LOCAL);
    assertThat(run.err()).contains(".html, .json or .xml");
  }

  private static String p12(Credential c) throws Exception {
    var ks = java.security.KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("key", c.privateKey(), "test".toCharArray(),
        c.chain().toArray(java.security.cert.X509Certificate[]::new));
    Path file = dir.resolve(c.alias() + ".p12");
    try (var out = Files.newOutputStream(file)) {
      ks.store(out, "test".toCharArray());
    }
    return file.toString();
  }

  private static String image(String name) throws Exception {
    try (InputStream in = DxVerifyTest.class.getResourceAsStream("/vn/lienthong/sample/images/" + name)) {
      return Files.write(dir.resolve(name), in.readAllBytes()).toString();
    }
  }
}
