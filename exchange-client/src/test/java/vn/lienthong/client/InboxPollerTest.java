package vn.lienthong.client;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.sample.pki.DemoSet.MONG_CAI;
import static vn.lienthong.sample.pki.DemoSet.PROVINCE;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The poller confirms a message only when its handler succeeded. */
class InboxPollerTest {

  @TempDir
  Path dir;

  @Test
  void aMessageWhoseHandlerFailsStaysUnconfirmed() throws Exception {
    try (TestHub hub = TestHub.start(dir); ExchangeClient province = hub.client(PROVINCE);
        ExchangeClient mongCai = hub.client(MONG_CAI)) {
      for (String id : List.of("POLL-OK", "POLL-FAILS")) {
        province.send(DocumentBuilder.from(PROVINCE, "UBND tỉnh", Clock.systemUTC()).to(MONG_CAI, "UBND Móng Cái")
            .documentId(id).subject("V/v " + id).write(TestHub.signer(PROVINCE), dir.resolve(id + ".edxml")));
      }
      List<String> handled = new ArrayList<>();
      List<Exception> failures = new ArrayList<>();
      InboxPoller poller = InboxPoller.manual(mongCai, dir.resolve("inbox"), message -> {
        if (message.info().documentId().equals("POLL-FAILS")) {
          throw new IllegalStateException("the document system is down");
        }
        handled.add(message.info().documentId());
      }, failures::add);

      assertThat(poller.pollOnce()).isEqualTo(1);
      assertThat(handled).containsExactly("POLL-OK");
      assertThat(failures).singleElement().satisfies(e -> assertThat(e).hasMessage("the document system is down"));
      assertThat(province.traces("POLL-OK").of(MONG_CAI).orElseThrow().delivery()).isEqualTo("CONFIRMED");
      assertThat(province.traces("POLL-FAILS").of(MONG_CAI).orElseThrow().delivery()).isEqualTo("LEASED");
      assertThat(poller.pollOnce()).isZero();   // still leased: not handed out twice meanwhile
    }
  }

  @Test
  void aConfirmationRefusedForOneMessageIsReportedAndTheRoundGoesOn() throws Exception {
    try (TestHub hub = TestHub.start(dir, Duration.ofSeconds(1)); ExchangeClient province = hub.client(PROVINCE);
        ExchangeClient mongCai = hub.client(MONG_CAI); ExchangeClient secondPoller = hub.client(MONG_CAI)) {
      for (String id : List.of("POLL-SLOW", "POLL-NEXT")) {
        province.send(DocumentBuilder.from(PROVINCE, "UBND tỉnh", Clock.systemUTC()).to(MONG_CAI, "UBND Móng Cái")
            .documentId(id).subject("V/v " + id).write(TestHub.signer(PROVINCE), dir.resolve(id + ".edxml")));
      }
      List<String> handled = new ArrayList<>();
      List<Exception> failures = new ArrayList<>();
      InboxPoller poller = InboxPoller.manual(mongCai, dir.resolve("inbox"), message -> {
        handled.add(message.info().documentId());
        if (message.info().documentId().equals("POLL-SLOW")) {
          Thread.sleep(1_500);          // the handler outlasts the lease
          secondPoller.pending(1);      // and another poller of the unit takes the message
        }
      }, failures::add);

      assertThat(poller.pollOnce()).isEqualTo(1);
      assertThat(handled).containsExactly("POLL-SLOW", "POLL-NEXT");
      assertThat(failures).singleElement()
          .satisfies(e -> assertThat(((ExchangeException) e).code()).isEqualTo(FaultCode.LEASE_LOST));
      assertThat(province.traces("POLL-NEXT").of(MONG_CAI).orElseThrow().delivery()).isEqualTo("CONFIRMED");
    }
  }
}
