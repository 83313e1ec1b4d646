package vn.lienthong.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.server.support.Calls.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.core.edxml.StatusCode;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.server.api.ws.*;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubFixture;
import vn.lienthong.server.support.MutableClock;
import vn.lienthong.server.support.TestPki;

/**
 * The document operations over real HTTPS on loopback with the units' system certificates, on a
 * real database (H2 and PostgreSQL subclasses).
 */
abstract class ExchangeContractTest {

  static final String PROVINCE = DemoSet.PROVINCE;
  static final String HA_LONG = DemoSet.HA_LONG;
  static final String MONG_CAI = DemoSet.MONG_CAI;
  static final String FINANCE = DemoSet.FINANCE;

  @TempDir Path dir;
  final MutableClock clock = new MutableClock(Instant.now());
  HubFixture hub;

  abstract HubFixture start(Path dataDir, MutableClock clock, Duration lease);

  @BeforeEach
  void startHub() {
    hub = start(dir.resolve("hub"), clock, Duration.ofMinutes(5));
  }

  @AfterEach
  void stopHub() {
    if (hub != null) {
      hub.close();
    }
  }

  Attachment pdf(String name, long seed, String from) throws Exception {
    return Envelopes.pdf(dir.resolve("files"), name, 100_000, seed, from);
  }

  byte[] document(String from, String id, List<String> to) throws Exception {
    Attachment a = pdf("vanban.pdf", id.hashCode(), from);
    return Envelopes.signed(Envelopes.document(from, id, to, List.of(a)), List.of(a));
  }

  @Test
  void aDocumentReachesItsRecipientUnchangedWithTheHubsTraceHeader() throws Exception {
    byte[] env = document(PROVINCE, "DOC-1", List.of(HA_LONG));
    Receipt receipt = send(hub.client(PROVINCE), env);
    assertThat(receipt.getRecipients()).isEqualTo(1);
    assertThat(receipt.isDuplicate()).isFalse();
    assertThat(receipt.getKind()).isEqualTo(MessageKind.DOCUMENT);

    List<MessageInfo> inbox = pending(hub.client(HA_LONG));
    assertThat(inbox).singleElement().satisfies(m -> {
      assertThat(m.getDocumentId()).isEqualTo("DOC-1");
      assertThat(m.getFrom()).isEqualTo(PROVINCE);
      assertThat(m.getLeaseToken()).isNotBlank();
    });
    GetMessageRequest get = new GetMessageRequest();
    get.setMessageRef(inbox.get(0).getMessageRef());
    GetMessageResponse message = hub.client(HA_LONG).getMessage(get);
    try (var in = message.getEnvelope().getInputStream()) {
      assertThat(in.readAllBytes()).isEqualTo(env);
    }
    assertThat(message.getTraceHeader()).extracting(TraceHeader::getOrganId).containsExactly(PROVINCE, "hub.H49");
    assertThat(pending(hub.client(PROVINCE))).isEmpty();
  }

  @Test
  void theSameDocumentSentAgainAnswersTheOriginalReceiptAndStoresNothingMore() throws Exception {
    byte[] env = document(PROVINCE, "DOC-2", List.of(HA_LONG));
    Receipt first = send(hub.client(PROVINCE), env);
    Receipt again = send(hub.client(PROVINCE), env);
    Attachment a = pdf("vanban.pdf", "DOC-2".hashCode(), PROVINCE);
    byte[] resigned = Envelopes.signed(Envelopes.document(PROVINCE, "DOC-2", List.of(HA_LONG), List.of(a)), List.of(a));
    Receipt resent = send(hub.client(PROVINCE), resigned);

    assertThat(again.getReceiptId()).isEqualTo(first.getReceiptId());
    assertThat(again.isDuplicate()).isTrue();
    assertThat(resent.getMessageId()).isEqualTo(first.getMessageId());
    assertThat(count(hub.hub().database(), "message")).isEqualTo(1);
    assertThat(pending(hub.client(HA_LONG))).hasSize(1);
  }

