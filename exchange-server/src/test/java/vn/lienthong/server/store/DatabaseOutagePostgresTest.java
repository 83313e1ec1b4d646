package vn.lienthong.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.server.support.Calls.confirm;
import static vn.lienthong.server.support.Calls.pending;
import static vn.lienthong.server.support.Calls.send;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.server.api.ws.ExchangeFault;
import vn.lienthong.server.api.ws.FaultCode;
import vn.lienthong.server.api.ws.MessageInfo;
import vn.lienthong.server.audit.AuditLog;
import vn.lienthong.server.audit.AuditVerification;
import vn.lienthong.server.evidence.EvidenceHook;
import vn.lienthong.server.support.Calls.Call;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubFixture;
import vn.lienthong.server.support.LoopbackLink;
import vn.lienthong.server.support.TestDatabases;

/**
 * The hub while its PostgreSQL server is unreachable (a {@link LoopbackLink} to it, cut) and after
 * it is back: every request is {@code UNAVAILABLE}, answered within seconds once one found the
 * server gone (each waited the pool's 30 s for a connection: a hub thread and a client held that
 * long), and afterwards everything works again with nothing lost.
 */
class DatabaseOutagePostgresTest {

  static final String PROVINCE = DemoSet.PROVINCE;
  static final String HA_LONG = DemoSet.HA_LONG;

  @TempDir Path dir;

  record Outcome(String code, long millis) {}

  @Test
  void whileUnreachableRequestsAreUnavailableQuicklyAndAfterwardsEverythingWorks() throws Exception {
    TestDatabases.Jdbc direct = TestDatabases.freshPostgres();
    URI server = URI.create(direct.url().substring("jdbc:".length()));
    try (LoopbackLink link = new LoopbackLink(server.getHost(), server.getPort());
        HubFixture hub = HubFixture.start(HubFixture.config(dir.resolve("hub"), viaLink(direct, server, link),
            Duration.ofMinutes(5)), Clock.systemUTC(), EvidenceHook.NONE)) {
      send(hub.client(PROVINCE), document("OUT-A"));
      List<MessageInfo> leased = pending(hub.client(HA_LONG));
      assertThat(leased).hasSize(1);

      link.cut();
      List<Outcome> down = new ArrayList<>();
      down.add(outcome(() -> send(hub.client(PROVINCE), document("OUT-B"))));
      down.add(outcome(() -> pending(hub.client(HA_LONG))));
      down.add(outcome(() -> confirm(hub.client(HA_LONG), leased.get(0))));
      down.add(outcome(() -> send(hub.client(PROVINCE), document("OUT-B"))));
      link.restore();

      assertThat(down).extracting(Outcome::code).containsOnly("UNAVAILABLE");
      assertThat(down).as("requests waiting for the pool (only the first to find the server gone may)")
          .filteredOn(o -> o.millis() > 6_000).hasSizeLessThanOrEqualTo(1);

      retrying(() -> confirm(hub.client(HA_LONG), leased.get(0)));
      send(hub.client(PROVINCE), document("OUT-B"));
      List<MessageInfo> after = pending(hub.client(HA_LONG));
      assertThat(after).extracting(MessageInfo::getDocumentId).containsExactly("OUT-B");
      confirm(hub.client(HA_LONG), after.get(0));
      AuditVerification v = new AuditLog(hub.hub().database(), List.of()).verify();
      assertThat(v.ok()).as(v.reason()).isTrue();
    }
  }

  private static TestDatabases.Jdbc viaLink(TestDatabases.Jdbc direct, URI server, LoopbackLink link) {
    String url = direct.url().replace("//" + server.getHost() + ":" + server.getPort() + "/",
        "//127.0.0.1:" + link.port() + "/");
    return new TestDatabases.Jdbc(url, direct.user(), direct.password());
  }

  private byte[] document(String id) throws Exception {
    Attachment a = Envelopes.pdf(dir.resolve("files"), "vanban.pdf", 20_000, id.hashCode(), PROVINCE);
    return Envelopes.signed(Envelopes.document(PROVINCE, id, List.of(HA_LONG), List.of(a)), List.of(a));
  }

  private static Outcome outcome(Call<?> call) {
    long t0 = System.nanoTime();
    String code;
    try {
      call.run();
      code = "OK";
    } catch (ExchangeFault f) {
      code = f.getFaultInfo().getCode().name();
    } catch (Exception e) {
      code = e.toString();
    }
    return new Outcome(code, (System.nanoTime() - t0) / 1_000_000);
  }

  /** As a client does: again while UNAVAILABLE (the pool reconnects within seconds), for up to 20 s. */
  private static <T> T retrying(Call<T> call) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try {
        return call.run();
      } catch (ExchangeFault f) {
        if (f.getFaultInfo().getCode() != FaultCode.UNAVAILABLE || System.nanoTime() > deadline) {
          throw f;
        }
      }
      Thread.sleep(500);
    }
  }
}
