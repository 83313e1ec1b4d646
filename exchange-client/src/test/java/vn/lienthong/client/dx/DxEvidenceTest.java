package vn.lienthong.client.dx;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.sample.pki.DemoSet.FINANCE;
import static vn.lienthong.sample.pki.DemoSet.HOME_AFFAIRS;
import static vn.lienthong.sample.pki.DemoSet.MONG_CAI;
import static vn.lienthong.sample.pki.DemoSet.PROVINCE;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.client.Confirmation;
import vn.lienthong.client.DocumentBuilder;
import vn.lienthong.client.ExchangeClient;
import vn.lienthong.client.ExchangeException;
import vn.lienthong.client.FaultCode;
import vn.lienthong.client.InboxMessage;
import vn.lienthong.client.Receipt;
import vn.lienthong.client.TestHubAccess;
import vn.lienthong.core.edxml.EnvelopeSigner;
import vn.lienthong.core.evidence.DeliveryDocument;
import vn.lienthong.core.evidence.EvidenceSeal;
import vn.lienthong.core.evidence.ReceiptDocument;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.sample.services.SampleCaServer;

/**
 * Evidence from the client's side: the signed receipt and delivery evidence on the library's
 * {@link Receipt} and {@link Confirmation}, {@link ExchangeClient#evidence}, and the auditor's
 * {@code dx evidence} then {@code dx verify-evidence} with HTML, JSON and XML reports and exit codes.
 */
class DxEvidenceTest {

  @TempDir
  static Path dir;
  static SampleCaServer ca;
  static SamplePki pki;
  static TestHubAccess hub;

  @BeforeAll
  static void start() throws Exception {
    Clock clock = Clock.systemUTC();
    ca = SampleCaServer.bind(0, clock);
    pki = DemoSet.generator(KeyKind.EC_P256, ca.urls()).clock(clock).build().generate();
    ca.start(pki);
    hub = TestHubAccess.startWithEvidence(dir, pki, ca.urls().tsa());
  }

  @AfterAll
  static void stop() {
    hub.close();
    ca.close();
  }

