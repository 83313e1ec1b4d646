package vn.lienthong.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Polls a unit's inbox: each message is fetched into a directory and handed to the handler, and
 * confirmed only when the handler returns normally. A message whose handler throws stays
 * unconfirmed; the hub hands it out again when its lease ends (at-least-once: make the handler
 * idempotent, e.g. by {@code messageId}).
 *
 * <pre>{@code
 * try (InboxPoller poller = InboxPoller.start(client, Path.of("inbox"), Duration.ofMinutes(1),
 *     message -> documentSystem.file(message.envelope()), failure -> log.warn("inbox", failure))) {
 *   ...
 * }
 * }</pre>
 */
public final class InboxPoller implements AutoCloseable {

  /** What the agency system does with a fetched message; throwing leaves it unconfirmed. */
  @FunctionalInterface
  public interface Handler {
    void handle(FetchedMessage message) throws Exception;
  }

  private final ExchangeClient client;
  private final Path directory;
  private final Handler handler;
  private final Consumer<Exception> failures;
  private final ScheduledExecutorService timer;

  private InboxPoller(ExchangeClient client, Path directory, Handler handler, Consumer<Exception> failures,
      ScheduledExecutorService timer) {
    this.client = Objects.requireNonNull(client, "client");
    this.directory = Objects.requireNonNull(directory, "directory");
    this.handler = Objects.requireNonNull(handler, "handler");
    this.failures = Objects.requireNonNull(failures, "failures");
    this.timer = timer;
  }

  /** A poller that runs only when {@link #pollOnce} is called (for a scheduler of your own). */
  public static InboxPoller manual(ExchangeClient client, Path directory, Handler handler,
      Consumer<Exception> failures) {
    return new InboxPoller(client, directory, handler, failures, null);
  }

  /** A poller on a daemon thread, every {@code interval}; failures of handlers and calls go to {@code failures}. */
  public static InboxPoller start(ExchangeClient client, Path directory, Duration interval, Handler handler,
      Consumer<Exception> failures) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "inbox-poller");
      t.setDaemon(true);
      return t;
    });
    InboxPoller poller = new InboxPoller(client, directory, handler, failures, timer);
    timer.scheduleWithFixedDelay(() -> {
      // anything escaping would cancel the schedule for good, silently (a handler's assertion, a
      // class that failed to initialise, a failures consumer that throws): the round ends, is
      // reported, and the next one runs
      try {
        poller.pollOnce();
      } catch (RuntimeException e) {
        report(failures, e);
      } catch (Error e) {
        report(failures, new ExecutionException("inbox round failed: " + e, e));
      }
    }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return poller;
  }

  /** Hands {@code e} to {@code failures}; what that throws goes to the thread's uncaught-exception handler. */
  private static void report(Consumer<Exception> failures, Exception e) {
    try {
      failures.accept(e);
    } catch (RuntimeException | Error f) {
      f.addSuppressed(e);
      Thread t = Thread.currentThread();
      t.getUncaughtExceptionHandler().uncaughtException(t, f);
    }
  }

  /**
   * One round: claims pages until none is left, handles and confirms each message. Answers how
   * many were confirmed.
   */
  public int pollOnce() {
    int confirmed = 0;
    PendingPage page;
    do {
      page = client.pending(100);
      for (InboxMessage m : page.messages()) {
        if (handleOne(m)) {
          confirmed++;
        }
      }
    } while (page.more() && !page.messages().isEmpty());
    return confirmed;
  }

  private boolean handleOne(InboxMessage m) {
    FetchedMessage fetched;
    try {
      fetched = client.fetch(m.messageRef(), directory.resolve("message-" + m.messageId() + ".edxml"));
      handler.handle(fetched);
    } catch (Exception e) {
      failures.accept(e);
      return false;
    }
    try {
      client.confirm(m);
    } catch (ExchangeException e) {
      // e.g. LEASE_LOST: the handler outlasted the lease and another poller took the message; the
      // round goes on with the others (each on its own lease)
      failures.accept(e);
      return false;
    }
    return true;
  }

  /** Stops polling (a round in progress finishes). */
  @Override
  public void close() {
    if (timer != null) {
      timer.shutdown();
    }
  }
}
