package vn.lienthong.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.server.api.ws.ExchangePortType;
import vn.lienthong.server.api.ws.GetPendingMessagesRequest;
import vn.lienthong.server.api.ws.GetPendingMessagesResponse;
import vn.lienthong.server.api.ws.MessageInfo;
import vn.lienthong.server.api.ws.Receipt;
import vn.lienthong.server.support.Calls;
import vn.lienthong.server.support.ChildHub;
import vn.lienthong.server.support.Directory;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubClient;

/**
 * A client sends 500 documents while the hub (another JVM, H2 on disk) is killed with SIGKILL at
 * random moments and started again. Afterwards every document that got a receipt is pending
 * exactly once for each recipient, and every other document is either wholly there or wholly
 * absent.
 */
class CrashTest {

  static final String SENDER = DemoSet.PROVINCE;
  static final List<String> RECIPIENTS = List.of(DemoSet.HA_LONG, DemoSet.MONG_CAI);
  static final int DOCUMENTS = 500;
  static final int SENDERS = 4;

  @TempDir Path dir;

  @Test
  void acknowledgedDocumentsSurviveSigkillAndNothingIsHalfVisible() throws Exception {
    long seed = System.nanoTime();
    System.out.println("CrashTest seed " + seed);
    Random random = new Random(seed);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> flags = new ArrayList<>(ChildHub.pkiFlags(dir));
    flags.add("--data.dir=" + dir.resolve("data"));
    flags.add("--db.pool=4");
    List<byte[]> envelopes = new ArrayList<>();
    for (int i = 0; i < DOCUMENTS; i++) {
      Attachment a = Envelopes.pdf(dir.resolve("files"), "vb.pdf", 2_000, i, SENDER);
      envelopes.add(Envelopes.signed(Envelopes.document(SENDER, "CRASH-" + i, RECIPIENTS, List.of(a)), List.of(a)));
    }
    try (ChildHub hub = ChildHub.create(port, flags, dir.resolve("hub.log"))) {
      hub.start();
      Directory.register(HubClient.of(hub.address(), DemoSet.PROVINCE), SENDER, RECIPIENTS.get(0), RECIPIENTS.get(1));

      Map<String, Receipt> acknowledged = new ConcurrentHashMap<>();
      Set<String> abandoned = ConcurrentHashMap.newKeySet();
      AtomicBoolean done = new AtomicBoolean();
      java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();
      List<Thread> senders = new ArrayList<>();
      for (int t = 0; t < SENDERS; t++) {
        int first = t;
        senders.add(new Thread(() -> {
        ExchangePortType client = HubClient.of(hub.address(), SENDER);
        for (int i = first; i < DOCUMENTS; i += SENDERS) {
          while (true) {
            try {
              acknowledged.put("CRASH-" + i, Calls.send(client, envelopes.get(i)));
              break;
            } catch (Exception e) {
              if (!refused(e)) {
                // cut off mid-call without a receipt: never sent again; it must be all there or not at all
                abandoned.add("CRASH-" + i);
                break;
              }
              pause(50); // the hub is down: nothing reached it, try again
            }
          }
        }
        if (finished.incrementAndGet() == SENDERS) {
          done.set(true);
        }
      }));
      }
      senders.forEach(Thread::start);
      int kills = 0;
      long restarting = 0;
      long t0 = System.nanoTime();
      int next = 20 + random.nextInt(70);
      while (!done.get()) {
        // kill at a random moment once the client got through a random number of documents
        while (!done.get() && acknowledged.size() + abandoned.size() < next) {
          Thread.sleep(5);
        }
        if (done.get()) {
          break;
        }
        Thread.sleep(random.nextInt(40));
        hub.kill();
        kills++;
        long down = System.nanoTime();
        hub.start();
        restarting += System.nanoTime() - down;
        next = acknowledged.size() + abandoned.size() + 20 + random.nextInt(70);
      }
      for (Thread t : senders) {
        t.join();
      }
      hub.kill();
      hub.start();
      System.out.println("CrashTest: " + kills + " kills, " + acknowledged.size() + " acknowledged, "
          + abandoned.size() + " cut off without a receipt; " + (System.nanoTime() - t0) / 1_000_000 + " ms, of which "
          + restarting / 1_000_000 + " ms restarting");
      assertThat(kills).isGreaterThanOrEqualTo(4);
      assertThat(acknowledged.size() + abandoned.size()).isEqualTo(DOCUMENTS);

      Map<String, Map<String, Integer>> seen = new HashMap<>();
      for (String r : RECIPIENTS) {
        ExchangePortType client = HubClient.of(hub.address(), r);
        for (MessageInfo m : drain(client)) {
          seen.computeIfAbsent(m.getDocumentId(), k -> new HashMap<>()).merge(r, 1, Integer::sum);
        }
      }
      for (int i = 0; i < DOCUMENTS; i++) {
        String id = "CRASH-" + i;
        Map<String, Integer> where = seen.getOrDefault(id, Map.of());
        if (acknowledged.containsKey(id)) {
          assertThat(where).as(id + " was acknowledged").isEqualTo(Map.of(RECIPIENTS.get(0), 1, RECIPIENTS.get(1), 1));
        } else {
          assertThat(where).as(id + " got no receipt: all or nothing")
              .isIn(Map.of(), Map.of(RECIPIENTS.get(0), 1, RECIPIENTS.get(1), 1));
        }
      }
      assertThat(seen.keySet()).allMatch(id -> id.startsWith("CRASH-"));
      assertThat(Set.copyOf(acknowledged.values().stream().map(Receipt::getMessageId).toList()))
          .hasSize(acknowledged.size());
    }
  }

  static boolean refused(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException) {
        return true;
      }
    }
    return false;
  }

  static List<MessageInfo> drain(ExchangePortType client) throws Exception {
    List<MessageInfo> all = new ArrayList<>();
    GetPendingMessagesRequest r = new GetPendingMessagesRequest();
    r.setMax(500);
    GetPendingMessagesResponse page;
    do {
      page = client.getPendingMessages(r);
      all.addAll(page.getMessage());
    } while (page.isMore());
    return all;
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