  @Test
  void theSameDocumentIdWithOtherContentIsATypedFaultAndNothingIsStored() throws Exception {
    send(hub.client(PROVINCE), document(PROVINCE, "DOC-3", List.of(HA_LONG)));
    byte[] other = document(PROVINCE, "DOC-3", List.of(HA_LONG, MONG_CAI));
    assertFault(FaultCode.DUPLICATE_CONFLICT, () -> send(hub.client(PROVINCE), other));
    assertThat(count(hub.hub().database(), "message")).isEqualTo(1);
    assertThat(pending(hub.client(MONG_CAI))).isEmpty();
  }

  @Test
  void confirmingADocumentSendsStatus01ToTheSenderOnce() throws Exception {
    send(hub.client(PROVINCE), document(PROVINCE, "DOC-4", List.of(HA_LONG, MONG_CAI)));
    MessageInfo m = pending(hub.client(HA_LONG)).get(0);
    ConfirmReceivedResponse first = confirm(hub.client(HA_LONG), m);
    clock.advance(Duration.ofMinutes(2));
    ConfirmReceivedResponse second = confirm(hub.client(HA_LONG), m);
    assertThat(first.isAlreadyConfirmed()).isFalse();
    assertThat(second.isAlreadyConfirmed()).isTrue();
    assertThat(second.getConfirmedAt()).as("when it was confirmed, not when it was asked again")
        .isEqualTo(first.getConfirmedAt());

    List<MessageInfo> senderInbox = pending(hub.client(PROVINCE));
    assertThat(senderInbox).singleElement().satisfies(s -> {
      assertThat(s.getKind()).isEqualTo(MessageKind.STATUS);
      assertThat(s.getStatusCode()).isEqualTo("01");
      assertThat(s.getFrom()).isEqualTo(HA_LONG);
      assertThat(s.getRelatedDocumentId()).containsExactly("DOC-4");
    });
    String status = new String(fetch(hub.client(PROVINCE), senderInbox.get(0).getMessageRef()), StandardCharsets.UTF_8);
    assertThat(status).contains("<edXML:StatusCode>01</edXML:StatusCode>").contains("DOC-4");
    assertThat(pending(hub.client(HA_LONG))).isEmpty();
    GetTracesResponse traces = traces(hub.client(PROVINCE), "DOC-4");
    assertThat(traces.getRecipient()).extracting(RecipientTrace::getOrganId).containsExactly(HA_LONG, MONG_CAI);
    assertThat(traces.getRecipient().get(0).getDelivery()).isEqualTo("CONFIRMED");
    assertThat(traces.getRecipient().get(0).getLatest().getStatusCode()).isEqualTo("01");
    assertThat(traces.getRecipient().get(1).getDelivery()).isEqualTo("LEASED".equals(traces.getRecipient().get(1)
        .getDelivery()) ? "LEASED" : "PENDING");
    assertThat(traces.getRecipient().get(1).getLatest()).isNull();
  }

  @Test
  void statusesFromARecipientReachTheSenderAndItsTraces() throws Exception {
    send(hub.client(PROVINCE), document(PROVINCE, "DOC-5", List.of(HA_LONG)));
    confirm(hub.client(HA_LONG), pending(hub.client(HA_LONG)).get(0));
    for (StatusCode code : List.of(StatusCode.ACCEPTED, StatusCode.ASSIGNED, StatusCode.PROCESSING, StatusCode.FINISHED)) {
      Receipt r = status(hub.client(HA_LONG), Envelopes.signed(Envelopes.status(HA_LONG, PROVINCE, "DOC-5", code), List.of()));
      assertThat(r.getKind()).isEqualTo(MessageKind.STATUS);
      assertThat(r.getRecipients()).isEqualTo(1);
    }
    assertThat(pending(hub.client(PROVINCE))).extracting(MessageInfo::getStatusCode)
        .containsExactly("01", "03", "04", "05", "06");
    RecipientTrace trace = traces(hub.client(PROVINCE), "DOC-5").getRecipient().get(0);
    assertThat(trace.getLatest().getStatusCode()).isEqualTo("06");
    assertThat(trace.getHistory()).extracting(TraceEvent::getStatusCode).containsExactly("01", "03", "04", "05", "06");
  }

