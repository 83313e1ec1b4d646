package vn.lienthong.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.lienthong.sample.pki.DemoSet.FINANCE;
import static vn.lienthong.sample.pki.DemoSet.HOME_AFFAIRS;
import static vn.lienthong.sample.pki.DemoSet.PROVINCE;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.pki.DigestAlgorithm;
import vn.lienthong.core.pki.TimeStampClient;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;
import vn.lienthong.sample.services.SampleCaServer;
import vn.lienthong.server.audit.AuditAnchoring;

/**
 * The auditor's side of the library against a real hub: another unit's traces, the whole audit
 * log paged out and checked here ({@link AuditLogCheck}), the hub's own verdict, both naming an
 * entry edited in the hub's database; and what units may not do.
 */
class AuditClientTest {

  static final List<java.security.cert.X509Certificate> ROOTS = TestHub.PKI.trustAnchors();

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

      List<AuditLogPage.Entry> first = everything(auditor).entries();
      assertThat(first).anySatisfy(e -> {
        assertThat(e.event()).isEqualTo("SEND");
        assertThat(e.actor()).isEqualTo(PROVINCE);
        assertThat(e.subject()).isEqualTo(receipt.messageId());
      });
      // the auditor's reads of what is not theirs are themselves in the chain (the last page's after it)
      assertThat(first).extracting(e -> e.event() + ":" + e.actor()).contains("TRACES_READ:" + TestHub.AUDITOR,
          "AUDIT_READ:" + TestHub.AUDITOR);
      // the hub anchors its head with the TSA of the PKI the auditor trusts
      new AuditAnchoring(hub.database(), new TimeStampClient(TestHub.SERVICES.urls().tsa(), Clock.systemUTC(),
          new SecureRandom(), Duration.ofSeconds(10)), Clock.systemUTC()).anchor().orElseThrow();
      Log log = everything(auditor);
      List<AuditLogPage.Entry> entries = log.entries();
      List<AuditLogPage.Anchor> anchors = log.anchors();
      assertThat(anchors).singleElement().satisfies(a -> assertThat(a.sequence()).isEqualTo(first.size() + 1));
      assertThat(AuditLogCheck.check(entries, anchors, ROOTS)).satisfies(v -> {
        assertThat(v.ok()).as(v.reason()).isTrue();
        assertThat(v.entries()).isEqualTo(entries.size());
      });
      assertThat(auditor.verifyAuditLog().ok()).isTrue();
      // a hub that serves the log without its end: found short of the head it reported
      assertThat(AuditLogCheck.check(entries.subList(0, entries.size() - 1), List.of(), entries.size(), ROOTS))
          .satisfies(v -> assertThat(v.outcome()).isEqualTo("TRUNCATED"));

      // an insider's anchor over the same head by a TSA of their own: genuine token, untrusted root
      AuditLogPage.Anchor genuine = anchors.get(0);
      try (SampleCaServer own = SampleCaServer.bind(0, Clock.systemUTC())) {
        own.start(DemoSet.generator(KeyKind.EC_P256, own.urls()).units(List.of()).build().generate());
        byte[] token = new TimeStampClient(own.urls().tsa(), Clock.systemUTC(), new SecureRandom(),
            Duration.ofSeconds(10)).stamp(DigestAlgorithm.SHA256, HexFormat.of().parseHex(genuine.headHash()))
            .encoded();
        AuditLogPage.Anchor forged = new AuditLogPage.Anchor(genuine.sequence(), genuine.headHash(),
            genuine.anchoredAt(), token);
        AuditLogVerification v = AuditLogCheck.check(entries, List.of(forged), ROOTS);
        assertThat(v.outcome()).isEqualTo("ANCHOR_INVALID");
        assertThat(v.brokenSequence()).isEqualTo(genuine.sequence());
        assertThat(v.reason()).contains("does not chain to a trusted root");
      }

      long edited = entries.size() / 2;
      hub.database().autoCommit(c -> {
        try (var ps = c.prepareStatement("UPDATE audit_event SET actor = 'ai đó' WHERE seq = ?")) {
          ps.setLong(1, edited);
          return ps.executeUpdate();
        }
      });
      Log after = everything(auditor);
      AuditLogVerification here = AuditLogCheck.check(after.entries(), after.anchors(), ROOTS);
      assertThat(here.outcome()).isEqualTo("ALTERED");
      assertThat(here.brokenSequence()).isEqualTo(edited);
      AuditLogVerification byHub = auditor.verifyAuditLog();
      assertThat(byHub.outcome()).isEqualTo("ALTERED");
      assertThat(byHub.brokenSequence()).isEqualTo(edited);
    }
  }

  /** The whole log and its anchors, as an auditor pages them out. */
  record Log(List<AuditLogPage.Entry> entries, List<AuditLogPage.Anchor> anchors) {}

  private static Log everything(ExchangeClient auditor) {
    List<AuditLogPage.Entry> all = new ArrayList<>();
    List<AuditLogPage.Anchor> anchors = new ArrayList<>();
    AuditLogPage page;
    do {
      page = auditor.auditLog(all.size() + 1, 7);
      all.addAll(page.entries());
      anchors.addAll(page.anchors());
    } while (page.more());
    return new Log(all, anchors);
  }
}
