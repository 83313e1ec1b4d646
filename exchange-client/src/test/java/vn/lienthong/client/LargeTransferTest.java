package vn.lienthong.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static vn.lienthong.sample.pki.DemoSet.FINANCE;
import static vn.lienthong.sample.pki.DemoSet.PROVINCE;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.edxml.EdxmlReader;
import vn.lienthong.core.edxml.Envelope;

/**
 * Files, not memory: a 160 MiB attachment is written into a signed envelope (about 214 MiB once
 * base64-encoded), sent, fetched back and read, by hub and client in one JVM whose heap is 128 MiB
 * (its own surefire execution, see the pom). The request is WS-Security-signed like every other
 * (issue 6): the signature covers the Body's {@code xop:Include} and {@code EnvelopeSha256}, never
 * the attachment's bytes in a DOM, on both sides; had either side expanded it, this heap would not
 * hold it.
 */
class LargeTransferTest {

  static final long SIZE = 160L << 20;

  @TempDir
  Path dir;

  @Test
  void aDocumentLargerThanTheHeapGoesThereAndBack() throws Exception {
    // with -Dtest=… surefire runs it in the default execution too: there it has nothing to prove
    assumeTrue(Runtime.getRuntime().maxMemory() < SIZE, "runs in its own -Xmx128m execution");
    // a scanned map (not a PDF: the hub verifies PDFs' signatures; this test is about size)
    Path big = dir.resolve("ban-do.tif");
    byte[] block = new byte[1 << 20];
    Random random = new Random(7);
    try (OutputStream out = Files.newOutputStream(big)) {
      out.write(new byte[] {'I', 'I', 42, 0});
      for (long n = 0; n < SIZE; n += block.length) {
        random.nextBytes(block);
        out.write(block);
      }
    }
    AtomicLong sent = new AtomicLong();
    AtomicLong received = new AtomicLong();
    try (TestHub hub = TestHub.start(dir);
        ExchangeClient province = hub.builder(PROVINCE).progress((f, done, total) -> sent.set(done)).build();
        ExchangeClient finance = hub.builder(FINANCE).progress((f, done, total) -> received.set(done)).build()) {
      Path envelope = DocumentBuilder.from(PROVINCE, "UBND tỉnh", Clock.systemUTC()).to(FINANCE, "Sở Tài chính")
          .documentId("BIG-1").subject("V/v bản đồ quy hoạch").attach(big, "image/tiff", "Bản đồ")
          .write(TestHub.signer(PROVINCE), dir.resolve("big.edxml"));
      long envelopeSize = Files.size(envelope);
      assertThat(province.send(envelope).recipients()).isEqualTo(1);
      assertThat(sent.get()).isEqualTo(envelopeSize);

      InboxMessage m = finance.pending(1).messages().get(0);
      FetchedMessage fetched = finance.fetch(m.messageRef(), dir.resolve("in").resolve("big.edxml"));
      assertThat(fetched.bytes()).isEqualTo(envelopeSize);
      assertThat(received.get()).isEqualTo(envelopeSize);
      Envelope read = EdxmlReader.builder().attachmentDirectory(Files.createDirectories(dir.resolve("att")))
          .maxAttachmentBytes(1L << 30).build().read(fetched.envelope());
      assertThat(read.attachments()).singleElement().satisfies(a -> assertThat(a.size()).isEqualTo(Files.size(big)));
      finance.confirm(m);
    }
  }
}
