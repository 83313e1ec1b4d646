package vn.lienthong.core.edxml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue's own figure: a 500 MB attachment passes through writer and reader with the heap limited
 * to 128 MiB. Surefire runs this class alone with {@code -Xmx128m} (execution
 * {@code small-heap-500mb} in the pom). The attachment is generated into a temporary file in chunks,
 * written into a signed envelope (667 MB of base64), read back, verified, and its decoded SHA-256
 * compared with the original's. Every file is deleted as soon as it is no longer needed, so the
 * test never holds more than about 1.2 GB in the temporary directory.
 */
class FiveHundredMegabyteAttachmentTest {

  private static final long SIZE = 500L * 1000 * 1000;

  @TempDir Path dir;

  @Test
  void aFiveHundredMegabyteAttachmentIsWrittenSignedReadAndVerifiedInA128MegabyteHeap() throws Exception {
    assertThat(Runtime.getRuntime().maxMemory()).as("run with -Xmx128m").isLessThanOrEqualTo(128L << 20);
    Path file = dir.resolve("big.pdf");
    String expected = LargeAttachmentStreamingTest.generate(file, SIZE);

    DocumentMessage template = (DocumentMessage) EdxmlReader.builder().attachmentDirectory(dir.resolve("t")).build()
        .read(Samples.open("edoc_new.edxml")).message();
    Attachment attachment = Attachment.of("cid:209", "1896_QD-TTg_m_294779.doc", "big", "application/pdf", file);
    assertThat(attachment.sha256()).isEqualTo(expected);
    Path edxml = dir.resolve("big.edxml");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(edxml), 1 << 16)) {
      EdxmlWriter.signing(TestKeys.EC.envelopeSigner()).write(template, List.of(attachment), out);
    }
    Files.delete(file);
    assertThat(Files.size(edxml)).isGreaterThan(SIZE * 4 / 3);

    Envelope read = EdxmlReader.builder().attachmentDirectory(dir.resolve("in")).build().read(edxml);
    Files.delete(edxml);
    assertThat(EnvelopeVerifier.create().verify(read)).isInstanceOf(VerificationResult.Valid.class);
    Attachment decoded = read.attachments().get(0);
    assertThat(decoded.size()).isEqualTo(SIZE).isEqualTo(Files.size(decoded.file()));
    assertThat(decoded.sha256()).isEqualTo(expected).isEqualTo(LargeAttachmentStreamingTest.sha256(decoded.file()));
    Files.delete(decoded.file());

    Runtime rt = Runtime.getRuntime();
    System.gc();
    assertThat(rt.totalMemory() - rt.freeMemory()).isLessThan(64L << 20);
  }
}