  static DxTest.Run dx(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Dx.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
        StandardCharsets.UTF_8), args);
    return new DxTest.Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static String[] hubArgs(String unit, String command, String... rest) throws Exception {
    List<String> all = new ArrayList<>(List.of(command, "--hub", hub.address(), "--key",
        hub.pkcs12(pki.system(unit), dir.resolve("system-" + unit + ".p12")).toString(), "--password", "test",
        "--trust", hub.pem(dir.resolve("roots.pem")).toString()));
    all.addAll(List.of(rest));
    return all.toArray(new String[0]);
  }

  @Test
  void receiptsAndDeliveryEvidenceAreSignedAndTheBundleVerifiesWithDx() throws Exception {
    Path pdf = TestHubAccess.signedPdf(pki, ca.urls().tsa(), dir, "cong-van.pdf", PROVINCE, 12_000);
    Path envelope = DocumentBuilder.from(PROVINCE, "Ủy ban nhân dân tỉnh Quảng Ninh", Clock.systemUTC())
        .to(HOME_AFFAIRS, "Sở Nội vụ").documentId("DXE-1").code("9", "UBND-VP")
        .promulgated("Quảng Ninh", LocalDate.of(2026, 11, 26)).type(1, "Công văn").subject("V/v chứng cứ")
        .content("Nội dung").signer("TM. ỦY BAN NHÂN DÂN", "Chủ tịch", "Phạm Văn Mẫu")
        .attach(pdf, "application/pdf", "Công văn")
        .write(EnvelopeSigner.of(pki.system(PROVINCE).privateKey(), pki.system(PROVINCE).certificate()),
            dir.resolve("dxe-1.edxml"));
    Receipt receipt;
    try (ExchangeClient province = hub.client(PROVINCE); ExchangeClient home = hub.client(HOME_AFFAIRS)) {
      receipt = province.send(envelope);
      ReceiptDocument signed = ReceiptDocument.parse(EvidenceSeal.content(receipt.signedReceipt()));
      assertThat(signed.messageId()).isEqualTo(receipt.messageId());
      assertThat(signed.recipients()).containsExactly(HOME_AFFAIRS);
      assertThat(signed.attachments()).extracting(ReceiptDocument.FileDigest::name).containsExactly("cong-van.pdf");
      assertThat(EvidenceSeal.isTimestamped(receipt.signedReceipt())).isTrue();
      InboxMessage m = home.pending(10).messages().get(0);
      Confirmation c = home.confirm(m);
      DeliveryDocument d = DeliveryDocument.parse(EvidenceSeal.content(c.deliveryEvidence()));
      assertThat(d.recipient()).isEqualTo(HOME_AFFAIRS);
      assertThat(d.envelopeSha256()).isEqualTo(receipt.contentSha256());
      // the library's download, and a unit that is no party is told there is no such message
      assertThat(home.evidence(receipt.messageId(), dir.resolve("library.zip"))).isPositive();
      try (ExchangeClient finance = hub.client(FINANCE)) {
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(
            () -> finance.evidence(receipt.messageId(), dir.resolve("no.zip")), ExchangeException.class).code())
            .isEqualTo(FaultCode.UNKNOWN_MESSAGE);
      }
    }
    String id = String.valueOf(receipt.messageId());
    DxTest.Run download = dx(hubArgs(PROVINCE, "evidence", id, "-o", dir.toString()));
    assertThat(download.exit()).as(download.err()).isZero();
    Path bundle = dir.resolve("evidence-" + id + ".zip");
    assertThat(download.out()).contains(bundle.toString());

    String roots = hub.pem(dir.resolve("roots.pem")).toString();
    for (String report : List.of("report.html", "report.json", "report.xml")) {
      DxTest.Run ok = dx("verify-evidence", bundle.toString(), "--trust", roots, "--report",
          dir.resolve(report).toString());
      assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
      assertThat(ok.out()).contains("HỢP LỆ / VALID").contains("0 không đạt / failed");
    }
    assertThat(Files.readString(dir.resolve("report.html"))).contains("Kiểm tra gói chứng cứ").contains("HỢP LỆ");
    assertThat(Files.readString(dir.resolve("report.json"))).contains("\"verdict\": \"VALID\"")
        .contains("{\"id\": \"ENVELOPE_SIGNER_TRUSTED\", \"subject\": \"envelope.edxml\", \"status\": \"PASSED\"")
        .contains("{\"id\": \"SEAL_NOT_REVOKED\", \"subject\": \"revocation/hub-seal.ocsp\", \"status\": \"PASSED\"");
    assertThat(Files.readString(dir.resolve("report.xml"))).contains("<Verdict>VALID</Verdict>");

    byte[] changed = Files.readAllBytes(bundle);
    changed[changed.length / 3] ^= 0x20;
    Path bad = Files.write(dir.resolve("changed.zip"), changed);
    DxTest.Run notValid = dx("verify-evidence", bad.toString(), "--trust", roots, "--report",
        dir.resolve("bad.xml").toString());
    assertThat(notValid.exit()).isEqualTo(VerifyCommand.NOT_VALID);
    assertThat(notValid.out()).contains("KHÔNG HỢP LỆ / NOT VALID");
    assertThat(Files.readString(dir.resolve("bad.xml"))).contains("<Verdict>INVALID</Verdict>");

    // other roots: the hub's seal is not trusted
    Path otherRoots = dir.resolve("other-roots.pem");
    Files.writeString(otherRoots, SamplePki.pem(SamplePki.demo().trustAnchors().get(0)));
    assertThat(dx("verify-evidence", bundle.toString(), "--trust", otherRoots.toString()).exit())
        .isEqualTo(VerifyCommand.NOT_VALID);

    DxTest.Run refused = dx(hubArgs(MONG_CAI, "evidence", id, "-o", dir.resolve("x.zip").toString()));
    assertThat(refused.exit()).isEqualTo(Dx.REFUSED);
    assertThat(refused.err()).startsWith("dx: UNKNOWN_MESSAGE");
    assertThat(dx("verify-evidence", "--trust", roots).exit()).isEqualTo(Dx.USAGE);
  }
}
