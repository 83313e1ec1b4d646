package vn.lienthong.client.dx;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import vn.lienthong.core.files.PartFiles;

/**
 * A file {@code dx} writes itself (a verification report) as the client writes a download and core a
 * signed PDF: into a new {@code .part} file beside it (the umask's mode), forced to disk, renamed over
 * the target, the directory forced. A run cut off (crash, full disk, Ctrl-C) leaves the old file
 * whole; a failure names the target, never the {@code .part} file, and leaves none behind.
 */
final class OutputFile {

  /** What goes into the file. */
  @FunctionalInterface
  interface Body {
    void write(OutputStream out) throws IOException;
  }

  private OutputFile() {}

  /** Writes {@code target} whole or not at all; {@link UncheckedIOException} "cannot write TARGET: why". */
  static void write(Path target, Body body) {
    Path dir = target.toAbsolutePath().getParent();
    Path part;
    try {
      part = PartFiles.create(dir, "." + target.getFileName() + "-");
    } catch (IOException e) {
      throw failed(target, e);
    }
    try {
      try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE);
          OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024)) {
        body.write(out);
        out.flush();
        channel.force(true);
      }
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      PartFiles.forceDirectory(dir);
    } catch (IOException e) {
      throw failed(target, e);
    } finally {
      try {
        Files.deleteIfExists(part);
      } catch (IOException e) {
        // left behind: a hidden .part file named after the target, harmless
      }
    }
  }

  /**
   * "cannot write TARGET: why": a file system exception's own message names the {@code .part} file,
   * so only its reason is said ("Is a directory", "No space left on device") or what its kind means.
   */
  private static UncheckedIOException failed(Path target, IOException e) {
    return new UncheckedIOException("Không ghi được / cannot write " + target + ": " + PartFiles.reason(e), e);
  }
}
