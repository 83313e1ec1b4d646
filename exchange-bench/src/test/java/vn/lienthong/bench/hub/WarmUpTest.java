package vn.lienthong.bench.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;

class WarmUpTest {

  /**
   * A fake clock the sleeper advances, a JIT queue whose length is a function of it, and compilers
   * that compile all the time while {@code busyAtMs} says so (idle otherwise).
   */
  private static WarmUp.Outcome run(Duration minimum, Duration maximum, LongFunction<OptionalInt> queuedAtMs,
      LongPredicate busyAtMs) throws InterruptedException {
    long[] nowMs = {0};
    long[] compiledMs = {0};
    return WarmUp.run(minimum, maximum, () -> queuedAtMs.apply(nowMs[0]), () -> compiledMs[0],
        () -> nowMs[0] * 1_000_000, ms -> {
          if (busyAtMs.test(nowMs[0])) {
            compiledMs[0] += ms;
          }
          nowMs[0] += ms;
        });
  }

  private static WarmUp.Outcome run(Duration minimum, Duration maximum, LongFunction<OptionalInt> queuedAtMs)
      throws InterruptedException {
    return run(minimum, maximum, queuedAtMs, t -> queuedAtMs.apply(t).orElse(0) > 0);
  }

  @Test
  void anEmptyQueueAndIdleCompilersEndTheWarmUpAtItsMinimum() throws InterruptedException {
    WarmUp.Outcome o = run(Duration.ofSeconds(30), Duration.ofMinutes(10), t -> OptionalInt.of(0));

    assertThat(o).isEqualTo(new WarmUp.Outcome(Duration.ofSeconds(30), true));
  }

  @Test
  void aBackloggedJitIsWaitedForUntilItsQueueIsEmptyAndItsCompilersMostlyIdle() throws InterruptedException {
    WarmUp.Outcome o = run(Duration.ofSeconds(30), Duration.ofMinutes(10),
        t -> OptionalInt.of(t < 200_000 ? 40 : 0));

    // idle from 200 s: in the 15 s before 214 s the compilers were busy 1 s (7 %), before 213 s 2 s
    assertThat(o).isEqualTo(new WarmUp.Outcome(Duration.ofSeconds(214), true));
  }

  @Test
  void aQueueSeenEmptyWhileTheCompilersAreStillBusyIsNotDrained() throws InterruptedException {
    // the queue is empty at 100 s for a moment, but the compilers work on until 300 s
    WarmUp.Outcome o = run(Duration.ofSeconds(30), Duration.ofMinutes(10),
        t -> OptionalInt.of(t >= 100_000 && t < 105_000 || t >= 300_000 ? 0 : 3), t -> t < 300_000);

    assertThat(o.drained()).isTrue();
    assertThat(o.length()).isGreaterThan(Duration.ofSeconds(300));
  }

  @Test
  void aQueueThatRefillsNowAndThenWithMostlyIdleCompilersIsDrained() throws InterruptedException {
    // after 120 s a method or two every 15 s, compiled in a second: the steady state of a long run
    WarmUp.Outcome o = run(Duration.ofSeconds(30), Duration.ofMinutes(10),
        t -> OptionalInt.of(t < 120_000 || t % 15_000 == 0 ? 2 : 0));

    assertThat(o.drained()).isTrue();
    assertThat(o.length()).isBetween(Duration.ofSeconds(120), Duration.ofSeconds(140));
  }

  @Test
  void samplesThatDriftOffWholeSecondsStillEndTheWarmUp() throws InterruptedException {
    // every sleep overruns by 3 ms, as Thread.sleep and the queue query do under load
    long[] nowMs = {0};
    WarmUp.Outcome o = WarmUp.run(Duration.ofSeconds(30), Duration.ofMinutes(10), () -> OptionalInt.of(0),
        () -> 0, () -> nowMs[0] * 1_000_000, ms -> nowMs[0] += ms + 3);

    assertThat(o.drained()).isTrue();
    assertThat(o.length()).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(32));
  }

  @Test
  void aQueueNeverEmptyRunsToTheMaximumAndSaysSo() throws InterruptedException {
    WarmUp.Outcome o = run(Duration.ofSeconds(30), Duration.ofSeconds(90), t -> OptionalInt.of(1));

    assertThat(o).isEqualTo(new WarmUp.Outcome(Duration.ofSeconds(90), false));
    assertThat(o.describe()).contains("figures are low");
  }

  @Test
  void withoutAQueueToAskTheMinimumIsAFixedWarmUp() throws InterruptedException {
    assertThat(run(Duration.ofSeconds(20), Duration.ofMinutes(10), t -> OptionalInt.empty()))
        .isEqualTo(new WarmUp.Outcome(Duration.ofSeconds(20), false));
  }

  @Test
  void countsTheQueuedTasksNotTheOnesBeingCompiled() {
    String jcmd = """
        Current compiles:\s
        C2 CompilerThread0  30676       4       vn.lienthong.core.edxml.SignatureProfile::check (341 bytes)

        C1 compile queue:
        Empty

        C2 compile queue:
        30677       4       vn.lienthong.server.auth.Caller::require (75 bytes)
        30678   !   4       jdk.internal.net.http.ResponseContent$FixedLengthBodyParser::accept (413 bytes)
        """;

    assertThat(WarmUp.countQueued(jcmd)).isEqualTo(2);
    assertThat(WarmUp.countQueued("Current compiles: \n\nC1 compile queue:\nEmpty\n\nC2 compile queue:\nEmpty\n"))
        .isZero();
  }

  @Test
  void thisJvmAnswersWithItsQueue() {
    assertThat(WarmUp.queuedCompilations()).isPresent();
  }
}
