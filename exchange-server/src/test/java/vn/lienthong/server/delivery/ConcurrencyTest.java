package vn.lienthong.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.server.support.Calls.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.server.api.ws.ExchangePortType;
import vn.lienthong.server.api.ws.MessageInfo;
import vn.lienthong.server.api.ws.MessageKind;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubClient;
import vn.lienthong.server.support.TestPki;
import vn.lienthong.server.support.Units;

/** Pollers competing for one inbox, and many units sending and polling at once. */
abstract class ConcurrencyTest extends FreshHubTest {

  byte[] document(String from, String id, List<String> to) throws Exception {
    Attachment a = Envelopes.pdf(dir.resolve("files"), "vb.pdf", 3_000, id.hashCode(), from);
    return Envelopes.signed(Envelopes.document(from, id, to, List.of(a)), List.of(a));
  }

  @Test
  void pollersOfOneUnitNeverReceiveTheSameMessageWhileALeaseHolds() throws Exception {
    int documents = 120;
    for (int i = 0; i < documents; i++) {
      send(hub.client(DemoSet.PROVINCE), document(DemoSet.PROVINCE, "C-" + i, List.of(DemoSet.HA_LONG)));
    }
    Map<Long, Integer> handedOut = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Integer>> pollers = new ArrayList<>();
    for (int p = 0; p < 4; p++) {
      ExchangePortType poller = HubClient.of(hub.hub().address(), DemoSet.HA_LONG);
      pollers.add(pool.submit(() -> {
        int got = 0;
        for (List<MessageInfo> page; !(page = pending(poller, 7)).isEmpty(); ) {
          for (MessageInfo m : page) {
            handedOut.merge(m.getMessageRef(), 1, Integer::sum);
            got++;
          }
        }
        return got;
      }));
    }
    int total = 0;
    for (Future<Integer> f : pollers) {
      total += f.get();
    }
    pool.shutdown();
    assertThat(total).isEqualTo(documents);
    assertThat(handedOut).hasSize(documents).allSatisfy((ref, times) -> assertThat(times).isEqualTo(1));
  }

  @Test
  void twentyUnitsSendingAndPollingAtOnceLoseAndDuplicateNothing() throws Exception {
    List<String> units = TestPki.UNITS.stream().filter(u -> !u.equals(Units.UNREGISTERED)).limit(20).toList();
    int perUnit = 6;
    Map<String, List<String>> expected = new HashMap<>();
    Map<String, List<byte[]>> outgoing = new HashMap<>();
    for (int u = 0; u < units.size(); u++) {
      String from = units.get(u);
      List<byte[]> envelopes = new ArrayList<>();
      for (int i = 0; i < perUnit; i++) {
        List<String> to = List.of(units.get((u + 1 + i) % units.size()), units.get((u + 7 + i) % units.size()));
        String id = "M-" + u + "-" + i;
        envelopes.add(document(from, id, to));
        to.forEach(t -> expected.computeIfAbsent(t, k -> new ArrayList<>()).add(id));
      }
      outgoing.put(from, envelopes);
    }
    Map<String, List<String>> received = new ConcurrentHashMap<>();
    Map<String, Integer> statuses = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(units.size() * 2);
    List<Future<?>> work = new ArrayList<>();
    for (String unit : units) {
      work.add(pool.submit((Callable<Void>) () -> {
        for (byte[] e : outgoing.get(unit)) {
          send(hub.client(unit), e);
        }
        return null;
      }));
      work.add(pool.submit((Callable<Void>) () -> {
        ExchangePortType client = HubClient.of(hub.hub().address(), unit);
        int want = expected.getOrDefault(unit, List.of()).size() + perUnit * 2;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        int got = 0;
        while (got < want && System.nanoTime() < deadline) {
          for (MessageInfo m : pending(client, 10)) {
            if (m.getKind() == MessageKind.DOCUMENT) {
              fetch(client, m.getMessageRef());
              received.computeIfAbsent(unit, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                  .add(m.getDocumentId());
            } else {
              statuses.merge(unit, 1, Integer::sum);
            }
            confirm(client, m);
            got++;
          }
        }
        return null;
      }));
    }
    for (Future<?> f : work) {
      f.get();
    }
    pool.shutdown();
    for (String unit : units) {
      assertThat(received.getOrDefault(unit, List.of())).as(unit)
          .containsExactlyInAnyOrderElementsOf(expected.getOrDefault(unit, List.of()));
      assertThat(statuses.get(unit)).as("01 statuses of " + unit).isEqualTo(perUnit * 2);
    }
    for (String unit : units) {
      assertThat(pending(hub.client(unit))).isEmpty();
    }
  }
}
