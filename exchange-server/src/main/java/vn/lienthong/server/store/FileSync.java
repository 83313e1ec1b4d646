package vn.lienthong.server.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The store's fsyncs of whole files and of directories (their entries: names created, renamed,
 * linked), in one place so that a test can record which ones happen and in what order; a power
 * loss, unlike the SIGKILL of the crash tests, loses what was not forced.
 */
interface FileSync {

  /** Forces {@code file}'s content and metadata to disk (fsync). */
  void forceFile(Path file) throws IOException;

  /** Forces {@code dir}'s entries to disk (fsync of the directory). */
  void forceDirectory(Path dir) throws IOException;

  /** The real one. */
  FileSync DISK = new FileSync() {
    @Override
    public void forceFile(Path file) throws IOException {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        ch.force(true);
      }
    }

    @Override
    public void forceDirectory(Path dir) throws IOException {
      try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
        ch.force(true);
      }
    }
  };
}
