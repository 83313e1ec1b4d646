package vn.lienthong.bench.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import vn.lienthong.bench.hub.LoadOptions.Mix;
import vn.lienthong.bench.hub.LoadOptions.Op;
import vn.lienthong.client.ConfirmOutcome;
import vn.lienthong.client.DocumentBuilder;
import vn.lienthong.client.ExchangeClient;
import vn.lienthong.client.ExchangeException;
import vn.lienthong.client.InboxMessage;
import vn.lienthong.client.MessageKind;
import vn.lienthong.client.PendingPage;
import vn.lienthong.core.edxml.EnvelopeSigner;

/**
 * One unit client's loop. In the cycle it sends a document to its recipients, then polls its own
 * inbox, fetching every document and confirming every entry, until the hub says no more wait
 * (as {@code InboxPoller} does: the answer's {@code More}, not a last empty poll), confirming
 * what it fetched and the statuses it claimed in one {@code ConfirmReceivedBatch} call; with a
 * {@link Mix} it draws each operation by weight, falling back to what can be done (fetch needs a
 * claimed document, confirm a fetched one or a claimed status, both fall back to poll).
 */
final class UnitClient implements Runnable {

  private static final int PAGE = 10;
  private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

  private final int index;
  private final String unit;
  private final List<String> recipients;
  private final ExchangeClient client;
  private final EnvelopeSigner signer;
  private final Path pdf;
  private final Path work;
  private final String runId;
  private final Mix mix;
  private final Stats stats;
  private final BooleanSupplier running;
  private final Clock clock;
  private final SplittableRandom random;
  private final Deque<InboxMessage> claimedDocuments = new ArrayDeque<>();
  private final Deque<InboxMessage> claimedStatuses = new ArrayDeque<>();
  private final Deque<InboxMessage> fetched = new ArrayDeque<>();
  private long sequence;
  private long signedAt;
  private boolean more;

  UnitClient(int index, String unit, List<String> recipients, ExchangeClient client, EnvelopeSigner signer,
      Path pdf, Path work, String runId, Mix mix, Stats stats, BooleanSupplier running, Clock clock) {
    this.index = index;
    this.unit = unit;
    this.recipients = List.copyOf(recipients);
    this.client = client;
    this.signer = signer;
    this.pdf = pdf;
    this.work = work;
    this.runId = runId;
    this.mix = mix;
    this.stats = stats;
    this.running = running;
    this.clock = clock;
    this.random = new SplittableRandom(index);
  }

  @Override
  public void run() {
    while (running.getAsBoolean()) {
      if (mix == null) {
        attempt(Op.SEND);
        more = true;
        while (running.getAsBoolean() && more && attempt(Op.POLL)) {
          while (running.getAsBoolean() && !claimedDocuments.isEmpty()) {
            attempt(Op.FETCH);
          }
          while (running.getAsBoolean() && !(fetched.isEmpty() && claimedStatuses.isEmpty())) {
            attempt(Op.CONFIRM);
          }
        }
      } else {
        attempt(mix.pick(random.nextDouble()));
      }
    }
  }

  /** Runs {@code op} (or its fallback), recording its latency or error; false when it failed. */
  private boolean attempt(Op wanted) {
    Op op = feasible(wanted);
    long t0 = System.nanoTime();
    try {
      switch (op) {
        case SEND -> send(t0);
        case POLL -> poll();
        case FETCH -> fetch();
        case CONFIRM -> confirm();
      }
      stats.operation(op, System.nanoTime() - (op == Op.SEND ? signedAt : t0));
      return true;
    } catch (ExchangeException e) {
      stats.error(op, e.code().name());
    } catch (RuntimeException e) {
      stats.error(op, e.getClass().getSimpleName());
    }
    pause();
    return false;
  }

  private Op feasible(Op op) {
    if (op == Op.CONFIRM && fetched.isEmpty() && claimedStatuses.isEmpty()) {
      op = Op.FETCH;
    }
    if (op == Op.FETCH && claimedDocuments.isEmpty()) {
      op = Op.POLL;
    }
    return op;
  }

  private void send(long t0) {
    long cpu0 = CPU.getCurrentThreadCpuTime();
    long n = ++sequence;
    DocumentBuilder b = DocumentBuilder.from(unit, "Đơn vị " + unit, clock)
        .documentId(runId + "-" + index + "-" + n)
        .code(String.valueOf(n), "BENCH")
        .type(1, "Công văn")
        .subject("Kiểm thử tải trục liên thông / hub load test")
        .signer("TM. ỦY BAN NHÂN DÂN", "Chủ tịch", "Phạm Văn Mẫu")
        .attach(pdf, "application/pdf", "Văn bản");
    for (String r : recipients) {
      b.to(r, "Đơn vị " + r);
    }
    Path envelope = b.write(signer, work.resolve("out.edxml"));
    signedAt = System.nanoTime();
    stats.signed(CPU.getCurrentThreadCpuTime() - cpu0);
    client.send(envelope);
  }

  private void poll() {
    PendingPage page = client.pending(PAGE);
    for (InboxMessage m : page.messages()) {
      (m.kind() == MessageKind.DOCUMENT ? claimedDocuments : claimedStatuses).add(m);
    }
    more = page.more() && !page.messages().isEmpty();
  }

  private void fetch() {
    InboxMessage m = claimedDocuments.poll();
    Path target = work.resolve("in.edxml");
    client.fetch(m.messageRef(), target);
    fetched.add(m);
    delete(target);
  }

  /** Confirms every fetched document and claimed status in one call, as a document system would. */
  private void confirm() {
    int documents = fetched.size();
    List<InboxMessage> ready = new ArrayList<>(fetched);
    ready.addAll(claimedStatuses);
    fetched.clear();
    claimedStatuses.clear();
    List<ConfirmOutcome> outcomes = client.confirmAll(ready);
    for (int i = 0; i < outcomes.size(); i++) {
      if (outcomes.get(i) instanceof ConfirmOutcome.Refused r) {
        stats.error(Op.CONFIRM, r.code().name());
      } else if (i < documents) {
        stats.deliveredOne();
      }
    }
  }

  private static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
