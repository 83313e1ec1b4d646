package vn.lienthong.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.lienthong.sample.pki.DemoSet.FINANCE;
import static vn.lienthong.sample.pki.DemoSet.HA_LONG;
import static vn.lienthong.sample.pki.DemoSet.MONG_CAI;
import static vn.lienthong.sample.pki.DemoSet.HOME_AFFAIRS;
import static vn.lienthong.sample.pki.DemoSet.PROVINCE;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.edxml.DocumentMessage;
import vn.lienthong.core.edxml.EdxmlReader;
import vn.lienthong.core.edxml.Envelope;
import vn.lienthong.core.edxml.Priority;
import vn.lienthong.core.edxml.StatusCode;

/** The province sends to two departments through a real hub over HTTPS; they fetch, confirm and report. */
class EndToEndTest {

  @TempDir
  static Path dir;
  static TestHub hub;
  static ExchangeClient province;
  static ExchangeClient homeAffairs;
  static ExchangeClient finance;
  static final Clock CLOCK = Clock.systemUTC();

  @BeforeAll
  static void start() {
    hub = TestHub.start(dir);
    province = hub.client(PROVINCE);
    homeAffairs = hub.client(HOME_AFFAIRS);
    finance = hub.client(FINANCE);
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {province, homeAffairs, finance, hub}) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing anyway
      }
    }
  }

  static Path pdf(String name, int size) throws Exception {
    return pdfIn(dir, name, size);
  }

  /** A Decree 30 PDF of the province (signed by its chairman, sealed by it) of about {@code size} bytes. */
  static Path pdfIn(Path dir, String name, int size) throws Exception {
    return TestHub.signedPdf(dir, name, PROVINCE, size);
  }

  static DocumentBuilder document(String documentId) throws Exception {
    return document(documentId, HOME_AFFAIRS, FINANCE);
  }

  static DocumentBuilder document(String documentId, String first, String second) throws Exception {
    return DocumentBuilder.from(PROVINCE, "Ủy ban nhân dân tỉnh Quảng Ninh", CLOCK)
        .to(first, "Sở " + first).to(second, "Sở " + second).documentId(documentId)
        .code("412", "UBND-VP").promulgated("Quảng Ninh", LocalDate.of(2026, 11, 26)).type(1, "Công văn")
        .subject("V/v triển khai trục liên thông văn bản điện tử " + documentId).content("Đề nghị các sở phối hợp.")
        .signer("TM. ỦY BAN NHÂN DÂN", "Chủ tịch", "Phạm Văn Mẫu").priority(Priority.URGENT)
        .due(LocalDate.of(2026, 12, 15)).attach(pdf(documentId + ".pdf", 300_000), "application/pdf", "Công văn");
  }

  static void report(ExchangeClient client, String unit, String documentId, StatusCode code) {
    Path file = dir.resolve(unit + "-" + documentId + "-" + code.code() + ".edxml");
    StatusBuilder.from(unit, "Sở " + unit, CLOCK).staff("Văn phòng", "Nguyễn Thị Văn Thư")
        .description("Trạng thái " + code.code())
        .write(PROVINCE, documentId, "412/UBND-VP", LocalDate.of(2026, 11, 26), code, TestHub.signer(unit), file);
    Receipt r = client.sendStatus(file);
    assertThat(r.kind()).isEqualTo(MessageKind.STATUS);
  }

  @Test
  void sentToTwoDepartmentsFetchedConfirmedReportedAndTraced() throws Exception {
    Path envelope = document("E2E-1").write(TestHub.signer(PROVINCE), dir.resolve("e2e-1.edxml"));
    Receipt receipt = province.send(envelope);
    assertThat(receipt.recipients()).isEqualTo(2);
    assertThat(receipt.duplicate()).isFalse();
    assertThat(province.send(envelope)).satisfies(again -> {
      assertThat(again.duplicate()).isTrue();
      assertThat(again.receiptId()).isEqualTo(receipt.receiptId());
    });

    for (var unit : List.of(HOME_AFFAIRS, FINANCE)) {
      ExchangeClient client = unit.equals(HOME_AFFAIRS) ? homeAffairs : finance;
      PendingPage page = client.pending(10, MessageKind.DOCUMENT);
      assertThat(page.messages()).singleElement().satisfies(m -> {
        assertThat(m.documentId()).isEqualTo("E2E-1");
        assertThat(m.subject()).startsWith("V/v triển khai trục liên thông");
      });
      InboxMessage m = page.messages().get(0);
      FetchedMessage fetched = client.fetch(m.messageRef(), dir.resolve(unit).resolve("in.edxml"));
      assertThat(fetched.bytes()).isEqualTo(Files.size(fetched.envelope())).isGreaterThan(300_000);
      Envelope read = EdxmlReader.builder().attachmentDirectory(Files.createDirectories(dir.resolve(unit + "-att")))
          .build().read(fetched.envelope());
      assertThat(((DocumentMessage) read.message()).header().subject()).contains("văn bản điện tử");
      assertThat(client.confirm(m).alreadyConfirmed()).isFalse();
      assertThat(client.confirm(m).alreadyConfirmed()).isTrue();
      assertThat(client.pending(10, MessageKind.DOCUMENT).messages()).isEmpty();
      for (StatusCode code : List.of(StatusCode.ACCEPTED, StatusCode.ASSIGNED, StatusCode.PROCESSING,
          StatusCode.FINISHED)) {
        report(client, unit, "E2E-1", code);
      }
    }

    Traces traces = province.traces("E2E-1");
    assertThat(traces.recipients()).extracting(Traces.Recipient::organId).containsExactlyInAnyOrder(HOME_AFFAIRS, FINANCE);
    for (Traces.Recipient r : traces.recipients()) {
      assertThat(r.delivery()).isEqualTo("CONFIRMED");
      assertThat(r.codes()).containsExactly("01", "03", "04", "05", "06");
      assertThat(r.latest()).hasValueSatisfying(e -> assertThat(e.statusCode()).isEqualTo("06"));
    }
    PendingPage statuses = province.pending(100, MessageKind.STATUS);
    assertThat(statuses.messages()).filteredOn(m -> m.documentId().equals("E2E-1")).hasSize(10)
        .extracting(m -> m.status().orElseThrow()).containsOnly("01", "03", "04", "05", "06");
  }

  @Test
  void revokedDocumentReachesRecipientsAsRevocation() throws Exception {
    // other recipients than the other tests', so that the inboxes do not mix
    province.send(document("E2E-R", HA_LONG, MONG_CAI).write(TestHub.signer(PROVINCE), dir.resolve("r.edxml")));
    Receipt revoke = province.send(document("E2E-R", HA_LONG, MONG_CAI).revocation("Ban hành nhầm")
        .write(TestHub.signer(PROVINCE), dir.resolve("r-revoke.edxml")));
    assertThat(revoke.recipients()).isEqualTo(2);

    try (ExchangeClient haLong = hub.client(HA_LONG)) {
      List<InboxMessage> inbox = haLong.pending(10, MessageKind.DOCUMENT).messages();
      assertThat(inbox).extracting(InboxMessage::businessType).containsExactly(0, 1);
      assertThat(inbox.get(0).revoked()).isTrue();
      assertThat(inbox.get(1).relatedDocumentIds()).containsExactly("E2E-R");
      inbox.forEach(haLong::confirm);
      report(haLong, HA_LONG, "E2E-R", StatusCode.CHANGE_ACCEPTED);
    }
    assertThat(province.traces("E2E-R").of(HA_LONG).orElseThrow().codes()).contains("15");
  }

  @Test
  void brokenSignatureIsRefusedWithAReasonAClerkCanRead() throws Exception {
    Path envelope = document("E2E-BAD").write(TestHub.signer(PROVINCE), dir.resolve("bad.edxml"));
    String xml = Files.readString(envelope, StandardCharsets.UTF_8);
    Files.writeString(envelope, xml.replace("Đề nghị các sở phối hợp.", "Đề nghị các sở phối hợp!"),
        StandardCharsets.UTF_8);
    assertThatThrownBy(() -> province.send(envelope)).isInstanceOfSatisfying(ExchangeException.class, e -> {
      assertThat(e.code()).isEqualTo(FaultCode.SIGNATURE_INVALID);
      assertThat(e.getMessage()).isNotBlank().containsIgnoringCase("chữ ký");
    });
    assertThatThrownBy(() -> province.traces("E2E-BAD")).isInstanceOfSatisfying(ExchangeException.class,
        e -> assertThat(e.code()).isEqualTo(FaultCode.UNKNOWN_DOCUMENT));
  }
}
