package vn.lienthong.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.server.support.Calls.assertFault;
import static vn.lienthong.server.support.Calls.confirm;
import static vn.lienthong.server.support.Calls.pending;
import static vn.lienthong.server.support.Calls.send;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.sample.services.SampleCaServer;
import vn.lienthong.server.api.ws.Direction;
import vn.lienthong.server.api.ws.ExchangeFault;
import vn.lienthong.server.api.ws.FaultCode;
import vn.lienthong.server.api.ws.MessageHit;
import vn.lienthong.server.api.ws.MessageInfo;
import vn.lienthong.server.api.ws.MessageKind;
import vn.lienthong.server.api.ws.SearchMessagesRequest;
import vn.lienthong.server.api.ws.SearchMessagesResponse;
import vn.lienthong.server.evidence.EvidenceHook;
import vn.lienthong.server.evidence.EvidenceSetup;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubFixture;
import vn.lienthong.server.support.TestDatabases;
import vn.lienthong.server.support.TestPki;

/**
 * SearchMessages over real HTTPS on a hub with its evidence seal and TSA: a unit's sent and
 * received messages together, newest first, with where each stands and its evidence; every filter,
 * paging, the auditor's search of another unit (chained), and each invalid field named.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SearchTest {

  static final String PROVINCE = DemoSet.PROVINCE;
  static final String HA_LONG = DemoSet.HA_LONG;
  static final String MONG_CAI = DemoSet.MONG_CAI;
  static final String FINANCE = DemoSet.FINANCE;
  static final String AUDITOR = DemoSet.PROVINCE_COUNCIL;

  /** The database: null for H2. */
  abstract TestDatabases.Jdbc database();

  Path dir;
  SampleCaServer services;
  HubFixture hub;
  MessageHit storm;   // the province's plan, to Hạ Long (confirmed) and Móng Cái
  XMLGregorianCalendar budgetAt;

  @BeforeAll
  void exchange(@TempDir Path dir) throws Exception {
    this.dir = dir;
    services = SampleCaServer.bind(0, Clock.systemUTC());
    services.start(TestPki.PKI);
    Credential seal = TestPki.PKI.credential(SamplePki.HUB_SEAL);
    hub = HubFixture.start(HubFixture.config(dir.resolve("hub"), database(), Duration.ofMinutes(5)).toBuilder()
        .auditors(Set.of(OrganId.of(AUDITOR))).build(), Clock.systemUTC(), EvidenceHook.NONE,
        new EvidenceSetup(seal.privateKey(), seal.chain(), services.urls().tsa()));
    send(hub.client(PROVINCE), document(PROVINCE, "KH-BAO-3", "Kế hoạch phòng, chống bão số 3", HA_LONG, MONG_CAI));
    send(hub.client(HA_LONG), document(HA_LONG, "BC-TIEN-DO", "Báo cáo tiến độ: 100% xã hoàn thành", PROVINCE));
    send(hub.client(FINANCE), document(FINANCE, "QD-NGAN-SACH", "Quyết định phân bổ ngân sách", HA_LONG));
    for (int i = 0; i < 5; i++) {
      send(hub.client(PROVINCE), document(PROVINCE, "CV-" + i, "Công văn thường lệ " + i, FINANCE));
    }
    MessageInfo plan = pending(hub.client(HA_LONG)).stream().filter(m -> m.getDocumentId().equals("KH-BAO-3"))
        .findFirst().orElseThrow();
    confirm(hub.client(HA_LONG), plan);   // status 01 from Hạ Long to the province, delivery evidence
    storm = only(search(PROVINCE, r -> {
      r.setDocumentId("KH-BAO-3");
      r.setKind(MessageKind.DOCUMENT);
    }));
    budgetAt = only(search(HA_LONG, r -> r.setDocumentId("QD-NGAN-SACH"))).getReceivedAt();
  }

  @AfterAll
  void stop() {
    if (hub != null) {
      hub.close();
    }
    if (services != null) {
      services.close();
    }
  }

  byte[] document(String from, String id, String subject, String... to) throws Exception {
    Attachment a = Envelopes.pdf(dir.resolve("files"), "vanban.pdf", 10_000, id.hashCode(), from);
    return Envelopes.signed(Envelopes.document(from, id, List.of(to), List.of(a), subject), List.of(a));
  }

  SearchMessagesResponse search(String caller, Consumer<SearchMessagesRequest> filters) throws ExchangeFault {
    SearchMessagesRequest r = new SearchMessagesRequest();
    filters.accept(r);
    return hub.client(caller).searchMessages(r);
  }

  static MessageHit only(SearchMessagesResponse r) {
    assertThat(r.getHit()).hasSize(1);
    return r.getHit().get(0);
  }

  static List<String> documents(SearchMessagesResponse r) {
    return r.getHit().stream().map(h -> h.getKind() + " " + h.getDirection() + " " + h.getDocumentId()).toList();
  }

  @Test
  void sentAndReceivedComeTogetherNewestFirst() throws Exception {
    SearchMessagesResponse all = search(PROVINCE, r -> {});
    assertThat(documents(all)).containsExactly("STATUS RECEIVED KH-BAO-3", "DOCUMENT SENT CV-4",
        "DOCUMENT SENT CV-3", "DOCUMENT SENT CV-2", "DOCUMENT SENT CV-1", "DOCUMENT SENT CV-0",
        "DOCUMENT RECEIVED BC-TIEN-DO", "DOCUMENT SENT KH-BAO-3");
    assertThat(all.isMore()).isFalse();
    assertThat(all.getNextBefore()).isNull();
    assertThat(all.getHit()).extracting(MessageHit::getMessageId).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    // Finance's budget decision to Hạ Long is neither sent nor received by the province
    assertThat(documents(all)).noneMatch(d -> d.endsWith("QD-NGAN-SACH"));
  }

  @Test
  void aSentDocumentShowsItsRecipientsConfirmationsAndEvidence() {
    assertThat(storm.getDirection()).isEqualTo(Direction.SENT);
    assertThat(storm.getFrom()).isEqualTo(PROVINCE);
    assertThat(storm.getSubject()).isEqualTo("Kế hoạch phòng, chống bão số 3");
    assertThat(storm.getCode()).isEqualTo("12/UBND-VP");
    assertThat(storm.getBusinessType()).isZero();
    assertThat(storm.getRecipients()).isEqualTo(2);
    assertThat(storm.getConfirmed()).isEqualTo(1);
    assertThat(storm.getDelivery()).isNull();
    assertThat(storm.isRevoked()).isFalse();
    assertThat(storm.getReceipt()).isEqualTo("TIMESTAMPED");
    assertThat(storm.getDeliveryEvidence()).isEqualTo(1);
    assertThat(storm.getSize()).isPositive();
  }

  @Test
  void receivedCopiesShowTheUnitsOwnDeliveryAndEvidence() throws Exception {
    SearchMessagesResponse received = search(HA_LONG, r -> r.setDirection(Direction.RECEIVED));
    assertThat(documents(received)).containsExactly("DOCUMENT RECEIVED QD-NGAN-SACH", "DOCUMENT RECEIVED KH-BAO-3");
    MessageHit budget = received.getHit().get(0);
    MessageHit plan = received.getHit().get(1);
    assertThat(plan.getMessageId()).isEqualTo(storm.getMessageId());
    assertThat(plan.getDelivery()).isEqualTo("CONFIRMED");
    assertThat(plan.getConfirmed()).isEqualTo(1);
    assertThat(plan.getDeliveryEvidence()).isEqualTo(1);
    assertThat(plan.getRecipients()).isEqualTo(2);
    assertThat(budget.getFrom()).isEqualTo(FINANCE);
    assertThat(budget.getDelivery()).isIn("PENDING", "LEASED");
    assertThat(budget.getConfirmed()).isZero();
    assertThat(budget.getDeliveryEvidence()).isZero();
    // Móng Cái has not confirmed: its copy and its evidence count are its own, not Hạ Long's
    MessageHit mongCai = only(search(MONG_CAI, r -> r.setDocumentId("KH-BAO-3")));
    assertThat(mongCai.getDelivery()).isEqualTo("PENDING");
    assertThat(mongCai.getConfirmed()).isZero();
    assertThat(mongCai.getDeliveryEvidence()).isZero();
    // the status 01 the hub wrote on Hạ Long's behalf is one of Hạ Long's sent messages
    assertThat(documents(search(HA_LONG, r -> r.setDirection(Direction.SENT))))
        .containsExactly("STATUS SENT KH-BAO-3", "DOCUMENT SENT BC-TIEN-DO");
  }

  @Test
  void filtersNarrowEachSide() throws Exception {
    assertThat(documents(search(HA_LONG, r -> r.setCounterpart(FINANCE))))
        .containsExactly("DOCUMENT RECEIVED QD-NGAN-SACH");
    assertThat(documents(search(PROVINCE, r -> {
      r.setDirection(Direction.SENT);
      r.setCounterpart(MONG_CAI);
    }))).containsExactly("DOCUMENT SENT KH-BAO-3");
    assertThat(documents(search(PROVINCE, r -> r.setKind(MessageKind.STATUS))))
        .containsExactly("STATUS RECEIVED KH-BAO-3");
    assertThat(documents(search(PROVINCE, r -> r.setDocumentId("CV-2")))).containsExactly("DOCUMENT SENT CV-2");
    // documents (not the hub's statuses 01, dated to the second) on both sides of the budget decision
    assertThat(documents(search(HA_LONG, r -> {
      r.setKind(MessageKind.DOCUMENT);
      r.setReceivedFrom(budgetAt);
    }))).containsExactly("DOCUMENT RECEIVED QD-NGAN-SACH");
    assertThat(documents(search(HA_LONG, r -> {
      r.setKind(MessageKind.DOCUMENT);
      r.setReceivedBefore(budgetAt);
    }))).containsExactly("DOCUMENT SENT BC-TIEN-DO", "DOCUMENT RECEIVED KH-BAO-3");
    // an instant without an offset is Vietnam's time, wherever the hub runs
    XMLGregorianCalendar local = DatatypeFactory.newInstance().newXMLGregorianCalendar(
        budgetAt.toGregorianCalendar().toZonedDateTime().withZoneSameInstant(ZoneOffset.ofHours(7))
            .toLocalDateTime().toString());
    assertThat(local.getTimezone()).isEqualTo(DatatypeConstants.FIELD_UNDEFINED);
    assertThat(documents(search(HA_LONG, r -> {
      r.setKind(MessageKind.DOCUMENT);
      r.setReceivedFrom(local);
    }))).containsExactly("DOCUMENT RECEIVED QD-NGAN-SACH");
    assertThat(documents(search(PROVINCE, r -> {
      r.setDirection(Direction.SENT);
      r.setReceivedFrom(budgetAt);
    }))).containsExactly("DOCUMENT SENT CV-4", "DOCUMENT SENT CV-3", "DOCUMENT SENT CV-2", "DOCUMENT SENT CV-1",
        "DOCUMENT SENT CV-0");
  }

  @Test
  void textIsFoundInSubjectOrCodeIgnoringCaseAndTakenLiterally() throws Exception {
    assertThat(documents(search(PROVINCE, r -> r.setText("chống bão")))).containsExactly("DOCUMENT SENT KH-BAO-3");
    assertThat(documents(search(PROVINCE, r -> r.setText("THƯỜNG LỆ 3")))).containsExactly("DOCUMENT SENT CV-3");
    assertThat(search(PROVINCE, r -> r.setText("ubnd-vp")).getHit()).hasSize(7);   // every document's code
    // LIKE's wildcards are letters here: "100%" is found, "10_%" and "%" alone are not patterns
    assertThat(documents(search(PROVINCE, r -> r.setText("100%")))).containsExactly("DOCUMENT RECEIVED BC-TIEN-DO");
    assertThat(search(PROVINCE, r -> r.setText("10_%")).getHit()).isEmpty();
    assertThat(search(PROVINCE, r -> r.setText("%%")).getHit()).isEmpty();
  }

  @Test
  void textIsFoundHoweverItWasTypedAndWithoutDiacritics() throws Exception {
    String home = DemoSet.HOME_AFFAIRS;
    send(hub.client(home), document(home, "QD-DE-DIEU", "QUYẾT ĐỊNH về việc tu bổ đê điều năm 2027", MONG_CAI));
    // typed with combining marks (NFD), as some keyboards and macOS send it
    send(hub.client(home), document(home, "TT-KINH-PHI",
        Normalizer.normalize("Tờ trình xin  kinh phí\u00a0phòng chống bão", Normalizer.Form.NFD), MONG_CAI));
    send(hub.client(home), document(home, "BC-THANG", "Báo cáo tháng 11", MONG_CAI));

    // capitals with diacritics are lower-cased whatever the database's collation
    assertThat(found(home, "quyết định")).containsExactly("QD-DE-DIEU");
    // no diacritic in the query: diacritics are ignored, and đ is d
    assertThat(found(home, "quyet dinh")).containsExactly("QD-DE-DIEU");
    assertThat(found(home, "DE DIEU")).containsExactly("QD-DE-DIEU");
    assertThat(found(home, "bao")).containsExactly("BC-THANG", "TT-KINH-PHI");
    // a query with diacritics matches them exactly
    assertThat(found(home, "bão")).containsExactly("TT-KINH-PHI");
    assertThat(found(home, "báo")).containsExactly("BC-THANG");
    // composed and decomposed letters are the same letters; white space is one space
    assertThat(found(home, "tờ trình xin kinh phí phòng")).containsExactly("TT-KINH-PHI");
    assertThat(found(home, Normalizer.normalize("Báo cáo   tháng", Normalizer.Form.NFD))).containsExactly("BC-THANG");
    // the recipient finds them alike
    assertThat(found(MONG_CAI, "tu bo de dieu")).containsExactly("QD-DE-DIEU");
  }

  List<String> found(String caller, String text) throws ExchangeFault {
    return search(caller, r -> r.setText(text)).getHit().stream().map(MessageHit::getDocumentId).toList();
  }

  @Test
  void pagesFollowOneAnotherWithoutGapsOrRepeats() throws Exception {
    List<String> all = documents(search(PROVINCE, r -> {}));
    List<String> paged = new ArrayList<>();
    Long before = null;
    int pages = 0;
    do {
      Long from = before;
      SearchMessagesResponse page = search(PROVINCE, r -> {
        r.setMax(3);
        r.setBefore(from);
      });
      assertThat(page.getHit()).hasSizeLessThanOrEqualTo(3);
      paged.addAll(documents(page));
      before = page.isMore() ? page.getNextBefore() : null;
      pages++;
    } while (before != null);
    assertThat(paged).isEqualTo(all);
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void anAuditorSearchesAnotherUnitsMessagesAndTheSearchIsChained() throws Exception {
    long before = lastAuditSeq();
    assertThat(documents(search(PROVINCE, r -> r.setText("bão")))).hasSize(1);
    assertThat(lastAuditSeq()).as("a unit's search of its own messages is not chained").isEqualTo(before);
    SearchMessagesResponse audited = search(AUDITOR, r -> {
      r.setUnit(PROVINCE);
      r.setDirection(Direction.SENT);
      r.setText("bão");
    });
    assertThat(documents(audited)).containsExactly("DOCUMENT SENT KH-BAO-3");
    assertThat(lastAuditEntry()).isEqualTo("SEARCH " + AUDITOR + " " + PROVINCE + " direction=SENT text=bão");
    assertFault(FaultCode.NOT_AUTHORIZED, () -> search(HA_LONG, r -> r.setUnit(PROVINCE)));
  }

  @Test
  void eachInvalidFieldIsNamed() {
    assertThat(assertFault(FaultCode.INVALID_REQUEST, () -> search(PROVINCE, r -> r.setMax(0))).getField())
        .isEqualTo("Max");
    assertThat(assertFault(FaultCode.INVALID_REQUEST, () -> search(PROVINCE, r -> r.setMax(201))).getField())
        .isEqualTo("Max");
    assertThat(assertFault(FaultCode.INVALID_REQUEST, () -> search(PROVINCE, r -> r.setText(" a "))).getField())
        .isEqualTo("Text");
    assertThat(assertFault(FaultCode.INVALID_REQUEST, () -> search(PROVINCE, r -> r.setText("x".repeat(201))))
        .getField()).isEqualTo("Text");
    assertThat(assertFault(FaultCode.INVALID_REQUEST, () -> search(PROVINCE, r -> r.setCounterpart("Sở Tài chính")))
        .getField()).isEqualTo("Counterpart");
    assertThat(assertFault(FaultCode.INVALID_REQUEST, () -> search(PROVINCE, r -> r.setUnit("không-phải-mã")))
        .getField()).isEqualTo("Unit");
    assertThat(assertFault(FaultCode.INVALID_REQUEST, () -> search(PROVINCE, r -> {
      r.setReceivedFrom(budgetAt);
      r.setReceivedBefore(budgetAt);
    })).getField()).isEqualTo("ReceivedBefore");
  }

  long lastAuditSeq() {
    return hub.hub().database().autoCommit(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT last_seq FROM audit_head");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  String lastAuditEntry() {
    return hub.hub().database().autoCommit(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT action, actor, detail FROM audit_event "
          + "WHERE seq = (SELECT last_seq FROM audit_head)"); ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3);
      }
    });
  }
}
