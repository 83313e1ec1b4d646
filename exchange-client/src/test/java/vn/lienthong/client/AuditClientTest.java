package vn.lienthong.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.lienthong.sample.pki.DemoSet.FINANCE;
import static vn.lienthong.sample.pki.DemoSet.HOME_AFFAIRS;
import static vn.lienthong.sample.pki.DemoSet.PROVINCE;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The auditor's side of the library against a real hub: another unit's traces, the whole audit
 * log paged out and checked here ({@link AuditLogCheck}), the hub's own verdict, both naming an
 * entry edited in the hub's database; and what units may not do.
 */
class AuditClientTest {

  @TempDir Path dir;

  @Test
  void anAuditorReadsTracesAndTheAuditLogAndBothChecksCatchAnEdit() throws Exception {
    try (TestHub hub = TestHub.start(dir);
        ExchangeClient province = hub.builder(PROVINCE).build();
        ExchangeClient finance = hub.builder(FINANCE).build();
        ExchangeClient auditor = hub.builder(TestHub.AUDITOR).build()) {
      Path envelope = DocumentBuilder.from(PROVINCE, "Ủy ban nhân dân tỉnh Quảng Ninh", java.time.Clock.systemUTC())
          .to(HOME_AFFAIRS, "Sở Nội vụ").to(FINANCE, "Sở Tài chính").documentId("AUD-1").code("9", "UBND-VP")
          .type(1, "Công văn").subject("V/v kiểm tra nhật ký").signer("TM. ỦY BAN NHÂN DÂN", "Chủ tịch", "Phạm Văn Mẫu")
          .attach(EndToEndTest.pdfIn(dir, "aud-1.pdf", 20_000), "application/pdf", "Công văn")
          .write(TestHub.signer(PROVINCE), dir.resolve("aud-1.edxml"));
      Receipt receipt = province.send(envelope);

      assertThat(auditor.traces(PROVINCE, "AUD-1").recipients()).extracting(Traces.Recipient::organId)
          .containsExactly(HOME_AFFAIRS, FINANCE);
      assertThatThrownBy(() -> finance.traces(PROVINCE, "AUD-1")).isInstanceOfSatisfying(ExchangeException.class,
          e -> assertThat(e.code()).isEqualTo(FaultCode.UNKNOWN_DOCUMENT));
      assertThatThrownBy(() -> finance.auditLog(1, 10)).isInstanceOfSatisfying(ExchangeException.class,
          e -> assertThat(e.code()).isEqualTo(FaultCode.NOT_AUTHORIZED));
      assertThatThrownBy(province::verifyAuditLog).isInstanceOfSatisfying(ExchangeException.class,
          e -> assertThat(e.code()).isEqualTo(FaultCode.NOT_AUTHORIZED));

      List<AuditLogPage.Entry> entries = everything(auditor);
      assertThat(entries).anySatisfy(e -> {
        assertThat(e.event()).isEqualTo("SEND");
        assertThat(e.actor()).isEqualTo(PROVINCE);
        assertThat(e.subject()).isEqualTo(receipt.messageId());
      });
      assertThat(AuditLogCheck.check(entries, List.of())).satisfies(v -> {
        assertThat(v.ok()).as(v.reason()).isTrue();
        assertThat(v.entries()).isEqualTo(entries.size());
      });
      assertThat(auditor.verifyAuditLog().ok()).isTrue();

      long edited = entries.size() / 2;
      hub.database().autoCommit(c -> {
        try (var ps = c.prepareStatement("UPDATE audit_event SET actor = 'ai đó' WHERE seq = ?")) {
          ps.setLong(1, edited);
          return ps.executeUpdate();
        }
      });
      AuditLogVerification here = AuditLogCheck.check(everything(auditor), List.of());
      assertThat(here.outcome()).isEqualTo("ALTERED");
      assertThat(here.brokenSequence()).isEqualTo(edited);
      AuditLogVerification byHub = auditor.verifyAuditLog();
      assertThat(byHub.outcome()).isEqualTo("ALTERED");
      assertThat(byHub.brokenSequence()).isEqualTo(edited);
    }
  }

  private static List<AuditLogPage.Entry> everything(ExchangeClient auditor) {
    List<AuditLogPage.Entry> all = new ArrayList<>();
    AuditLogPage page;
    do {
      page = auditor.auditLog(all.size() + 1, 7);
      all.addAll(page.entries());
    } while (page.more());
    return all;
  }
}
