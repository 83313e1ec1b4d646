package vn.lienthong.client;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.sample.pki.DemoSet.HA_LONG;
import static vn.lienthong.sample.pki.DemoSet.MONG_CAI;
import static vn.lienthong.sample.pki.DemoSet.PROVINCE;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ExchangeClient#confirmAll}: many entries per call, each confirmed or refused on its own. */
class ConfirmAllTest {

  @TempDir
  Path dir;

  @Test
  void recipientsAndTheSenderConfirmEverythingInBatchesAndRefusalsStayPerEntry() throws Exception {
    try (TestHub hub = TestHub.start(dir); ExchangeClient province = hub.client(PROVINCE);
        ExchangeClient haLong = hub.client(HA_LONG); ExchangeClient mongCai = hub.client(MONG_CAI)) {
      for (String id : List.of("ALL-1", "ALL-2")) {
        province.send(DocumentBuilder.from(PROVINCE, "UBND tỉnh", Clock.systemUTC()).to(HA_LONG, "UBND Hạ Long")
            .to(MONG_CAI, "UBND Móng Cái").documentId(id).subject("V/v " + id)
            .write(TestHub.signer(PROVINCE), dir.resolve(id + ".edxml")));
      }
      List<InboxMessage> haLongInbox = haLong.pending(10).messages();
      List<InboxMessage> mongCaiInbox = mongCai.pending(10).messages();

      List<InboxMessage> mixed = new ArrayList<>(haLongInbox);
      mixed.add(1, mongCaiInbox.get(0));   // another unit's entry: refused, the others go on
      List<ConfirmOutcome> outcomes = haLong.confirmAll(mixed);
      assertThat(outcomes).extracting(ConfirmOutcome::messageRef)
          .containsExactlyElementsOf(mixed.stream().map(InboxMessage::messageRef).toList());
      assertThat(outcomes.get(1)).isInstanceOfSatisfying(ConfirmOutcome.Refused.class, r -> {
        assertThat(r.code()).isEqualTo(FaultCode.UNKNOWN_MESSAGE);
        assertThat(r.message()).isNotBlank();
      });
      assertThat(List.of(outcomes.get(0), outcomes.get(2))).allSatisfy(o -> assertThat(o)
          .isInstanceOfSatisfying(ConfirmOutcome.Confirmed.class,
              c -> assertThat(c.confirmation().alreadyConfirmed()).isFalse()));
      assertThat(mongCai.confirmAll(mongCaiInbox)).allSatisfy(o -> assertThat(o)
          .isInstanceOf(ConfirmOutcome.Confirmed.class));

      List<InboxMessage> statuses = province.pending(10, MessageKind.STATUS).messages();
      assertThat(statuses).hasSize(4).allSatisfy(s -> assertThat(s.status()).hasValue("01"));
      assertThat(province.confirmAll(statuses)).allSatisfy(o -> assertThat(o)
          .isInstanceOf(ConfirmOutcome.Confirmed.class));
      assertThat(province.pending(10).messages()).isEmpty();
      assertThat(province.traces("ALL-1").recipients()).extracting(Traces.Recipient::delivery)
          .containsOnly("CONFIRMED");
    }
  }

  @Test
  void moreEntriesThanOneCallTakesGoInSeveralCallsInOrder() throws Exception {
    try (TestHub hub = TestHub.start(dir); ExchangeClient province = hub.client(PROVINCE);
        ExchangeClient mongCai = hub.client(MONG_CAI)) {
      province.send(DocumentBuilder.from(PROVINCE, "UBND tỉnh", Clock.systemUTC()).to(MONG_CAI, "UBND Móng Cái")
          .documentId("ALL-MANY").subject("V/v ALL-MANY")
          .write(TestHub.signer(PROVINCE), dir.resolve("many.edxml")));
      InboxMessage m = mongCai.pending(10).messages().get(0);
      List<InboxMessage> repeated = Collections.nCopies(ExchangeClient.CONFIRM_BATCH + 1, m);

      List<ConfirmOutcome> outcomes = mongCai.confirmAll(repeated);
      assertThat(outcomes).hasSize(ExchangeClient.CONFIRM_BATCH + 1);
      assertThat(outcomes).extracting(o -> ((ConfirmOutcome.Confirmed) o).confirmation().alreadyConfirmed())
          .containsOnlyOnce(false).last().isEqualTo(true);
      assertThat(mongCai.confirmAll(List.of())).isEmpty();
    }
  }
}
