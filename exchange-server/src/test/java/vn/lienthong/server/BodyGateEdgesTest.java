package vn.lienthong.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link BodyGate} on plain Jetty, as {@link BodyGateTest}, at its edges: bodies of one-byte
 * chunks, chunked bodies around the read-ahead size with trailers, and a port that was full.
 */
class BodyGateEdgesTest {

  static final long MAX = 1 << 20;

  GateServer g;

  @BeforeEach
  void start() throws Exception {
    g = new GateServer(new BodyGate(MAX, 2, Duration.ofSeconds(5), Duration.ofSeconds(60), 1000));
  }

  @AfterEach
  void stop() throws Exception {
    g.close();
  }

  static long heapUsed() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  /**
   * A chunked body of 60 000 chunks of one byte each, sent at once (360 kB on the wire), is under
   * 64 KiB and read ahead whole: each chunk is kept as an object of its own until the body ends.
   * Ten such bodies, 600 000 bytes in all, should not hold much more than their bytes.
   */
  @Test
  void aChunkedBodyOfOneByteChunksHoldsNoMoreThanItsBytes() throws Exception {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    for (int i = 0; i < 60_000; i++) {
      wire.write("1\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    byte[] body = wire.toByteArray();
    long before = heapUsed();
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < 10; i++) {
        Socket s = new Socket("127.0.0.1", g.port);
        OutputStream out = s.getOutputStream();
        out.write("POST /x HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));
        out.write(body); // never the last chunk
        out.flush();
        held.add(s);
      }
      Thread.sleep(1500);
      long grown = heapUsed() - before;
      System.out.println("10 chunked bodies of 60 000 one-byte chunks hold " + (grown >> 10) + " KiB of heap");
      assertThat(g.called).hasValue(0);
      assertThat(grown).isLessThan(10L << 20);
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  /** Chunked bodies of exactly 64 KiB and one byte more, in odd chunks, with trailers: read intact. */
  @Test
  void chunkedBodiesAroundTheEagerSizeWithTrailersArriveIntact() throws Exception {
    java.util.Random random = new java.util.Random(7);
    for (int size : new int[] {BodyGate.EAGER_BYTES, BodyGate.EAGER_BYTES + 1, 3 * BodyGate.EAGER_BYTES + 5}) {
      byte[] content = new byte[size];
      random.nextBytes(content);
      ByteArrayOutputStream wire = new ByteArrayOutputStream();
      int at = 0;
      while (at < size) {
        int n = Math.min(size - at, 1 + random.nextInt(3000));
        wire.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        wire.write(content, at, n);
        wire.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        at += n;
      }
      wire.write("0\r\nX-Trailer: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      try (Socket s = new Socket("127.0.0.1", g.port)) {
        OutputStream out = s.getOutputStream();
        out.write("POST /x HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));
        out.write(wire.toByteArray());
        out.flush();
        assertThat(GateServer.answer(s)).as("size " + size).startsWith("HTTP/1.1 200").endsWith("crc " + GateServer.crc(content) + " read " + size);
      }
    }
  }

  /**
   * The port reaches its connection cap and leaves it again (a connection closes): a body that
   * stopped arriving must still be refused after the gate's idle time (5 s here), not the
   * connector's (60 s here, CXF's 200 s on the hub).
   */
  @Test
  void aStalledBodyKeepsItsIdleTimeAfterThePortWasFull() throws Exception {
    ConnectionCap.apply(g.server, 3);
    try (Socket stalled = new Socket("127.0.0.1", g.port)) {
      stalled.getOutputStream().write("POST /x HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4000\r\n\r\nxx"
          .getBytes(StandardCharsets.US_ASCII));
      Thread.sleep(300);
      Socket idle1 = new Socket("127.0.0.1", g.port);
      Socket idle2 = new Socket("127.0.0.1", g.port); // the port is full: every connection gets 10 s
      Thread.sleep(300);
      idle2.close(); // and no longer: Jetty sets every connection's idle timeout to the connector's
      Thread.sleep(300);
      long t0 = System.nanoTime();
      String answer = GateServer.answer(stalled);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      idle1.close();
      assertThat(answer).startsWith("HTTP/1.1 408");
      assertThat(ms).as("ms until the stalled body was refused").isLessThan(8_000);
    }
  }
}
