package vn.lienthong.core.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code .part} files an output is written into before it is renamed over its target (a
 * signed PDF, a fetched envelope, a report): so a target is whole or untouched, never half
 * written. One implementation for core, the client and {@code dx}.
 */
public final class PartFiles {

  private PartFiles() {}

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
