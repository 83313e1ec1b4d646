package vn.lienthong.server.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.server.support.Calls.*;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.server.api.ws.FaultCode;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubFixture;

class EvidenceHookTest {

  @TempDir Path dir;

  @Test
  void theHookGetsEveryAcceptedMessagesReceiptOnceAfterCommitAndNothingForRefusals() throws Exception {
    List<Receipt> seen = new CopyOnWriteArrayList<>();
    List<Long> committedWhenCalled = new CopyOnWriteArrayList<>();
    AtomicReference<HubFixture> started = new AtomicReference<>();
    try (HubFixture hub = HubFixture.start(HubFixture.config(dir.resolve("hub"), null, Duration.ofMinutes(5)),
        Clock.systemUTC(), receipt -> {
          // read on another connection: the message is already committed when the hook runs
          committedWhenCalled.add(count(started.get().hub().database(), "message"));
          seen.add(receipt);
        })) {
      started.set(hub);
      Attachment a = Envelopes.pdf(dir.resolve("files"), "vb.pdf", 5_000, 1, DemoSet.PROVINCE);
      byte[] env = Envelopes.signed(Envelopes.document(DemoSet.PROVINCE, "E-1", List.of(DemoSet.HA_LONG), List.of(a)),
          List.of(a));
      var receipt = send(hub.client(DemoSet.PROVINCE), env);
      send(hub.client(DemoSet.PROVINCE), env);
      assertFault(FaultCode.UNKNOWN_RECIPIENT, () -> send(hub.client(DemoSet.PROVINCE), Envelopes.signed(
          Envelopes.document(DemoSet.PROVINCE, "E-2", List.of("999.99.99.H49"), List.of(a)), List.of(a))));
      confirm(hub.client(DemoSet.HA_LONG), pending(hub.client(DemoSet.HA_LONG)).get(0));

      assertThat(seen).extracting(Receipt::kind).containsExactly("DOCUMENT", "STATUS");
      assertThat(seen.get(0).receiptId()).isEqualTo(receipt.getReceiptId());
      assertThat(seen.get(0).duplicate()).isFalse();
      assertThat(committedWhenCalled).containsExactly(1L, 2L);
      // the message's own entries (the refusal, hand-out and start-up registry entries are others)
      assertThat(count(hub.hub().database(), "audit_event WHERE message_id IS NOT NULL")).isEqualTo(3);
    }
  }
}
