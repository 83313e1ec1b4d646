package vn.lienthong.server.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.server.api.ws.ExchangePortType;
import vn.lienthong.server.api.ws.MessageInfo;
import vn.lienthong.server.support.Calls;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubFixture;
import vn.lienthong.server.support.TestPki;

/**
 * Load generator (not a test): an in-process hub over loopback HTTPS, {@code threads} clients each
 * doing send → pending → fetch → confirm with 100 KB signed documents between pairs of units.
 * Prints documents per second, p50/p99 latency of send and of the whole cycle, and heap.
 *
 * <pre>
 * mvn -q -pl exchange-server -am test-compile
 * java -cp "$(cat exchange-server/target/bench.classpath)" vn.lienthong.server.bench.LoadGenerator [h2|postgres] [documents] [threads]
 * </pre>
 */
public final class LoadGenerator {

  private LoadGenerator() {}

  public static void main(String[] args) throws Exception {
    try {
      run(args);
    } finally {
      System.exit(0);
    }
  }

  static void run(String[] args) throws Exception {
    String db = args.length > 0 ? args[0] : "h2";
    int documents = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    Path dir = Files.createTempDirectory("hub-bench");
    HubFixture hub = "postgres".equals(db) ? HubFixture.postgres(dir, Clock.systemUTC(), Duration.ofMinutes(5))
        : HubFixture.h2(dir, Clock.systemUTC(), Duration.ofMinutes(5));
    List<String> units = TestPki.UNITS.stream().filter(u -> !u.equals(vn.lienthong.server.support.Units.UNREGISTERED))
        .limit(20).toList();
    System.out.printf("hub on %s (%s), %d documents of 100 KB, %d client threads%n", hub.hub().address(), db,
        documents, threads);
    // prepare signed envelopes first: client-side signing is not the hub's cost
    List<byte[]> envelopes = new ArrayList<>();
    List<String> senders = new ArrayList<>();
    List<String> recipients = new ArrayList<>();
    for (int i = 0; i < documents; i++) {
      String from = units.get(i % units.size());
      String to = units.get((i + 1 + i / units.size()) % units.size());
      if (to.equals(from)) {
        to = units.get((i + 2) % units.size());
      }
      Attachment pdf = Envelopes.pdf(dir.resolve("files"), "vb.pdf", 100_000, 0, from);
      envelopes.add(Envelopes.signed(Envelopes.document(from, "BENCH-" + i, List.of(to), List.of(pdf)), List.of(pdf)));
      Files.delete(pdf.file());
      senders.add(from);
      recipients.add(to);
    }
    warmUp(hub, units);
    ConcurrentLinkedQueue<long[]> samples = new ConcurrentLinkedQueue<>();
    AtomicInteger nextDoc = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(threads);
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      new Thread(() -> {
        try {
          for (int i; (i = nextDoc.getAndIncrement()) < documents; ) {
            samples.add(cycle(hub, senders.get(i), recipients.get(i), envelopes.get(i), "BENCH-" + i));
          }
        } catch (Exception e) {
          e.printStackTrace();
        } finally {
          done.countDown();
        }
      }).start();
    }
    done.await();
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] send = samples.stream().mapToLong(s -> s[0]).sorted().toArray();
    long[] whole = samples.stream().mapToLong(s -> s[1]).sorted().toArray();
    System.gc();
    var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    System.out.printf("%d documents in %.1f s: %.0f documents/s (send+pending+fetch+confirm)%n", send.length, seconds,
        send.length / seconds);
    System.out.printf("send latency p50 %.1f ms, p99 %.1f ms; whole cycle p50 %.1f ms, p99 %.1f ms%n",
        pct(send, 50), pct(send, 99), pct(whole, 50), pct(whole, 99));
    System.out.printf("heap after run: used %d MB, committed %d MB, max %d MB%n", heap.getUsed() >> 20,
        heap.getCommitted() >> 20, heap.getMax() >> 20);
    long t0 = System.nanoTime();
    var r = Calls.send(hub.client(units.get(0)), envelopes.get(0).length > 0 ? fanOutEnvelope(dir, units.get(0))
        : null, "000.00.00.H49/**");
    System.out.printf("fan-out: one document to %d units accepted in %.0f ms%n", r.getRecipients(),
        (System.nanoTime() - t0) / 1e6);
    hub.close();
  }

  static byte[] fanOutEnvelope(Path dir, String from) throws Exception {
    Attachment pdf = Envelopes.pdf(dir.resolve("files"), "all.pdf", 100_000, -1, from);
    return Envelopes.signed(Envelopes.document(from, "FANOUT-1", List.of("000.00.00.H49"), List.of(pdf)), List.of(pdf));
  }

  static void warmUp(HubFixture hub, List<String> units) throws Exception {
    for (String u : units) {
      Calls.pending(hub.client(u), 1);
    }
  }

  /** One document: send, then the recipient polls until it sees it, fetches and confirms it. */
  static final java.util.Set<String> CONFIRMED = java.util.concurrent.ConcurrentHashMap.newKeySet();

  static long[] cycle(HubFixture hub, String from, String to, byte[] envelope, String documentId) throws Exception {
    long t0 = System.nanoTime();
    Calls.send(hub.client(from), envelope);
    long sent = System.nanoTime();
    ExchangePortType recipient = hub.client(to);
    while (!CONFIRMED.contains(documentId)) {
      // another thread polling the same unit may take this document: whoever gets it fetches and confirms it
      List<MessageInfo> page = Calls.pending(recipient, 5);
      for (MessageInfo m : page) {
        if (m.getKind() == vn.lienthong.server.api.ws.MessageKind.DOCUMENT) {
          Calls.fetch(recipient, m.getMessageRef());
        }
        Calls.confirm(recipient, m);
        CONFIRMED.add(m.getDocumentId() + (m.getKind() == vn.lienthong.server.api.ws.MessageKind.STATUS ? "#01" : ""));
      }
      if (page.isEmpty() && !CONFIRMED.contains(documentId)) {
        Thread.sleep(2);
      }
    }
    return new long[] {sent - t0, System.nanoTime() - t0};
  }

  static double pct(long[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
  }

  static String join(long[] a) {
    return Arrays.toString(a);
  }
}
