package vn.lienthong.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BodySpool} behind {@link BodyGate} on a Jetty of 24 threads ({@link GateServer}), with one
 * streaming place (none in the last test): once a stalled upload holds it, more uploads are received into files without a
 * thread and answered whole (they were answered 503, so a few certificates trickling uploads kept
 * every other unit's documents out); beyond the spool's budget 503 again; no file outlives its
 * request.
 */
class BodySpoolTest {

  static final long MAX = 1 << 20;

  @TempDir Path dir;
  GateServer g;
  BodySpool.Store store;

  void start(long budget, Duration idle, int places) throws Exception {
    store = new BodySpool.Store(dir, budget);
    g = new GateServer(new BodyGate(MAX, places, store, idle, Duration.ofSeconds(1), 1000));
  }

  @AfterEach
  void stop() throws Exception {
    g.close();
  }

  @Test
  void withTheStreamingPlaceHeldUploadsTrickledByMoreClientsThanThreadsAreSpooledAndAnsweredWhole()
      throws Exception {
    start(MAX * 40, Duration.ofSeconds(10), 1);
    List<Socket> open = new ArrayList<>();
    try {
      Socket holder = declare(500_000, new byte[100_000]);
      open.add(holder);
      awaitStreamingTaken();
      List<byte[]> bodies = new ArrayList<>();
      List<Socket> spooled = new ArrayList<>();
      for (int i = 0; i < 30; i++) { // more than the server's 24 threads
        byte[] body = random(200_000, i);
        bodies.add(body);
        Socket s = declare(body.length, java.util.Arrays.copyOf(body, 100_000));
        open.add(s);
        spooled.add(s);
      }
      awaitFiles(30);
      try (Socket small = g.send("Content-Length: 5\r\n", "hello".getBytes(StandardCharsets.US_ASCII))) {
        assertThat(GateServer.answer(small)).as("a thread is still free").endsWith("read 5");
      }
      for (int i = 0; i < spooled.size(); i++) {
        spooled.get(i).getOutputStream().write(bodies.get(i), 100_000, 100_000);
      }
      for (int i = 0; i < spooled.size(); i++) {
        assertThat(GateServer.answer(spooled.get(i))).startsWith("HTTP/1.1 200")
            .endsWith("crc " + GateServer.crc(bodies.get(i)) + " read 200000");
      }
      holder.getOutputStream().write(new byte[400_000]);
      assertThat(GateServer.answer(holder)).endsWith("read 500000");
    } finally {
      for (Socket s : open) {
        s.close();
      }
    }
    awaitFiles(0);
    assertThat(store.used()).hasValue(0);
  }

  @Test
  void beyondTheBudgetTheNextUploadIsToldToRetryAndAChunkedOneSpoolsToo() throws Exception {
    start(250_000, Duration.ofSeconds(10), 1);
    try (Socket holder = declare(500_000, new byte[100_000])) {
      awaitStreamingTaken(); // the holder's: the next are spooled
      Socket first = declare(200_000, new byte[150_000]);
      awaitFiles(1);
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (store.used().get() < 150_000 && System.nanoTime() < deadline) {
        Thread.sleep(10); // all of the first's bytes spooled: the second is the one over the budget
      }
      assertThat(store.used()).hasValue(150_000);
      try (Socket second = declare(200_000, new byte[150_000])) {
        assertThat(GateServer.answer(second)).startsWith("HTTP/1.1 503").containsIgnoringCase("Retry-After: 5");
      }
      first.getOutputStream().write(new byte[50_000]);
      assertThat(GateServer.answer(first)).endsWith("read 200000");
      first.close();
      awaitFiles(0);
      byte[] body = random(100_000, 7);
      byte[] chunked = chunk(body);
      try (Socket c = g.send("Transfer-Encoding: chunked\r\n", chunked)) {
        assertThat(GateServer.answer(c)).endsWith("crc " + GateServer.crc(body) + " read 100000");
      }
    }
    awaitFiles(0);
    assertThat(store.used()).hasValue(0);
  }

  @Test
  void aSpooledUploadThatStopsOrIsAbandonedLeavesNoFile() throws Exception {
    start(MAX * 4, Duration.ofSeconds(1), 0); // no streaming place: every large body spools
    try (Socket stalled = declare(200_000, new byte[100_000])) {
      assertThat(GateServer.answer(stalled)).startsWith("HTTP/1.1 408");
    }
    Socket abandoned = declare(200_000, new byte[100_000]);
    awaitFiles(1);
    abandoned.close();
    awaitFiles(0);
    assertThat(g.called).as("the servant never saw either").hasValue(0);
    assertThat(store.used()).hasValue(0);
  }

  private Socket declare(long length, byte[] sent) throws IOException {
    return g.send("Content-Length: " + length + "\r\n", sent);
  }

  private void awaitStreamingTaken() throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (g.gate.streamingAvailable() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(g.gate.streamingAvailable()).isZero();
  }

  private void awaitFiles(int n) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (files() != n && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(files()).as("spool files").isEqualTo(n);
  }

  private long files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static byte[] chunk(byte[] body) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int off = 0; off < body.length; off += 10_000) {
      int n = Math.min(10_000, body.length - off);
      out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body, off, n);
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }
}
