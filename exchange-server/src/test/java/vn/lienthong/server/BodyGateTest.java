package vn.lienthong.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.io.Content;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link BodyGate} on a Jetty of 24 threads over plain HTTP on loopback, in front of a servant
 * that reads bodies as CXF does (blocking, on its thread), with short timeouts: a 5 s pause (1 s
 * where a test waits for it), 1 s of grace, 1 000 bytes a second, at most 1 MiB, two bodies
 * streaming at once.
 */
class BodyGateTest {

  static final long MAX = 1 << 20;

  GateServer g;

  @BeforeEach
  void start() throws Exception {
    start(Duration.ofSeconds(5), Duration.ofSeconds(1));
  }

  /** {@code idle}: the longest pause in a body; 1 s only where a test waits for it (a loaded machine pauses too). */
  void start(Duration idle, Duration grace) throws Exception {
    if (g != null) {
      g.close();
    }
    g = new GateServer(new BodyGate(MAX, 2, idle, grace, 1000));
  }

  @AfterEach
  void stop() throws Exception {
    g.close();
  }

  Socket send(String head, byte[] body) throws IOException {
    return g.send(head, body);
  }

  Socket declare(long length, int sent) throws IOException {
    return send("Content-Length: " + length + "\r\n", new byte[sent]);
  }

  static String answer(Socket s) throws IOException {
    return GateServer.answer(s);
  }

  static String status(Socket s) throws IOException {
    String a = answer(s);
    return a.startsWith("HTTP/1.1 ") ? a.substring(9, 12) : a;
  }

