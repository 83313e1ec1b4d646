package vn.lienthong.core.pdf;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

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
    Path tmp = Files.createTempFile(dir, "." + out.getFileName() + "-", ".part");
    temporaries.add(tmp);
    return tmp;
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