  @Test
  void theSameStatusSentAgainAnswersItsOriginalReceipt() throws Exception {
    send(hub.client(PROVINCE), document(PROVINCE, "DOC-9", List.of(HA_LONG)));
    byte[] accepted = Envelopes.signed(Envelopes.status(HA_LONG, PROVINCE, "DOC-9", StatusCode.ACCEPTED), List.of());
    Receipt first = status(hub.client(HA_LONG), accepted);
    Receipt again = status(hub.client(HA_LONG), accepted);
    assertThat(again.getReceiptId()).isEqualTo(first.getReceiptId());
    assertThat(again.isDuplicate()).isTrue();
    assertThat(pending(hub.client(PROVINCE))).extracting(MessageInfo::getStatusCode).containsExactly("03");
  }

  @Test
  void aStatusAboutADocumentTheUnitNeverReceivedIsRefusedExactlyAsOneAboutNoDocument() throws Exception {
    byte[] outsider = Envelopes.signed(Envelopes.status(MONG_CAI, PROVINCE, "DOC-6", StatusCode.ACCEPTED), List.of());
    ExchangeFaultDetail before = assertFault(FaultCode.UNKNOWN_DOCUMENT, () -> status(hub.client(MONG_CAI), outsider));
    send(hub.client(PROVINCE), document(PROVINCE, "DOC-6", List.of(HA_LONG)));
    ExchangeFaultDetail after = assertFault(FaultCode.UNKNOWN_DOCUMENT, () -> status(hub.client(MONG_CAI), outsider));
    assertThat(List.of(after.getMessage(), after.getField())).isEqualTo(List.of(before.getMessage(), before.getField()));
    byte[] unknown = Envelopes.signed(Envelopes.status(HA_LONG, PROVINCE, "NO-SUCH-DOC", StatusCode.ACCEPTED), List.of());
    assertFault(FaultCode.UNKNOWN_DOCUMENT, () -> status(hub.client(HA_LONG), unknown));
    byte[] senderFinishing = Envelopes.signed(Envelopes.status(PROVINCE, PROVINCE, "DOC-6", StatusCode.FINISHED), List.of());
    assertFault(FaultCode.INVALID_REQUEST, () -> status(hub.client(PROVINCE), senderFinishing));
    assertThat(count(hub.hub().database(), "message")).isEqualTo(1);
    assertThat(count(hub.hub().database(), "trace_event")).isZero();
  }

  /** A document the hub accepted stays fetchable however many trace headers it carried (their text is cut). */
  @Test
  void aDocumentWithManyTraceHeadersIsFetchedWithThoseTheHubKept() throws Exception {
    // 125 hops of 28 characters and 24 of 27: a cut at 4 000 characters fell right after an '@'
    OrganId hop = OrganId.of(HA_LONG);
    List<vn.lienthong.core.edxml.TraceHeader> traces = new java.util.ArrayList<>();
    for (int i = 0; i < 125; i++) {
      traces.add(new vn.lienthong.core.edxml.TraceHeader(hop, java.time.Instant.parse("2026-11-26T01:00:00Z")));
    }
    for (int i = 0; i < 24; i++) {
      traces.add(new vn.lienthong.core.edxml.TraceHeader(hop, java.time.Instant.parse("1999-01-01T00:00:00Z")));
    }
    vn.lienthong.core.edxml.DocumentMessage d = Envelopes.document(HA_LONG, "TRACE-1", List.of(PROVINCE), List.of());
    send(hub.client(HA_LONG), Envelopes.signed(new vn.lienthong.core.edxml.DocumentMessage(d.header(), traces,
        d.business(), d.manifest()), List.of()));
    GetMessageRequest r = new GetMessageRequest();
    r.setMessageRef(pending(hub.client(PROVINCE)).get(0).getMessageRef());
    var hops = hub.client(PROVINCE).getMessage(r).getTraceHeader();
    assertThat(hops).hasSizeBetween(140, 150);   // the whole entries kept, then the hub's own
    assertThat(hops.get(hops.size() - 1).getOrganId()).isNotEqualTo(HA_LONG);
  }