  @Test
  void smallBodiesAreReadWholeBeforeTheServantAndHoldNoThread() throws Exception {
    // a grace longer than the test: on a loaded machine the bodies' last bytes came after the 1 s
    // grace, at under the rate (20 bytes in 1.3 s), and were refused 408
    start(Duration.ofSeconds(5), Duration.ofSeconds(60));
    List<Socket> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < 30; i++) { // more than the 24 threads
        stalled.add(declare(4000, 100));
        // the Java client chunks its requests: signed calls are over CXF's 4 KiB threshold
        stalled.add(send("Transfer-Encoding: chunked\r\n", "10\r\n0123456789abcdef\r\n".getBytes(StandardCharsets.US_ASCII)));
      }
      Thread.sleep(300);
      assertThat(g.called).hasValue(0);
      assertThat(g.gate.streamingAvailable()).isEqualTo(2);
      try (Socket s = declare(4000, 4000)) {
        assertThat(answer(s)).startsWith("HTTP/1.1 200").endsWith("read 4000");
      }
      Socket first = stalled.get(0);
      first.getOutputStream().write(new byte[3900]);
      assertThat(answer(first)).endsWith("read 4000");
      Socket chunked = stalled.get(1);
      chunked.getOutputStream().write("4\r\nmore\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(answer(chunked)).endsWith("read 20");
    } finally {
      for (Socket s : stalled) {
        s.close();
      }
    }
  }

  /**
   * Small bodies sent a byte at a time, each byte a chunk of its own, held until the body is in:
   * were each chunk to pin a network buffer of its own (kilobytes), 20 such bodies of 3 000 bytes
   * would hold hundreds of megabytes. Jetty appends them into the connection's one buffer: about
   * 8 KiB each.
   */
  @Test
  void aBodyTrickledAByteAtATimeHoldsNoMoreThanItsBytes() throws Exception {
    start(Duration.ofSeconds(5), Duration.ofSeconds(60));
    java.lang.management.BufferPoolMXBean direct = java.lang.management.ManagementFactory
        .getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class).stream()
        .filter(b -> b.getName().equals("direct")).findFirst().orElseThrow();
    long before = direct.getMemoryUsed();
    List<Socket> trickling = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        Socket s = declare(4000, 0);
        s.setTcpNoDelay(true);
        trickling.add(s);
      }
      for (int b = 0; b < 3000; b++) {
        for (Socket s : trickling) {
          s.getOutputStream().write('x');
        }
        if (b % 20 == 0) {
          Thread.sleep(1); // let the hub read them apart
        }
      }
      long held = direct.getMemoryUsed() - before;
      System.out.println("20 bodies of 3 000 bytes sent a byte at a time hold " + held / 1024 + " KiB of direct memory");
      assertThat(held).isLessThan(16L << 20);
      assertThat(g.called).hasValue(0);
    } finally {
      for (Socket s : trickling) {
        s.close();
      }
    }
  }

  @Test
  void aSmallBodyThatStopsIsAnswered408WithoutTheServant() throws Exception {
    start(Duration.ofSeconds(1), Duration.ofSeconds(1));
    try (Socket s = declare(4000, 100)) {
      long t0 = System.nanoTime();
      assertThat(status(s)).isEqualTo("408");
      assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(500L, 5_000L);
      assertThat(g.called).hasValue(0);
    }
  }

  @Test
  void aLargeBodyThatStopsFailsTheServantsRead() throws Exception {
    start(Duration.ofSeconds(1), Duration.ofSeconds(1));
    try (Socket s = declare(500_000, 100_000)) {
      long t0 = System.nanoTime();
      assertThat(status(s)).isEqualTo("400");
      assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000L);
      assertThat(g.readFailures).hasSize(1);
    }
  }

  @Test
  void aBodyTricklingUnderTheRateIsRefusedOnceTheGraceIsOver() throws Exception {
    try (Socket small = declare(4000, 10); Socket large = declare(500_000, 100)) {
      long t0 = System.nanoTime();
      while (System.nanoTime() - t0 < 2_500_000_000L) {
        Thread.sleep(200); // 5 bytes a second each: never idle for 1 s, far under 1 000 bytes a second
        trickle(small);
        trickle(large);
      }
      assertThat(answer(small)).startsWith("HTTP/1.1 408").contains("arrives too slowly");
      assertThat(status(large)).isEqualTo("400");
      assertThat(g.readFailures).singleElement().asString().contains("arrives too slowly");
    }
  }

  static void trickle(Socket s) {
    try {
      s.getOutputStream().write(new byte[1]);
    } catch (IOException refused) {
      // closed after its answer
    }
  }

  @Test
  void aBodyDeclaredOverTheLimitIsRefused413BeforeItIsRead() throws Exception {
    try (Socket s = declare(MAX + 1, 100)) {
      assertThat(status(s)).isEqualTo("413");
      assertThat(g.called).hasValue(0);
    }
  }

  @Test
  void aChunkedBodyOverTheLimitFailsOnceTheLimitIsPassed() throws Exception {
    ByteArrayOutputStream chunked = new ByteArrayOutputStream();
    byte[] block = new byte[64 << 10];
    for (int i = 0; i < 17; i++) { // 1 088 KiB
      chunked.write((Integer.toHexString(block.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      chunked.write(block);
      chunked.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    chunked.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    try (Socket s = send("Transfer-Encoding: chunked\r\n", chunked.toByteArray())) {
      assertThat(status(s)).isEqualTo("400");
      assertThat(g.readFailures).singleElement().asString().contains("larger than the hub accepts");
    }
    try (Socket s = send("Transfer-Encoding: chunked\r\n", "5\r\nhello\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII))) {
      assertThat(answer(s)).endsWith("read 5");
    }
  }

  @Test
  void largeBodiesStreamTwoAtOnceAndTheNextIsToldToRetry() throws Exception {
    Socket a = declare(500_000, 100_000);
    Socket b = declare(500_000, 100_000);
    try {
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (g.gate.streamingAvailable() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(10); // both dispatched to the servant
      }
      assertThat(g.gate.streamingAvailable()).isZero();
      try (Socket c = declare(500_000, 100_000)) {
        String refused = answer(c);
        assertThat(refused).startsWith("HTTP/1.1 503").containsIgnoringCase("Retry-After: 5");
      }
      a.getOutputStream().write(new byte[400_000]);
      assertThat(answer(a)).endsWith("read 500000");
      deadline = System.nanoTime() + 2_000_000_000L;
      while (g.gate.streamingAvailable() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(10); // the place is given back once the answer is written
      }
      assertThat(g.gate.streamingAvailable()).isOne();
      try (Socket d = declare(70_000, 70_000)) {
        assertThat(answer(d)).endsWith("read 70000");
      }
    } finally {
      a.close();
      b.close();
    }
  }
}
