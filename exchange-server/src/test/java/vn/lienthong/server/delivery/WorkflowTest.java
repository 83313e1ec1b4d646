package vn.lienthong.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static vn.lienthong.server.support.Calls.*;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.core.edxml.Business;
import vn.lienthong.core.edxml.StaffInfo;
import vn.lienthong.core.edxml.StatusCode;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.units.SampleUnits;
import vn.lienthong.server.api.ws.*;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubFixture;

/** Routing (units, subtrees, groups, fan-out) and the business workflows (revoke, update, replace). */
abstract class WorkflowTest extends FreshHubTest {

  static final String PROVINCE = DemoSet.PROVINCE;
  static final String HA_LONG = DemoSet.HA_LONG;
  static final String MONG_CAI = DemoSet.MONG_CAI;
  static final String FINANCE = DemoSet.FINANCE;
  static final String HOME_AFFAIRS = DemoSet.HOME_AFFAIRS;

  byte[] document(String from, String id, List<String> to, Business business) throws Exception {
    Attachment a = Envelopes.pdf(dir.resolve("files"), "vanban.pdf", 20_000, id.hashCode(), from);
    return Envelopes.signed(Envelopes.document(from, id, to, List.of(a), business), List.of(a));
  }

  byte[] document(String from, String id, List<String> to) throws Exception {
    return document(from, id, to, new Business.NewDocument("", "", false, StaffInfo.NONE));
  }

  @Test
  void aDocumentFannedOutToTheWholeProvinceIsStoredOnce() throws Exception {
    int expected = SampleUnits.load().size() - 1;
    long t0 = System.nanoTime();
    Receipt r = send(hub.client(PROVINCE), document(PROVINCE, "ALL-1", List.of(HA_LONG)), PROVINCE + "/**");
    long millis = (System.nanoTime() - t0) / 1_000_000;
    System.out.println("fan-out to " + r.getRecipients() + " units accepted in " + millis + " ms");
    assertThat(r.getRecipients()).isEqualTo(expected);
    assertThat(count(hub.hub().database(), "message")).isEqualTo(1);
    assertThat(count(hub.hub().database(), "delivery")).isEqualTo(expected);
    assertThat(payloadFiles(dir.resolve("hub"))).isEqualTo(1);
    assertThat(pending(hub.client(MONG_CAI))).extracting(MessageInfo::getDocumentId).containsExactly("ALL-1");
    assertThat(pending(hub.client(PROVINCE))).isEmpty();
  }

