package vn.lienthong.core.edxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The streaming base64 decoder of attachments: what it accepts and what it refuses. */
class Base64SinkTest {

  @Test
  void decodesMimeBase64FedInChunksOfAnySize() throws Exception {
    Random random = new Random(7);
    for (int size : new int[] {0, 1, 2, 3, 57, 1000, 100_003}) {
      byte[] raw = new byte[size];
      random.nextBytes(raw);
      char[] text = (" \t" + Base64.getMimeEncoder(76, "\r\n".getBytes()).encodeToString(raw) + "\n ").toCharArray();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Base64Sink sink = new Base64Sink(out, Long.MAX_VALUE);
      for (int i = 0; i < text.length; ) {
        int chunk = Math.min(text.length - i, 1 + random.nextInt(300));
        sink.write(text, i, chunk);
        i += chunk;
      }
      sink.close();
      assertThat(out.toByteArray()).as("%d bytes", size).isEqualTo(raw);
      assertThat(sink.written()).isEqualTo(size);
    }
  }

  @Test
  void refusesWhatIsNotBase64() {
    for (String bad : new String[] {"QUJD*", "QUJD\u00a0", "QUJDệ", "QU-D", "QUJD\u0000", "QUJD\u007f"}) {
      Base64Sink sink = new Base64Sink(new ByteArrayOutputStream(), Long.MAX_VALUE);
      assertThatThrownBy(() -> sink.write(bad.toCharArray(), 0, bad.length())).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a base64 character");
    }
  }

  @Test
  void refusesDataAfterPaddingAndTruncatedInput() throws Exception {
    Base64Sink padded = new Base64Sink(new ByteArrayOutputStream(), Long.MAX_VALUE);
    padded.write("QUI=".toCharArray(), 0, 4);
    assertThatThrownBy(() -> padded.write("QUJD".toCharArray(), 0, 4))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after base64 padding");
    Base64Sink sameChunk = new Base64Sink(new ByteArrayOutputStream(), Long.MAX_VALUE);
    assertThatThrownBy(() -> sameChunk.write("QUI=QUJD".toCharArray(), 0, 8))
        .isInstanceOf(IllegalArgumentException.class);
    Base64Sink truncated = new Base64Sink(new ByteArrayOutputStream(), Long.MAX_VALUE);
    truncated.write("QUJDR".toCharArray(), 0, 5);
    assertThatThrownBy(truncated::close).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void stopsAtTheBound() throws Exception {
    Base64Sink sink = new Base64Sink(new ByteArrayOutputStream(), 3);
    sink.write("QUJD".toCharArray(), 0, 4);
    assertThatThrownBy(() -> sink.write("QUJD".toCharArray(), 0, 4))
        .isInstanceOf(Base64Sink.AttachmentTooLargeException.class);
  }
}
