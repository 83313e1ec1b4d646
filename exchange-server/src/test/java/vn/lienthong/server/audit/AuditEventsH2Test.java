package vn.lienthong.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.server.support.Calls.*;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.server.api.ws.FaultCode;
import vn.lienthong.server.api.ws.GetAuditLogRequest;
import vn.lienthong.server.api.ws.GetPendingMessagesRequest;
import vn.lienthong.server.api.ws.GetTracesRequest;
import vn.lienthong.server.api.ws.MessageInfo;
import vn.lienthong.server.api.ws.VerifyAuditLogRequest;
import vn.lienthong.server.evidence.EvidenceHook;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubClient;
import vn.lienthong.server.support.HubFixture;
import vn.lienthong.server.support.TestPki;
import vn.lienthong.server.support.Units;

/** Real hub operations each leave their audit entry, in order, and the chain verifies. */
class AuditEventsH2Test {

  static final String AUDITOR = DemoSet.PROVINCE_COUNCIL;

  @TempDir Path dir;
  HubFixture hub;

  @BeforeEach
  void start() {
    hub = HubFixture.start(HubFixture.config(dir.resolve("hub"), null, Duration.ofMinutes(5)).toBuilder()
        .auditors(Set.of(OrganId.of(AUDITOR))).build(), Clock.systemUTC(), EvidenceHook.NONE);
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  byte[] doc(String id, List<String> to) throws Exception {
    Attachment a = Envelopes.pdf(dir.resolve("files"), "vanban.pdf", 10_000, id.hashCode(), DemoSet.PROVINCE);
    return Envelopes.signed(Envelopes.document(DemoSet.PROVINCE, id, to, List.of(a)), List.of(a));
  }

  @Test
  void everySecurityRelevantEventIsChained() throws Exception {
    long before = lastSeq();
    assertFault(FaultCode.NOT_AUTHENTICATED,
        () -> HubClient.of(hub.hub().address(), Units.UNREGISTERED).getPendingMessages(new GetPendingMessagesRequest()));
    send(hub.client(DemoSet.PROVINCE), doc("AUD-1", List.of(DemoSet.HA_LONG)));
    assertFault(FaultCode.UNKNOWN_RECIPIENT,
        () -> send(hub.client(DemoSet.PROVINCE), doc("AUD-2", List.of("999.99.99.H49"))));
    List<MessageInfo> got = pending(hub.client(DemoSet.HA_LONG));
    assertThat(got).hasSize(1);
    confirm(hub.client(DemoSet.HA_LONG), got.get(0));
    hub.hub().registry().deactivate(OrganId.of(DemoSet.MONG_CAI));

    assertThat(actionsAfter(before)).containsExactly("AUTH_FAIL:unknown", "SEND:" + DemoSet.PROVINCE,
        "REJECT:" + DemoSet.PROVINCE, "DELIVER:" + DemoSet.HA_LONG, "CONFIRM:" + DemoSet.HA_LONG,
        "STATUS:" + DemoSet.HA_LONG, "REGISTRY_DEACTIVATE:hub");
    AuditVerification v = new AuditLog(hub.hub().database(), TestPki.PKI.trustAnchors()).verify();
    assertThat(v.ok()).as(v.reason()).isTrue();
    assertThat(v.entries()).isEqualTo(before + 7);
  }

  @Test
  void readsOfWhatIsNotTheCallersOwnAreChained() throws Exception {
    send(hub.client(DemoSet.PROVINCE), doc("AUD-3", List.of(DemoSet.HA_LONG)));
    long before = lastSeq();
    GetTracesRequest traces = new GetTracesRequest();
    traces.setSender(DemoSet.PROVINCE);
    traces.setDocumentId("AUD-3");
    // the sender reading its own document's traces is not recorded; an auditor reading them is
    assertThat(hub.client(DemoSet.PROVINCE).getTraces(traces).getRecipient()).hasSize(1);
    assertThat(hub.client(AUDITOR).getTraces(traces).getRecipient()).hasSize(1);
    // a unit that may not read the audit log leaves no read behind
    assertFault(FaultCode.NOT_AUTHORIZED, () -> hub.client(DemoSet.HA_LONG).verifyAuditLog(new VerifyAuditLogRequest()));
    assertThat(hub.client(AUDITOR).verifyAuditLog(new VerifyAuditLogRequest()).getOutcome()).isEqualTo("OK");
    GetAuditLogRequest page = new GetAuditLogRequest();
    page.setFromSequence(before);
    page.setMax(10);
    hub.client(AUDITOR).getAuditLog(page);

    assertThat(actionsAfter(before)).containsExactly("TRACES_READ:" + AUDITOR, "AUDIT_VERIFY:" + AUDITOR,
        "AUDIT_READ:" + AUDITOR);
    assertThat(detailsAfter(before)).containsExactly(DemoSet.PROVINCE + " AUD-3", "OK, " + (before + 1) + " entries",
        "entries " + before + "–" + (before + 2));
  }

  /** A read the log cannot take is not answered; a refusal it cannot take is still the refusal. */
  @Test
  void readsThatCannotBeChainedAreNotAnswered() throws Exception {
    send(hub.client(DemoSet.PROVINCE), doc("AUD-4", List.of(DemoSet.HA_LONG)));
    long before = lastSeq();
    sql("ALTER TABLE audit_event ADD CONSTRAINT audit_down CHECK (action NOT IN ('DELIVER', 'TRACES_READ', 'REJECT'))");
    assertFault(FaultCode.UNAVAILABLE, () -> pending(hub.client(DemoSet.HA_LONG)));
    GetTracesRequest traces = new GetTracesRequest();
    traces.setSender(DemoSet.PROVINCE);
    traces.setDocumentId("AUD-4");
    assertFault(FaultCode.UNAVAILABLE, () -> hub.client(AUDITOR).getTraces(traces));
    assertFault(FaultCode.UNKNOWN_RECIPIENT,
        () -> send(hub.client(DemoSet.PROVINCE), doc("AUD-5", List.of("999.99.99.H49"))));
    assertThat(lastSeq()).isEqualTo(before);

    sql("ALTER TABLE audit_event DROP CONSTRAINT audit_down");
    // the refused hand-out was undone: the document is pending again now, not when a lease runs out
    assertThat(pending(hub.client(DemoSet.HA_LONG))).extracting(MessageInfo::getDocumentId).containsExactly("AUD-4");
    assertThat(actionsAfter(before)).containsExactly("DELIVER:" + DemoSet.HA_LONG);
    AuditVerification v = new AuditLog(hub.hub().database(), TestPki.PKI.trustAnchors()).verify();
    assertThat(v.ok()).as(v.reason()).isTrue();
  }

  void sql(String statement) {
    hub.hub().database().autoCommit(c -> {
      try (var s = c.createStatement()) {
        return s.executeUpdate(statement);
      }
    });
  }

  long lastSeq() {
    return hub.hub().database().autoCommit(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT last_seq FROM audit_head");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  /** "action:actor" of each entry after {@code seq}, in order. */
  List<String> actionsAfter(long seq) {
    return after(seq, "action || ':' || actor");
  }

  /** The detail of each entry after {@code seq}, in order. */
  List<String> detailsAfter(long seq) {
    return after(seq, "detail");
  }

  private List<String> after(long seq, String expression) {
    return hub.hub().database().autoCommit(c -> {
      List<String> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + expression + " FROM audit_event WHERE seq > ? ORDER BY seq")) {
        ps.setLong(1, seq);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getString(1));
          }
        }
      }
      return out;
    });
  }
}