  @Test
  void eachAddressIsResolvedOnceAndARequestCarriesAtMostAThousand() throws Exception {
    String all = PROVINCE + "/**";
    // a thousand copies of the province's subtree: one walk (each copy was walked, ~70 ms apiece)
    Receipt r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> send(hub.client(HA_LONG),
        document(HA_LONG, "MANY-1", List.of(PROVINCE)), java.util.Collections.nCopies(1_000, all).toArray(String[]::new)));
    assertThat(r.getRecipients()).isEqualTo(SampleUnits.load().size() - 1);
    long messages = count(hub.hub().database(), "message");
    assertThat(assertFault(FaultCode.INVALID_REQUEST, () -> send(hub.client(HA_LONG), document(HA_LONG, "MANY-2",
        List.of(PROVINCE)), java.util.Collections.nCopies(1_001, HOME_AFFAIRS).toArray(String[]::new))).getField())
        .isEqualTo("Address");
    assertThat(count(hub.hub().database(), "message")).isEqualTo(messages);
  }

  @Test
  void childrenAddressesReachTheUnitsDirectlyUnderADistrict() throws Exception {
    long children = SampleUnits.load().stream().filter(u -> u.parentId().equals(HA_LONG)).count();
    hub.hub().registry().deactivate(OrganId.of("000.14.31.H49"));
    Receipt r = send(hub.client(PROVINCE), document(PROVINCE, "HL-1", List.of(HA_LONG)), HA_LONG + "/*");
    assertThat(r.getRecipients()).isEqualTo((int) children - 1 + 1);
    assertThat(pending(hub.client(HA_LONG))).hasSize(1);
  }

  @Test
  void groupsAreDefinedByAdministratorsAndRouteToTheirMembers() throws Exception {
    DefineGroupRequest define = new DefineGroupRequest();
    define.setName("so-ban-nganh");
    define.getAddress().addAll(List.of(FINANCE, HOME_AFFAIRS));
    assertThat(hub.client(HubFixture.ADMIN).defineGroup(define).getMembers()).isEqualTo(2);
    assertFault(FaultCode.NOT_AUTHORIZED, () -> hub.client(HA_LONG).defineGroup(define));
    define.getAddress().add("group:other");
    assertFault(FaultCode.INVALID_ADDRESS, () -> hub.client(HubFixture.ADMIN).defineGroup(define));

    Receipt r = send(hub.client(HA_LONG), document(HA_LONG, "G-1", List.of(PROVINCE)), "group:so-ban-nganh");
    assertThat(r.getRecipients()).isEqualTo(3);
    assertThat(pending(hub.client(FINANCE))).extracting(MessageInfo::getDocumentId).containsExactly("G-1");
    assertThat(pending(hub.client(HOME_AFFAIRS))).extracting(MessageInfo::getDocumentId).containsExactly("G-1");
  }

  @Test
  void aGroupSkipsMembersDeactivatedSinceAndNeverIncludesTheSender() throws Exception {
    DefineGroupRequest define = new DefineGroupRequest();
    define.setName("ubnd-cap-huyen");
    define.getAddress().addAll(List.of(HA_LONG, MONG_CAI, FINANCE, HOME_AFFAIRS));
    hub.client(HubFixture.ADMIN).defineGroup(define);
    hub.hub().registry().deactivate(OrganId.of(HOME_AFFAIRS));
    Receipt r = send(hub.client(HA_LONG), document(HA_LONG, "G-2", List.of(PROVINCE)), "group:ubnd-cap-huyen");
    assertThat(r.getRecipients()).isEqualTo(3);   // the province, Móng Cái, Finance
    assertThat(pending(hub.client(HA_LONG))).isEmpty();
    assertThat(pending(hub.client(MONG_CAI))).extracting(MessageInfo::getDocumentId).containsExactly("G-2");
    // a unit named one by one is still refused when deactivated
    assertFault(FaultCode.INACTIVE_RECIPIENT,
        () -> send(hub.client(HA_LONG), document(HA_LONG, "G-3", List.of(PROVINCE)), HOME_AFFAIRS));
    // and a group cannot name what the registry does not hold
    define.getAddress().add("000.00.98.H49");
    assertThat(assertFault(FaultCode.UNKNOWN_UNIT, () -> hub.client(HubFixture.ADMIN).defineGroup(define))
        .getMessage()).contains("000.00.98.H49");
    define.getAddress().set(4, "000.00.98.H49/**");
    assertFault(FaultCode.UNKNOWN_UNIT, () -> hub.client(HubFixture.ADMIN).defineGroup(define));
  }

  @Test
  void aRevokedDocumentIsMarkedInEveryRecipientsInboxAndRecipientsAnswer15() throws Exception {
    send(hub.client(PROVINCE), document(PROVINCE, "R-1", List.of(HA_LONG, MONG_CAI)));
    confirm(hub.client(HA_LONG), pending(hub.client(HA_LONG)).get(0));
    Receipt revoke = send(hub.client(PROVINCE), document(PROVINCE, "R-1", List.of(HA_LONG, MONG_CAI),
        new Business.Revocation("", "Ban hành nhầm", false, StaffInfo.NONE)));
    assertThat(revoke.getRecipients()).isEqualTo(2);

    List<MessageInfo> haLong = pending(hub.client(HA_LONG));
    assertThat(haLong).singleElement().satisfies(m -> {
      assertThat(m.getBusinessType()).isEqualTo(1);
      assertThat(m.getRelatedDocumentId()).containsExactly("R-1");
    });
    List<MessageInfo> mongCai = pending(hub.client(MONG_CAI));
    assertThat(mongCai).extracting(MessageInfo::getBusinessType).containsExactly(0, 1);
    assertThat(mongCai.get(0).isRevoked()).isTrue();

    status(hub.client(HA_LONG), Envelopes.signed(Envelopes.status(HA_LONG, PROVINCE, "R-1", StatusCode.CHANGE_ACCEPTED), List.of()));
    assertThat(pending(hub.client(PROVINCE))).extracting(MessageInfo::getStatusCode).containsExactly("01", "15");
    RecipientTrace trace = traces(hub.client(PROVINCE), "R-1").getRecipient().get(0);
    assertThat(trace.getLatest().getStatusCode()).isEqualTo("15");
  }

  @Test
  void aRevocationRequest13GoesToEveryRecipientAndTheyAnswer16() throws Exception {
    send(hub.client(PROVINCE), document(PROVINCE, "R-2", List.of(HA_LONG, MONG_CAI)));
    Receipt r13 = status(hub.client(PROVINCE),
        Envelopes.signed(Envelopes.status(PROVINCE, PROVINCE, "R-2", StatusCode.REVOCATION_REQUESTED), List.of()));
    assertThat(r13.getRecipients()).isEqualTo(2);
    assertThat(pending(hub.client(MONG_CAI))).extracting(MessageInfo::getStatusCode).containsExactly(null, "13");
    status(hub.client(MONG_CAI), Envelopes.signed(Envelopes.status(MONG_CAI, PROVINCE, "R-2", StatusCode.CHANGE_REFUSED), List.of()));
    var traces = traces(hub.client(PROVINCE), "R-2").getRecipient();
    assertThat(traces.get(0).getHistory()).extracting(TraceEvent::getStatusCode).containsExactly("13");
    assertThat(traces.get(1).getHistory()).extracting(TraceEvent::getStatusCode).containsExactly("13", "16");
  }

  @Test
  void anUpdateAddsAndRemovesRecipients() throws Exception {
    send(hub.client(PROVINCE), document(PROVINCE, "U-1", List.of(HA_LONG, MONG_CAI)));
    Business update = new Business.Update("U-1", "Bổ sung nơi nhận", false, new Business.UpdateDetails(false, true,
        List.of(new Business.ReceiverChange(OrganId.of(MONG_CAI), false),
            new Business.ReceiverChange(OrganId.of(FINANCE), true))), StaffInfo.NONE);
    Receipt r = send(hub.client(PROVINCE), document(PROVINCE, "U-2", List.of(HA_LONG), update));
    assertThat(r.getRecipients()).isEqualTo(2);

    assertThat(pending(hub.client(FINANCE))).extracting(MessageInfo::getDocumentId).containsExactly("U-1", "U-2");
    assertThat(pending(hub.client(MONG_CAI))).isEmpty();
    assertThat(pending(hub.client(HA_LONG))).extracting(MessageInfo::getDocumentId).containsExactly("U-1", "U-2");
    var traces = traces(hub.client(PROVINCE), "U-1").getRecipient();
    assertThat(traces).extracting(RecipientTrace::getOrganId).containsExactly(HA_LONG, MONG_CAI, FINANCE);
    assertThat(traces.get(1).getDelivery()).isEqualTo("WITHDRAWN");
  }

  @Test
  void aReplacementLinksTheDocuments() throws Exception {
    send(hub.client(PROVINCE), document(PROVINCE, "P-1", List.of(HA_LONG, MONG_CAI)));
    Business replace = new Business.Replacement("", "Thay thế", false, List.of(new Business.ReplacementInfo("P-1",
        List.of(OrganId.of(HA_LONG)))), StaffInfo.NONE);
    send(hub.client(PROVINCE), document(PROVINCE, "P-2", List.of(HA_LONG), replace));
    List<MessageInfo> haLong = pending(hub.client(HA_LONG));
    assertThat(haLong).extracting(MessageInfo::getDocumentId).containsExactly("P-1", "P-2");
    assertThat(haLong.get(0).getReplacedBy()).isEqualTo("P-2");
    assertThat(haLong.get(1).getRelatedDocumentId()).containsExactly("P-1");
    assertThat(pending(hub.client(MONG_CAI)).get(0).getReplacedBy()).isNull();
  }

  static Business update(String target, Business.ReceiverChange... changes) {
    return new Business.Update(target, "Cập nhật nơi nhận", false, new Business.UpdateDetails(false, true,
        List.of(changes)), StaffInfo.NONE);
  }

  static Business.ReceiverChange added(String unit) {
    return new Business.ReceiverChange(OrganId.of(unit), true);
  }

  static Business.ReceiverChange removed(String unit) {
    return new Business.ReceiverChange(OrganId.of(unit), false);
  }

  static Business replacement(Business.ReplacementInfo... replaced) {
    return new Business.Replacement("", "Thay thế", false, List.of(replaced), StaffInfo.NONE);
  }

  static Business.ReplacementInfo replacing(String documentId, String... units) {
    return new Business.ReplacementInfo(documentId, java.util.Arrays.stream(units).map(OrganId::of).toList());
  }

  RecipientTrace trace(String documentId, String recipient) throws Exception {
    return traces(hub.client(PROVINCE), documentId).getRecipient().stream()
        .filter(t -> t.getOrganId().equals(recipient)).findFirst().orElseThrow();
  }

  long copyOf(String documentId, String recipient) {
    return hub.hub().database().autoCommit(c -> {
      try (var ps = c.prepareStatement("SELECT d.id FROM delivery d JOIN message m ON m.id = d.message_id "
          + "WHERE m.document_id = ? AND m.business_type = 0 AND d.recipient = ?")) {
        ps.setString(1, documentId);
        ps.setString(2, recipient);
        try (var rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  @Test
  void anUpdateAddingBackAWithdrawnRecipientDeliversTheDocumentAgain() throws Exception {
    send(hub.client(PROVINCE), document(PROVINCE, "RA-1", List.of(HA_LONG, MONG_CAI)));
    send(hub.client(PROVINCE), document(PROVINCE, "RA-2", List.of(HA_LONG), update("RA-1", removed(MONG_CAI))));
    assertThat(pending(hub.client(MONG_CAI))).isEmpty();
    Receipt r = send(hub.client(PROVINCE), document(PROVINCE, "RA-3", List.of(HA_LONG), update("RA-1", added(MONG_CAI))));
    assertThat(r.getRecipients()).isEqualTo(2);
    assertThat(pending(hub.client(MONG_CAI))).extracting(MessageInfo::getDocumentId).containsExactly("RA-1", "RA-3");
    assertThat(trace("RA-1", MONG_CAI).getDelivery()).isEqualTo("LEASED");
  }

  @Test
  void aRevokedDocumentCannotBeUpdatedReplacedOrRevokedAgainNorARevocationActedOn() throws Exception {
    send(hub.client(PROVINCE), document(PROVINCE, "RV-1", List.of(HA_LONG)));
    send(hub.client(PROVINCE), document(PROVINCE, "RV-X", List.of(HA_LONG),
        new Business.Revocation("RV-1", "Ban hành nhầm", false, StaffInfo.NONE)));
    long messages = count(hub.hub().database(), "message");
    var updated = assertFault(FaultCode.INVALID_REQUEST, () -> send(hub.client(PROVINCE),
        document(PROVINCE, "RV-2", List.of(HA_LONG), update("RV-1", added(FINANCE)))));
    assertThat(updated.getMessage()).contains("RV-1 was revoked");
    assertFault(FaultCode.INVALID_REQUEST, () -> send(hub.client(PROVINCE),
        document(PROVINCE, "RV-3", List.of(HA_LONG), replacement(replacing("RV-1", HA_LONG)))));
    assertFault(FaultCode.INVALID_REQUEST, () -> send(hub.client(PROVINCE), document(PROVINCE, "RV-4",
        List.of(HA_LONG), new Business.Revocation("RV-1", "Lần nữa", false, StaffInfo.NONE))));
    var ofRevocation = assertFault(FaultCode.INVALID_REQUEST, () -> send(hub.client(PROVINCE),
        document(PROVINCE, "RV-5", List.of(HA_LONG), new Business.Revocation("RV-X", "", false, StaffInfo.NONE))));
    assertThat(ofRevocation.getMessage()).contains("RV-X is a revocation");
    assertThat(count(hub.hub().database(), "message")).isEqualTo(messages);
    assertThat(pending(hub.client(FINANCE))).isEmpty();
  }

  @Test
  void aReplacementGoesToTheUnitsItNamesAndNamesEveryDocumentItReplacesOnce() throws Exception {
    send(hub.client(PROVINCE), document(PROVINCE, "PM-1", List.of(HA_LONG, MONG_CAI)));
    send(hub.client(PROVINCE), document(PROVINCE, "PM-2", List.of(HA_LONG)));
    // PM-1 named twice (once per unit), PM-2 once; To names Hạ Long only
    send(hub.client(PROVINCE), document(PROVINCE, "PM-3", List.of(HA_LONG),
        replacement(replacing("PM-1", HA_LONG), replacing("PM-1", MONG_CAI), replacing("PM-2", HA_LONG))));
    List<MessageInfo> mongCai = pending(hub.client(MONG_CAI));
    assertThat(mongCai).extracting(MessageInfo::getDocumentId).containsExactly("PM-1", "PM-3");
    assertThat(mongCai.get(0).getReplacedBy()).isEqualTo("PM-3");
    List<MessageInfo> haLong = pending(hub.client(HA_LONG));
    assertThat(haLong).extracting(MessageInfo::getDocumentId).containsExactly("PM-1", "PM-2", "PM-3");
    assertThat(haLong).extracting(MessageInfo::getReplacedBy).containsExactly("PM-3", "PM-3", null);
    assertThat(haLong.get(2).getRelatedDocumentId()).containsExactly("PM-1", "PM-2");
  }

  @Test
  void statusesComeOnlyFromUnitsThatHoldTheDocumentAnd01OnlyFromTheHub() throws Exception {
    send(hub.client(PROVINCE), document(PROVINCE, "W-1", List.of(HA_LONG, MONG_CAI, FINANCE)));
    var arrived = assertFault(FaultCode.INVALID_REQUEST, () -> status(hub.client(HA_LONG),
        Envelopes.signed(Envelopes.status(HA_LONG, PROVINCE, "W-1", StatusCode.ARRIVED), List.of())));
    assertThat(arrived.getMessage()).contains("ConfirmReceived");
    long mongCaiCopy = copyOf("W-1", MONG_CAI);
    assertThat(pending(hub.client(FINANCE))).hasSize(1);   // handed out, then withdrawn
    send(hub.client(PROVINCE), document(PROVINCE, "W-2", List.of(HA_LONG),
        update("W-1", removed(MONG_CAI), removed(FINANCE))));
    // Móng Cái never had its copy: the document is not its to report on or fetch
    assertFault(FaultCode.UNKNOWN_DOCUMENT, () -> status(hub.client(MONG_CAI),
        Envelopes.signed(Envelopes.status(MONG_CAI, PROVINCE, "W-1", StatusCode.ACCEPTED), List.of())));
    assertFault(FaultCode.UNKNOWN_MESSAGE, () -> fetch(hub.client(MONG_CAI), mongCaiCopy));
    assertThat(hub.client(MONG_CAI).searchMessages(new SearchMessagesRequest()).getHit())
        .as("Móng Cái's own search").extracting(MessageHit::getDocumentId).doesNotContain("W-1");
    // Finance was handed its copy before the update: it may still refuse the change
    status(hub.client(FINANCE), Envelopes.signed(Envelopes.status(FINANCE, PROVINCE, "W-1", StatusCode.CHANGE_REFUSED),
        List.of()));
    assertThat(trace("W-1", FINANCE).getLatest().getStatusCode()).isEqualTo("16");
    assertThat(trace("W-1", MONG_CAI).getHistory()).isEmpty();
  }

  @Test
  void onlyTheSenderMayRevokeItsDocument() throws Exception {
    send(hub.client(PROVINCE), document(PROVINCE, "R-3", List.of(HA_LONG)));
    byte[] foreign = document(HA_LONG, "R-3", List.of(PROVINCE), new Business.Revocation("", "", false, StaffInfo.NONE));
    assertFault(FaultCode.UNKNOWN_DOCUMENT, () -> send(hub.client(HA_LONG), foreign));
  }
}
