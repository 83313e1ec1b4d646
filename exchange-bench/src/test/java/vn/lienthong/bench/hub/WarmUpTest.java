package vn.lienthong.bench.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

class WarmUpTest {

  /** A fake clock the sleeper advances, and a JIT queue whose length is a function of it. */
  private static WarmUp.Outcome run(Duration minimum, Duration maximum, LongFunction<OptionalInt> queuedAtMs)
      throws InterruptedException {
    long[] nowMs = {0};
    return WarmUp.run(minimum, maximum, () -> queuedAtMs.apply(nowMs[0]), () -> nowMs[0] * 1_000_000,
        ms -> nowMs[0] += ms);
  }

  @Test
  void anEmptyQueueEndsTheWarmUpAtItsMinimum() throws InterruptedException {
    WarmUp.Outcome o = run(Duration.ofSeconds(30), Duration.ofMinutes(10), t -> OptionalInt.of(0));

    assertThat(o).isEqualTo(new WarmUp.Outcome(Duration.ofSeconds(30), true));
  }

  @Test
  void aBackloggedJitIsWaitedForUntilItsQueueIsEmpty() throws InterruptedException {
    WarmUp.Outcome o = run(Duration.ofSeconds(30), Duration.ofMinutes(10),
        t -> OptionalInt.of(t < 200_000 ? 40 : 0));

    assertThat(o).isEqualTo(new WarmUp.Outcome(Duration.ofSeconds(200 + WarmUp.QUIET_MS / 1000), true));
  }

  @Test
  void aQueueSeenEmptyOnceAndFilledAgainIsNotDrained() throws InterruptedException {
    // empty for 5 s at 100 s, then busy again until 300 s
    WarmUp.Outcome o = run(Duration.ofSeconds(30), Duration.ofMinutes(10),
        t -> OptionalInt.of(t >= 100_000 && t < 105_000 || t >= 300_000 ? 0 : 3));

    assertThat(o).isEqualTo(new WarmUp.Outcome(Duration.ofSeconds(300 + WarmUp.QUIET_MS / 1000), true));
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