  @Test
  void aLeasedMessageGoesToNoSecondPollerUntilTheLeaseExpires() throws Exception {
    send(hub.client(PROVINCE), document(PROVINCE, "DOC-7", List.of(HA_LONG)));
    var otherPoller = vn.lienthong.server.support.HubClient.of(hub.hub().address(), HA_LONG);
    MessageInfo first = pending(hub.client(HA_LONG)).get(0);
    assertThat(pending(otherPoller)).isEmpty();
    assertThat(traces(hub.client(PROVINCE), "DOC-7").getRecipient().get(0).getDelivery()).isEqualTo("LEASED");
    clock.advance(Duration.ofMinutes(6));
    // the sender sees a lease that ran out as pending: the next poll hands it out again
    assertThat(traces(hub.client(PROVINCE), "DOC-7").getRecipient().get(0).getDelivery()).isEqualTo("PENDING");
    MessageInfo again = pending(otherPoller).get(0);
    assertThat(again.getMessageRef()).isEqualTo(first.getMessageRef());
    assertThat(again.getLeaseToken()).isNotEqualTo(first.getLeaseToken());
    assertFault(FaultCode.LEASE_LOST, () -> confirm(hub.client(HA_LONG), first));
    assertThat(confirm(otherPoller, again).isAlreadyConfirmed()).isFalse();
    // confirmed now: the repeat under its lease is "already", the stale lease is still not the first poller's
    assertThat(confirm(otherPoller, again).isAlreadyConfirmed()).isTrue();
    assertFault(FaultCode.LEASE_LOST, () -> confirm(hub.client(HA_LONG), first));
    first.setLeaseToken("not-a-lease-of-this-hub");
    assertFault(FaultCode.LEASE_LOST, () -> confirm(hub.client(HA_LONG), first));
    clock.advance(Duration.ofMinutes(6));
    assertThat(pending(hub.client(HA_LONG))).isEmpty();
  }

  @Test
  void pendingMessagesComeInPagesOldestFirst() throws Exception {
    for (int i = 0; i < 5; i++) {
      send(hub.client(PROVINCE), document(PROVINCE, "PAGE-" + i, List.of(HA_LONG)));
    }
    GetPendingMessagesRequest page = new GetPendingMessagesRequest();
    page.setMax(2);
    GetPendingMessagesResponse p1 = hub.client(HA_LONG).getPendingMessages(page);
    GetPendingMessagesResponse p2 = hub.client(HA_LONG).getPendingMessages(page);
    GetPendingMessagesResponse p3 = hub.client(HA_LONG).getPendingMessages(page);
    assertThat(p1.getMessage()).extracting(MessageInfo::getDocumentId).containsExactly("PAGE-0", "PAGE-1");
    assertThat(p1.isMore()).isTrue();
    assertThat(p2.getMessage()).extracting(MessageInfo::getDocumentId).containsExactly("PAGE-2", "PAGE-3");
    assertThat(p3.getMessage()).extracting(MessageInfo::getDocumentId).containsExactly("PAGE-4");
    assertThat(p3.isMore()).isFalse();
    page.setKind(MessageKind.STATUS);
    assertThat(hub.client(HA_LONG).getPendingMessages(page).getMessage()).isEmpty();
  }

  @Test
  void aMessageOfAnotherUnitCannotBeFetchedOrConfirmed() throws Exception {
    send(hub.client(PROVINCE), document(PROVINCE, "DOC-8", List.of(HA_LONG)));
    MessageInfo m = pending(hub.client(HA_LONG)).get(0);
    assertFault(FaultCode.UNKNOWN_MESSAGE, () -> fetch(hub.client(MONG_CAI), m.getMessageRef()));
    assertFault(FaultCode.UNKNOWN_MESSAGE, () -> confirm(hub.client(MONG_CAI), m));
    assertFault(FaultCode.UNKNOWN_DOCUMENT, () -> traces(hub.client(HA_LONG), "DOC-8"));
  }

