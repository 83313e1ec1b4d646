package vn.lienthong.core.pdf;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The intermediate files of one signing run, beside the output: each step writes a new file, and
 * only the last is moved onto the output path, atomically. On failure every intermediate file is
 * removed, so no partial output remains and the input is never written.
 */
final class Outputs implements AutoCloseable {

  private final Path out;
  private final List<Path> temporaries = new ArrayList<>();

  Outputs(Path out) {
    this.out = out.toAbsolutePath();
  }

  Path next() throws IOException {
    Path dir = out.getParent();
    Path tmp = newPart(dir, "." + out.getFileName() + "-");
    temporaries.add(tmp);
    return tmp;
  }

  /**
   * A new empty file {@code dir/prefixNNN.part}, made as any new file is (its mode from the umask):
   * {@code Files.createTempFile} makes it 0600, and the signed PDF moved from it could then be read
   * by no one else (a shared folder, the document system's account).
   */
  static Path newPart(Path dir, String prefix) throws IOException {
    while (true) {
      try {
        return Files.createFile(dir.resolve(prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong())
            + ".part"));
      } catch (FileAlreadyExistsException taken) {
        // another name
      }
    }
  }

  void commit(Path last) throws IOException {
    try {
      Files.move(last, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(last, out, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Override
  public void close() {
    for (Path p : temporaries) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // best effort: a leftover .part file is hidden and named after the output
      }
    }
  }
}
