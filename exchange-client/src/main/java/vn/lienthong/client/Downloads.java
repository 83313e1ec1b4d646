package vn.lienthong.client;

import jakarta.activation.DataHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Where fetched envelopes and evidence bundles land: streamed into a temporary file beside the
 * target, forced to disk, moved into place, the directory forced too. So the target is never half
 * written, and a message confirmed after its fetch returned is on disk even if the power goes
 * (the hub forgets it once confirmed: the agency's copy is then the only one).
 */
final class Downloads {

  private Downloads() {}

  /** Streams {@code data} into {@code target}; answers the bytes written. */
  static long save(DataHandler data, Path target, long size, Progress progress) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".fetch-", ".part");
    try {
      long written;
      try (InputStream in = new Wire.Counting(data.getInputStream(), target.getFileName().toString(), size, progress);
          FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        written = in.transferTo(Channels.newOutputStream(out));
        out.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      forceDirectory(dir);
      return written;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // some platforms cannot open a directory (Windows): there the rename is as durable as it gets
    }
  }
}
