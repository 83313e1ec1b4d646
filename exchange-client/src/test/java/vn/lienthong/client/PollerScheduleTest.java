package vn.lienthong.client;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.sample.pki.DemoSet.MONG_CAI;
import static vn.lienthong.sample.pki.DemoSet.PROVINCE;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scheduled poller keeps polling whatever one round threw. */
class PollerScheduleTest {

  @TempDir
  Path dir;

  @Test
  void aHandlerThrowingAnErrorDoesNotStopTheScheduleSilently() throws Exception {
    try (TestHub hub = TestHub.start(dir, Duration.ofSeconds(1)); ExchangeClient province = hub.client(PROVINCE);
        ExchangeClient mongCai = hub.client(MONG_CAI)) {
      for (String id : List.of("SCHED-1", "SCHED-2")) {
        province.send(DocumentBuilder.from(PROVINCE, "UBND tỉnh", Clock.systemUTC()).to(MONG_CAI, "UBND Móng Cái")
            .documentId(id).subject("V/v " + id).write(TestHub.signer(PROVINCE), dir.resolve(id + ".edxml")));
      }
      List<String> handled = new CopyOnWriteArrayList<>();
      List<Exception> failures = new CopyOnWriteArrayList<>();
      AtomicBoolean thrown = new AtomicBoolean();
      try (InboxPoller poller = InboxPoller.start(mongCai, dir.resolve("inbox"), Duration.ofMillis(200), message -> {
        if (thrown.compareAndSet(false, true)) {
          // a bug in the agency's code: an assertion, a class that failed to initialise, ...
          throw new AssertionError("document system bug");
        }
        handled.add(message.info().documentId());
      }, failures::add)) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (handled.size() < 2 && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
      }
      assertThat(handled).containsExactlyInAnyOrder("SCHED-1", "SCHED-2");
      assertThat(failures).isNotEmpty();
    }
  }

  @Test
  void aFailuresConsumerThatThrowsDoesNotStopTheSchedule() throws Exception {
    try (TestHub hub = TestHub.start(dir, Duration.ofSeconds(1)); ExchangeClient province = hub.client(PROVINCE);
        ExchangeClient mongCai = hub.client(MONG_CAI)) {
      for (String id : List.of("SCHED-3", "SCHED-4")) {
        province.send(DocumentBuilder.from(PROVINCE, "UBND tỉnh", Clock.systemUTC()).to(MONG_CAI, "UBND Móng Cái")
            .documentId(id).subject("V/v " + id).write(TestHub.signer(PROVINCE), dir.resolve(id + ".edxml")));
      }
      List<String> handled = new CopyOnWriteArrayList<>();
      AtomicBoolean thrown = new AtomicBoolean();
      try (InboxPoller poller = InboxPoller.start(mongCai, dir.resolve("inbox"), Duration.ofMillis(200), message -> {
        if (thrown.compareAndSet(false, true)) {
          throw new IllegalStateException("the document system is busy");
        }
        handled.add(message.info().documentId());
      }, failure -> {
        throw new IllegalStateException("the agency's error reporting is down too");
      })) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (handled.size() < 2 && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
      }
      assertThat(handled).containsExactlyInAnyOrder("SCHED-3", "SCHED-4");
    }
  }
}
