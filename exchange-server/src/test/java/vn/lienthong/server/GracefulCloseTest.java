package vn.lienthong.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.lienthong.server.support.Calls.count;
import static vn.lienthong.server.support.Calls.pending;

import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.server.api.ws.ExchangePortType;
import vn.lienthong.server.api.ws.MessageInfo;
import vn.lienthong.server.api.ws.Receipt;
import vn.lienthong.server.api.ws.SendDocumentRequest;
import vn.lienthong.server.support.Calls;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubFixture;
import vn.lienthong.server.support.HubClient;
import vn.lienthong.server.support.TestPki;
import vn.lienthong.server.evidence.EvidenceHook;
import java.security.SecureRandom;

/**
 * Closing a hub (also what SIGTERM's shutdown hook does) while a document is being uploaded: the
 * upload in flight completes with its receipt, within a bounded drain, and the document is there
 * after a restart.
 */
class GracefulCloseTest {

  @TempDir Path dir;

  @Test
  void aSendInFlightWhenTheHubClosesCompletesWithItsReceipt() throws Exception {
    Path data = dir.resolve("hub");
    HubFixture fixture = HubFixture.h2(data, Clock.systemUTC(), Duration.ofMinutes(5));
    byte[] envelope = envelope("SLOW-CLOSE-1", 3 << 20);
    CountDownLatch started = new CountDownLatch(1);
    // about 4 MB at 1 MB/s: four seconds in flight
    DataSource slow = throttled(envelope, 1 << 20, 512 << 10, started);
    SendDocumentRequest r = new SendDocumentRequest();
    r.setEnvelope(new DataHandler(slow));
    r.setEnvelopeSha256(Calls.sha256(envelope));
    r.getAddress().add(DemoSet.HA_LONG);
    ExchangePortType client = fixture.client(DemoSet.PROVINCE);
    CompletableFuture<Receipt> sent = CompletableFuture.supplyAsync(() -> {
      try {
        return client.sendDocument(r).getReceipt();
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    assertThat(started.await(30, TimeUnit.SECONDS)).as("upload started").isTrue();
    ExchangePortType other = fixture.client(DemoSet.HA_LONG);
    pending(other); // its connection is open before closing begins

    long t0 = System.nanoTime();
    CompletableFuture<Void> closing = CompletableFuture.runAsync(fixture::close);
    Thread.sleep(500);
    // a request that arrives while the hub drains is refused as unavailable (the client retries)
    assertThatThrownBy(() -> pending(other)).hasStackTraceContaining("503: Service Unavailable");
    closing.get(60, TimeUnit.SECONDS);
    long closeMs = (System.nanoTime() - t0) / 1_000_000;
    System.out.println("GracefulCloseTest: close() took " + closeMs + " ms");

    Receipt receipt;
    try {
      receipt = sent.get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new AssertionError("the send in flight failed when the hub closed: " + e.getCause(), e.getCause());
    }
    assertThat(receipt.getDocumentId()).isEqualTo("SLOW-CLOSE-1");
    assertThat(closeMs).as("close() drains within its bound").isLessThan(40_000);

    // the acknowledged document is there after a restart, once
    try (Hub again = Hub.start(HubFixture.config(data, null, Duration.ofMinutes(5)), HubFixture.tls(TestPki.PKI),
        Clock.systemUTC(), new SecureRandom(), EvidenceHook.NONE)) {
      assertThat(count(again.database(), "message")).isEqualTo(1);
      List<MessageInfo> inbox = pending(HubClient.of(again.address(), DemoSet.HA_LONG));
      assertThat(inbox).extracting(MessageInfo::getDocumentId).containsExactly("SLOW-CLOSE-1");
    }
  }

  @Test
  void aSendLongerThanTheDrainIsCutOffAndNothingOfItIsStored() throws Exception {
    Path data = dir.resolve("hub");
    HubFixture fixture = HubFixture.start(HubFixture.config(data, null, Duration.ofMinutes(5)).toBuilder()
        .shutdownDrain(Duration.ofSeconds(1)).build(), Clock.systemUTC(), EvidenceHook.NONE);
    byte[] envelope = envelope("SLOW-CLOSE-2", 3 << 20);
    CountDownLatch started = new CountDownLatch(1);
    // about 4 MB at 256 KB/s: sixteen seconds in flight, far over the drain
    SendDocumentRequest r = new SendDocumentRequest();
    r.setEnvelope(new DataHandler(throttled(envelope, 256 << 10, 256 << 10, started)));
    r.setEnvelopeSha256(Calls.sha256(envelope));
    r.getAddress().add(DemoSet.HA_LONG);
    ExchangePortType client = fixture.client(DemoSet.PROVINCE);
    CompletableFuture<Receipt> sent = CompletableFuture.supplyAsync(() -> {
      try {
        return client.sendDocument(r).getReceipt();
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    assertThat(started.await(30, TimeUnit.SECONDS)).as("upload started").isTrue();
    long t0 = System.nanoTime();
    fixture.close();
    long closeMs = (System.nanoTime() - t0) / 1_000_000;
    assertThat(closeMs).as("close() waits the drain, not the upload").isLessThan(12_000);
    assertThatThrownBy(() -> sent.get(60, TimeUnit.SECONDS)).isInstanceOf(java.util.concurrent.ExecutionException.class);

    try (Hub again = Hub.start(HubFixture.config(data, null, Duration.ofMinutes(5)), HubFixture.tls(TestPki.PKI),
        Clock.systemUTC(), new SecureRandom(), EvidenceHook.NONE)) {
      assertThat(count(again.database(), "message")).isZero();
      assertThat(count(again.database(), "delivery")).isZero();
    }
  }

  byte[] envelope(String id, int size) throws IOException {
    Path files = Files.createDirectories(dir.resolve("files"));
    byte[] bytes = new byte[size];
    new Random(7).nextBytes(bytes);
    Path p = Files.write(files.resolve(id + ".bin"), bytes);
    Attachment a = Attachment.of("cid:a", "phu-luc.bin", "Phụ lục", "application/octet-stream", p);
    return Envelopes.signed(Envelopes.document(DemoSet.PROVINCE, id, List.of(DemoSet.HA_LONG), List.of(a)), List.of(a));
  }

  /** {@code bytes} read at {@code perSecond}; {@code started} counts down once {@code after} bytes were read. */
  static DataSource throttled(byte[] bytes, int perSecond, int after, CountDownLatch started) {
    return new DataSource() {
      @Override
      public InputStream getInputStream() {
        AtomicLong read = new AtomicLong();
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, Math.min(len, 16 << 10));
            if (n > 0) {
              if (read.addAndGet(n) >= after) {
                started.countDown();
              }
              try {
                Thread.sleep(Math.max(1, n * 1000L / perSecond));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException();
              }
            }
            return n;
          }

          @Override
          public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
          }
        };
      }

      @Override
      public OutputStream getOutputStream() {
        throw new UnsupportedOperationException();
      }

      @Override
      public String getContentType() {
        return "application/octet-stream";
      }

      @Override
      public String getName() {
        return "envelope";
      }
    };
  }
}
