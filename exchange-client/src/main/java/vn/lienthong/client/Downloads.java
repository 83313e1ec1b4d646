package vn.lienthong.client;

import jakarta.activation.DataHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import vn.lienthong.core.files.PartFiles;

/**
 * Where fetched envelopes and evidence bundles land: streamed into a temporary file beside the
 * target, forced to disk, moved into place, the directory forced too. So the target is never half
 * written, and a message confirmed after its fetch returned is on disk even if the power goes
 * (the hub forgets it once confirmed: the agency's copy is then the only one).
 *
 * <p>Failures are of two kinds: reading from the hub ({@link IOException}: the caller retries the
 * download like any network failure; also a stream shorter than the size the hub announced) and
 * writing here ({@link UncheckedIOException}: a full disk or a path that cannot be a file, which no
 * retry mends).
 */
final class Downloads {

  private Downloads() {}

  /** Streams {@code data} into {@code target}; answers the bytes written. {@code size} -1: not known. */
  static long save(DataHandler data, Path target, long size, Progress progress) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = local(() -> {
      Files.createDirectories(dir);
      return PartFiles.create(dir, ".fetch-");
    }, target);
    try {
      long written;
      try (InputStream in = new Wire.Counting(data.getInputStream(), target.getFileName().toString(), size, progress);
          FileChannel out = local(() -> FileChannel.open(tmp, StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING), target)) {
        written = copy(in, out, target);
        local(() -> {
          out.force(true);
          return null;
        }, target);
      }
      if (size >= 0 && written != size) {
        throw new IOException("the hub announced " + size + " bytes, " + written + " came");
      }
      local(() -> Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE), target);
      PartFiles.forceDirectory(dir);
      return written;
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        // left behind: a hidden .part file, harmless
      }
    }
  }

  /** Copies the hub's stream to the file; a failed write is local, a failed read is the network's. */
  private static long copy(InputStream in, FileChannel out, Path target) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    long written = 0;
    for (int n; (n = in.read(buffer.array())) >= 0; ) {
      buffer.clear().limit(n);
      while (buffer.hasRemaining()) {
        local(() -> out.write(buffer), target);
      }
      written += n;
    }
    return written;
  }

  /** Local file work. */
  private interface LocalWork<T> {
    T run() throws IOException;
  }

  private static <T> T local(LocalWork<T> work, Path target) {
    try {
      return work.run();
    } catch (IOException e) {
      throw new UncheckedIOException("Không ghi được / cannot write " + target + ": " + PartFiles.reason(e), e);
    }
  }
}
