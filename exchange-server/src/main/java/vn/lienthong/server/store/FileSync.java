package vn.lienthong.server.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

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

  /**
   * Creates {@code dir} and its missing ancestors, as {@link Files#createDirectories}, and forces
   * each directory it created and the parent of the outermost one: a new directory's name is an entry
   * of its parent, lost with everything under it by a power loss until that parent is forced. Nothing
   * is forced when {@code dir} exists (a later start). For the directories the hub keeps what it
   * acknowledged in, not for temporary ones.
   */
  default void createDirectories(Path dir) throws IOException {
    Path target = dir.toAbsolutePath().normalize();
    List<Path> missing = new ArrayList<>(); // innermost first
    for (Path p = target; p != null && !Files.isDirectory(p); p = p.getParent()) {
      missing.add(p);
    }
    if (missing.isEmpty()) {
      return;
    }
    Files.createDirectories(target);
    for (Path created : missing) {
      forceDirectory(created); // its own entries: the name of the next one in
    }
    Path outermost = missing.get(missing.size() - 1);
    if (outermost.getParent() != null) {
      forceDirectory(outermost.getParent());
    }
  }

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
