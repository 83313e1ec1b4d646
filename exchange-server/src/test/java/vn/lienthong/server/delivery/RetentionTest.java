package vn.lienthong.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.server.support.Calls.*;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.server.store.PayloadStore;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubFixture;
import vn.lienthong.server.support.MutableClock;

class RetentionTest {

  @TempDir Path dir;

  @Test
  void messagesNobodyWaitsForAreForgottenAfterTheRetentionPeriodAndTheRestIsKept() throws Exception {
    MutableClock clock = new MutableClock(Instant.now());
    try (HubFixture hub = HubFixture.h2(dir.resolve("hub"), clock, Duration.ofMinutes(5));
        PayloadStore payloads = new PayloadStore(dir.resolve("hub").resolve("payloads"))) {
      Retention retention = new Retention(hub.hub().database(), payloads, clock, Duration.ofDays(30));
      send(hub.client(DemoSet.PROVINCE), document("OLD-1"));
      confirm(hub.client(DemoSet.HA_LONG), pending(hub.client(DemoSet.HA_LONG)).get(0));
      send(hub.client(DemoSet.PROVINCE), document("OLD-2"));
      clock.advance(Duration.ofDays(40));

      // OLD-1's status 01 still waits in the sender's inbox; OLD-2 still waits in the recipient's
      assertThat(retention.purge()).isZero();
      confirm(hub.client(DemoSet.PROVINCE), pending(hub.client(DemoSet.PROVINCE)).get(0));
      assertThat(retention.purge()).isEqualTo(2);

      assertThat(count(hub.hub().database(), "message")).isEqualTo(1);
      assertThat(count(hub.hub().database(), "delivery")).isEqualTo(1);
      assertThat(count(hub.hub().database(), "trace_event")).isZero();
      assertThat(payloadFiles(dir.resolve("hub"))).isEqualTo(1);
      assertThat(pending(hub.client(DemoSet.HA_LONG))).extracting(m -> m.getDocumentId()).containsExactly("OLD-2");
    }
  }

  byte[] document(String id) throws Exception {
    Attachment a = Envelopes.pdf(dir.resolve("files"), "vb.pdf", 5_000, id.hashCode(), DemoSet.PROVINCE);
    return Envelopes.signed(Envelopes.document(DemoSet.PROVINCE, id, List.of(DemoSet.HA_LONG), List.of(a)), List.of(a));
  }
}
