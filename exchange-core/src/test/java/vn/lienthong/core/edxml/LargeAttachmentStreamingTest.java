package vn.lienthong.core.edxml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory does not grow with attachment size. Surefire runs this class alone in a JVM with a 64 MiB
 * heap (execution {@code small-heap-streaming} in the pom), and the attachment is 80 MB: its base64
 * (107 MB of characters, 214 MB as a Java string) cannot be held, so writing, signing, reading and
 * verifying must all stream; so must schema validation.
 */
class LargeAttachmentStreamingTest {

  private static final long SIZE = 80L * 1000 * 1000;

  @TempDir Path dir;

  @Test
  void anEightyMegabyteAttachmentStreamsThroughWriterSchemaReaderAndVerifierInASmallHeap() throws Exception {
    assertThat(Runtime.getRuntime().maxMemory()).as("run with -Xmx64m").isLessThan(SIZE);
    Path file = dir.resolve("big.pdf");
    String expected = generate(file, SIZE);

    DocumentMessage template = (DocumentMessage) EdxmlReader.builder().attachmentDirectory(dir.resolve("t")).build()
        .read(Samples.open("edoc_new.edxml")).message();
    Attachment attachment = Attachment.of("cid:209", "1896_QD-TTg_m_294779.doc", "big", "application/pdf", file);
    assertThat(attachment.sha256()).isEqualTo(expected);
    Path edxml = dir.resolve("big.edxml");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(edxml), 1 << 16)) {
      EdxmlWriter.signing(TestKeys.EC.envelopeSigner()).write(template, List.of(attachment), out);
    }
    assertThat(Files.size(edxml)).isGreaterThan(SIZE * 4 / 3);
    try (InputStream in = Files.newInputStream(edxml)) {
      EdxmlSchema.validate(in);
    }

    Envelope read = EdxmlReader.builder().attachmentDirectory(dir.resolve("in")).build().read(edxml);
    Attachment decoded = read.attachments().get(0);
    assertThat(decoded.size()).isEqualTo(SIZE).isEqualTo(Files.size(decoded.file()));
    assertThat(decoded.sha256()).isEqualTo(expected).isEqualTo(sha256(decoded.file()));
    assertThat(EnvelopeVerifier.create().verify(read)).isInstanceOf(VerificationResult.Valid.class);

    Runtime rt = Runtime.getRuntime();
    System.gc();
    assertThat(rt.totalMemory() - rt.freeMemory()).isLessThan(SIZE / 4);
  }

  /** Writes {@code size} pseudo-random bytes in chunks (never all in memory) and returns their SHA-256. */
  static String generate(Path file, long size) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    SplittableRandom random = new SplittableRandom(42);
    byte[] chunk = new byte[1 << 16];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long written = 0; written < size; written += chunk.length) {
        int n = (int) Math.min(chunk.length, size - written);
        random.nextBytes(chunk);
        out.write(chunk, 0, n);
        md.update(chunk, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  static String sha256(Path file) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
