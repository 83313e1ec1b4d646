package vn.lienthong.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.activation.DataHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.cxf.attachment.AttachmentDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A download lands whole or not at all, and never leaves its temporary file behind. */
class DownloadsTest {

  static final byte[] ENVELOPE = "<edXMLEnvelope>văn bản</edXMLEnvelope>".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  static DataHandler serving(InputStream in) {
    return new DataHandler(new AttachmentDataSource("application/octet-stream", in));
  }

  /** Half of the envelope, then the connection drops. */
  static InputStream cut() {
    return new SequenceInputStream(new ByteArrayInputStream(ENVELOPE, 0, ENVELOPE.length / 2), new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("connection reset");
      }
    });
  }

  @Test
  void aWholeDownloadIsMovedIntoPlaceIntoNewDirectories() throws Exception {
    Path target = dir.resolve("in").resolve("2026").resolve("a.edxml");

    long n = Downloads.save(serving(new ByteArrayInputStream(ENVELOPE)), target, ENVELOPE.length, Progress.NONE);

    assertThat(n).isEqualTo(ENVELOPE.length);
    assertThat(Files.readAllBytes(target)).isEqualTo(ENVELOPE);
    try (var files = Files.list(target.getParent())) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void aDownloadCutShortLeavesNoTargetAndNoTemporaryFile() throws Exception {
    Path target = dir.resolve("a.edxml");

    assertThatThrownBy(() -> Downloads.save(serving(cut()), target, ENVELOPE.length, Progress.NONE))
        .isInstanceOf(IOException.class).hasMessageContaining("connection reset");

    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aStreamShorterThanTheHubAnnouncedIsANetworkFailureAndLandsNowhere() throws Exception {
    Path target = dir.resolve("a.edxml");
    InputStream half = new ByteArrayInputStream(ENVELOPE, 0, ENVELOPE.length / 2);   // ends cleanly, early

    assertThatThrownBy(() -> Downloads.save(serving(half), target, ENVELOPE.length, Progress.NONE))
        .isInstanceOf(IOException.class).hasMessageContaining("announced " + ENVELOPE.length);

    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aTargetThatCannotBeWrittenIsALocalFailureNotARetriedNetworkOne() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");

    assertThatThrownBy(() -> Downloads.save(serving(new ByteArrayInputStream(ENVELOPE)),
        notADirectory.resolve("a.edxml"), ENVELOPE.length, Progress.NONE))
        .isInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot write");
  }

  /** The message names the file asked for: the .part file is a name the caller never gave, and it is gone. */
  @Test
  void aFailureToPutTheDownloadInPlaceNamesTheTargetNotItsPartFile() throws Exception {
    Path taken = Files.createDirectory(dir.resolve("taken.edxml"));

    assertThatThrownBy(() -> Downloads.save(serving(new ByteArrayInputStream(ENVELOPE)), taken, ENVELOPE.length,
        Progress.NONE)).isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("cannot write " + taken).hasMessageNotContaining(".part");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(taken);
    }
  }

  @Test
  void aDownloadCutShortLeavesAnEarlierCopyAsItWas() throws Exception {
    Path target = dir.resolve("a.edxml");
    Files.write(target, ENVELOPE);

    assertThatThrownBy(() -> Downloads.save(serving(cut()), target, ENVELOPE.length, Progress.NONE))
        .isInstanceOf(IOException.class);

    assertThat(Files.readAllBytes(target)).isEqualTo(ENVELOPE);
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }
}