  @Test
  void aBatchConfirmsEachEntryOnItsOwnInOrder() throws Exception {
    for (int i = 0; i < 3; i++) {
      send(hub.client(PROVINCE), document(PROVINCE, "BATCH-" + i, List.of(HA_LONG)));
    }
    List<MessageInfo> inbox = pending(hub.client(HA_LONG));
    MessageInfo m0 = inbox.get(0);
    MessageInfo m1 = inbox.get(1);
    MessageInfo m2 = inbox.get(2);
    List<ConfirmResult> results = confirmBatch(hub.client(HA_LONG), List.of(entry(m0.getMessageRef(),
        m0.getLeaseToken()), entry(m1.getMessageRef(), "not-the-lease"), entry(987_654_321L, m1.getLeaseToken()),
        entry(m0.getMessageRef(), m0.getLeaseToken()), entry(m2.getMessageRef(), m2.getLeaseToken())));

    assertThat(results).extracting(ConfirmResult::getMessageRef).containsExactly(m0.getMessageRef(),
        m1.getMessageRef(), 987_654_321L, m0.getMessageRef(), m2.getMessageRef());
    assertThat(results).extracting(r -> r.getExchangeFaultDetail() == null ? null : r.getExchangeFaultDetail().getCode())
        .containsExactly(null, FaultCode.LEASE_LOST, FaultCode.UNKNOWN_MESSAGE, null, null);
    assertThat(results).extracting(ConfirmResult::isAlreadyConfirmed).containsExactly(false, null, null, true, false);
    assertThat(results.get(0).getConfirmedAt()).isNotNull();
    assertThat(results.get(1).getConfirmedAt()).isNull();
    assertThat(results.get(1).getExchangeFaultDetail().getMessage()).isNotBlank();
    assertThat(pending(hub.client(PROVINCE))).extracting(MessageInfo::getRelatedDocumentId)
        .containsExactlyInAnyOrder(List.of("BATCH-0"), List.of("BATCH-2"));
    assertThat(confirm(hub.client(HA_LONG), m1).isAlreadyConfirmed()).as("the refused entry is untouched").isFalse();
  }

  @Test
  void aBatchNamingAnotherUnitsMessageAnswersExactlyAsForNoMessage() throws Exception {
    send(hub.client(PROVINCE), document(PROVINCE, "BATCH-X", List.of(HA_LONG)));
    MessageInfo m = pending(hub.client(HA_LONG)).get(0);
    List<ConfirmResult> results = confirmBatch(hub.client(MONG_CAI), List.of(entry(m.getMessageRef(),
        m.getLeaseToken()), entry(987_654_321L, m.getLeaseToken())));
    ExchangeFaultDetail theirs = results.get(0).getExchangeFaultDetail();
    ExchangeFaultDetail none = results.get(1).getExchangeFaultDetail();
    assertThat(theirs.getCode()).isEqualTo(FaultCode.UNKNOWN_MESSAGE);
    assertThat(List.of(theirs.getCode(), theirs.getMessage().replace(String.valueOf(m.getMessageRef()), "#"),
        theirs.getField())).isEqualTo(List.of(none.getCode(), none.getMessage().replace("987654321", "#"),
        none.getField()));
    assertThat(confirm(hub.client(HA_LONG), m).isAlreadyConfirmed()).isFalse();
  }

  @Test
  void anEmptyOrOversizedBatchIsRefusedWholeAndConfirmsNothing() throws Exception {
    send(hub.client(PROVINCE), document(PROVINCE, "BATCH-Y", List.of(HA_LONG)));
    MessageInfo m = pending(hub.client(HA_LONG)).get(0);
    assertFault(FaultCode.INVALID_REQUEST, () -> confirmBatch(hub.client(HA_LONG), List.of()));
    List<Confirm> tooMany = new java.util.ArrayList<>();
    for (int i = 0; i <= 100; i++) {
      tooMany.add(entry(m.getMessageRef(), m.getLeaseToken()));
    }
    assertFault(FaultCode.INVALID_REQUEST, () -> confirmBatch(hub.client(HA_LONG), tooMany));
    assertThat(confirm(hub.client(HA_LONG), m).isAlreadyConfirmed()).isFalse();
  }
}
