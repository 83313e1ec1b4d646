package vn.lienthong.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.sample.pki.DemoSet.HA_LONG;
import static vn.lienthong.sample.pki.DemoSet.PROVINCE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.server.support.Calls;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubFixture;
import vn.lienthong.server.support.RawSoap;
import vn.lienthong.server.support.TestPki;

/**
 * A large inline (not MTOM) request whose intake takes longer than the 10 s the
 * permit holder's connection is shortened to (slow OCSP, a busy database) must still get its
 * answer.
 */
class SlowInlineIntakeTest {

  @TempDir Path dir;
  HubFixture hub;

  /** The wall clock; once armed, the first reading inside the intake sleeps 13 s. */
  static final class SlowIntakeClock extends Clock {
    final AtomicBoolean armed = new AtomicBoolean();
    volatile boolean slept;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      if (armed.get() && StackWalker.getInstance().walk(s -> s.anyMatch(
          f -> f.getClassName().startsWith("vn.lienthong.server.intake.")))
          && armed.compareAndSet(true, false)) {
        try {
          Thread.sleep(13_000);
          slept = true;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return Instant.now();
    }
  }

  @AfterEach
  void stop() {
    if (hub != null) {
      hub.close();
    }
  }

  @Test
  void aLargeInlineRequestWhoseIntakeTakesThirteenSecondsIsAnswered() throws Exception {
    SlowIntakeClock clock = new SlowIntakeClock();
    hub = HubFixture.h2(dir.resolve("hub"), clock, Duration.ofMinutes(5));
    Path csv = dir.resolve("table.csv");
    byte[] bytes = new byte[1_500_000];
    new Random(3).nextBytes(bytes);
    bytes[0] = 'a';
    Files.write(csv, bytes);
    Attachment a = Attachment.of("cid:table", "table.csv", "Bảng", "text/csv", csv);
    byte[] envelope = Envelopes.signed(Envelopes.document(HA_LONG, "INLINE-SLOW", List.of(PROVINCE),
        List.of(a)), List.of(a));
    byte[] request = RawSoap.bytes(RawSoap.sign(RawSoap.parse(SoapInputTest.sendDocument(
        Base64.getEncoder().encodeToString(envelope), Calls.sha256(envelope))), TestPki.PKI.system(HA_LONG),
        Clock.systemUTC(), true, true));
    assertThat(request.length).isGreaterThan((int) SoapXmlBudget.SMALL_BYTES);

    clock.armed.set(true);
    long t0 = System.nanoTime();
    RawSoap.Answer answer;
    try {
      answer = RawSoap.post(hub.hub().address(), TestPki.PKI.system(HA_LONG), TestPki.PKI.trustAnchors(),
          request);
    } catch (IllegalStateException e) {
      throw new AssertionError("no answer after " + (System.nanoTime() - t0) / 1_000_000 + " ms (slept: "
          + clock.slept + "): " + e.getCause(), e);
    }
    assertThat(clock.slept).as("the intake was slowed").isTrue();
    assertThat(answer.faultCode()).as(answer.faultMessage()).isNull();
    assertThat(answer.status()).isEqualTo(200);
  }
}
