package vn.lienthong.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.server.support.Calls.*;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.server.api.ws.ExchangePortType;
import vn.lienthong.server.api.ws.MessageInfo;
import vn.lienthong.server.api.ws.MessageKind;
import vn.lienthong.server.support.ChildHub;
import vn.lienthong.server.support.Directory;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubClient;
import vn.lienthong.server.support.TestDatabases;

/**
 * Two hub processes share one PostgreSQL database and one payload store; senders and pollers are
 * spread over both. No message is handed out twice, none is lost.
 */
class TwoHubsOnePostgresTest {

  static final List<String> SENDERS = List.of(DemoSet.PROVINCE, DemoSet.FINANCE);
  static final List<String> RECIPIENTS = List.of(DemoSet.HA_LONG, DemoSet.MONG_CAI);
  static final int PER_SENDER_AND_HUB = 40;

  @TempDir Path dir;

  @Test
  void noMessageIsHandedOutTwiceNorLost() throws Exception {
    TestDatabases.Jdbc db = TestDatabases.freshPostgres();
    List<String> flags = new ArrayList<>(ChildHub.pkiFlags(dir));
    flags.addAll(List.of("--data.dir=" + dir.resolve("shared"), "--db.url=" + db.url(), "--db.user=" + db.user(),
        "--db.password=" + db.password(), "--db.pool=8"));
    try (ChildHub a = ChildHub.create(freePort(), flags, dir.resolve("a.log"));
        ChildHub b = ChildHub.create(freePort(), flags, dir.resolve("b.log"))) {
      a.start();
      b.start();
      Directory.register(HubClient.of(a.address(), DemoSet.PROVINCE), DemoSet.PROVINCE, DemoSet.FINANCE,
          DemoSet.HA_LONG, DemoSet.MONG_CAI);
      List<String> hubs = List.of(a.address(), b.address());
      int documents = SENDERS.size() * hubs.size() * PER_SENDER_AND_HUB;
      Map<Long, String> handedOut = new ConcurrentHashMap<>();
      Map<String, List<String>> received = new ConcurrentHashMap<>();
      AtomicInteger duplicates = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<?>> work = new ArrayList<>();
      for (String sender : SENDERS) {
        for (int h = 0; h < hubs.size(); h++) {
          ExchangePortType client = HubClient.of(hubs.get(h), sender);
          String prefix = sender + "#" + h + "#";
          work.add(pool.submit((Callable<Void>) () -> {
            for (int i = 0; i < PER_SENDER_AND_HUB; i++) {
              Attachment f = Envelopes.pdf(dir.resolve("files"), "vb.pdf", 2_000, (prefix + i).hashCode(), sender);
              send(client, Envelopes.signed(Envelopes.document(sender, prefix + i, RECIPIENTS, List.of(f)), List.of(f)));
            }
            return null;
          }));
        }
      }
      for (String recipient : RECIPIENTS) {
        for (String hub : hubs) {
          ExchangePortType client = HubClient.of(hub, recipient);
          work.add(pool.submit((Callable<Void>) () -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (received.getOrDefault(recipient, List.of()).size() < documents && System.nanoTime() < deadline) {
              for (MessageInfo m : pending(client, 10)) {
                if (handedOut.putIfAbsent(m.getMessageRef(), hub) != null) {
                  duplicates.incrementAndGet();
                }
                if (m.getKind() == MessageKind.DOCUMENT) {
                  received.computeIfAbsent(recipient, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                      .add(m.getDocumentId());
                }
                confirm(client, m);
              }
            }
            return null;
          }));
        }
      }
      for (Future<?> f : work) {
        f.get();
      }
      pool.shutdown();
      assertThat(duplicates.get()).isZero();
      for (String recipient : RECIPIENTS) {
        assertThat(received.get(recipient)).hasSize(documents).doesNotHaveDuplicates();
      }
      assertThat(handedOut.values()).contains(a.address(), b.address());
      int statuses = 0;
      for (String sender : SENDERS) {
        statuses += pending(HubClient.of(b.address(), sender)).size();
      }
      assertThat(statuses).isEqualTo(documents * RECIPIENTS.size());
    }
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
