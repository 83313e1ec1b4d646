package vn.lienthong.core.files;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code .part} files an output is written into before it is renamed over its target (a
 * signed PDF, a fetched envelope, a report): so a target is whole or untouched, never half
 * written. One implementation for core, the client and {@code dx}.
 */
public final class PartFiles {

  /** What goes into a file. */
  @FunctionalInterface
  public interface Body {
    void write(OutputStream out) throws IOException;
  }

  /** The fsyncs of {@link #write}, apart so that a test can see them and their order. */
  interface Forcing {
    void file(Path file) throws IOException;

    void directory(Path dir);
  }

  private static final Forcing DISK = new Forcing() {
    @Override
    public void file(Path file) throws IOException {
      forceFile(file);
    }

    @Override
    public void directory(Path dir) {
      forceDirectory(dir);
    }
  };

  private PartFiles() {}

  /**
   * Writes {@code target} whole or not at all: into a new {@code .part} file beside it (see
   * {@link #create}), forced to disk, renamed over the target, the directory forced. A failure
   * leaves an earlier target as it was and no {@code .part} file; its message names the target and
   * the reason, never the {@code .part} file.
   */
  public static void write(Path target, Body body) throws IOException {
    write(target, body, DISK);
  }

  static void write(Path target, Body body, Forcing forcing) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path part;
    try {
      part = create(dir, "." + target.getFileName() + "-");
    } catch (IOException e) {
      throw failed(target, e);
    }
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(part), 64 * 1024)) {
        body.write(out);
      }
      forcing.file(part);
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      forcing.directory(dir);
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

  private static IOException failed(Path target, IOException e) {
    return new IOException("cannot write " + target + ": " + reason(e), e);
  }

  /** Forces a written file's content and metadata to disk, before it is renamed into place. */
  public static void forceFile(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  /**
   * A new empty file {@code dir/prefixNNN.part}, made as any new file is (its mode from the umask):
   * {@code Files.createTempFile} makes it 0600, and the output moved from it could then be read by
   * no one else (a shared folder, the document system's account).
   */
  public static Path create(Path dir, String prefix) throws IOException {
    while (true) {
      try {
        return Files.createFile(dir.resolve(prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong())
            + ".part"));
      } catch (FileAlreadyExistsException taken) {
        // another name
      }
    }
  }

  /**
   * Why writing failed, without the path a file system exception carries (a {@code .part} file's,
   * a name the user never gave): its reason ("No space left on device", "Is a directory"), else
   * what its kind says.
   */
  public static String reason(IOException e) {
    if (e instanceof FileSystemException f) {
      if (f.getReason() != null) {
        return f.getReason();
      }
      if (f instanceof NoSuchFileException) {
        return "no such file or directory";
      }
      if (f instanceof AccessDeniedException) {
        return "permission denied";
      }
      return f.getClass().getSimpleName();
    }
    return String.valueOf(e.getMessage());
  }

  /**
   * Forces {@code dir}'s entries (a rename into it) to disk; where a directory cannot be opened
   * (Windows) the rename is as durable as it gets there.
   */
  public static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // not a directory one can open on this platform
    }
  }
}
