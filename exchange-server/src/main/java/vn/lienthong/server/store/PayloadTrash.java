package vn.lienthong.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;

/**
 * Retention's side of the payload store: a payload leaves its name for {@code trash/} before its
 * time is read, so that an intake re-using it either touched it first (it is put back) or finds no
 * file and stores its own copy; and what a stopped process left there is put back, or removed.
 */
final class PayloadTrash {

  private final Path directory;
  private final Function<String, Path> path;
  private final FileSync sync;

  /** @param path where a payload lives under its name */
  PayloadTrash(Path directory, Function<String, Path> path, FileSync sync) {
    this.directory = directory;
    this.path = path;
    this.sync = sync;
  }

  Path directory() {
    return directory;
  }

  /**
   * The file moved out of its name (a touch through the name fails from now on), into a directory
   * of its own under {@code trash/}: a crash at any point leaves either the payload there, whole,
   * or an empty directory, never a file that could later be put back in the payload's place.
   */
  Optional<Path> moveToTrash(String sha256) throws IOException {
    Path slot = Files.createTempDirectory(directory, sha256 + ".");
    Path moved = slot.resolve(sha256);
    try {
      Files.move(path.apply(sha256), moved, StandardCopyOption.ATOMIC_MOVE);
      return Optional.of(moved);
    } catch (NoSuchFileException e) {
      PayloadStore.deleteRecursively(slot);
      return Optional.empty();
    }
  }

  /** Deletes a moved file untouched since {@code cutoff}, else puts it back; whether it was deleted. */
  boolean settle(Path moved, String sha256, Instant cutoff) throws IOException {
    FileTime touched;
    try {
      touched = Files.getLastModifiedTime(moved);
    } catch (NoSuchFileException e) {
      return false; // a starting hub put it back
    }
    if (touched.toInstant().isBefore(cutoff)) {
      PayloadStore.deleteRecursively(moved.getParent());
      return true;
    }
    putBack(moved, sha256);
    return false;
  }

  /**
   * Puts a moved file back under its name, touched (what comes back must not look older than an
   * intake's copy to the next retention run), and never over a file already there: an intake may
   * have put its own copy in place meanwhile (a rename would replace it; a hard link cannot), then
   * the moved one is dropped. Its directory under {@code trash/} goes too.
   */
  void putBack(Path moved, String sha256) throws IOException {
    Path target = path.apply(sha256);
    sync.createDirectories(target.getParent()); // ab/cd/ as a rule exist: new ones forced into their parents
    try {
      Files.setLastModifiedTime(moved, FileTime.from(Instant.now()));
      try {
        Files.createLink(target, moved);
      } catch (UnsupportedOperationException | FileSystemException noLinks) {
        if (noLinks instanceof FileAlreadyExistsException exists) {
          throw exists;
        }
        Files.move(moved, target); // no hard links here: not atomic, but still never over a file
      }
      sync.forceDirectory(target.getParent());
    } catch (FileAlreadyExistsException e) {
      // an intake put the same content in place meanwhile
    } catch (NoSuchFileException e) {
      // another hub put it back
    }
    PayloadStore.deleteRecursively(moved.getParent().equals(directory) ? moved : moved.getParent());
  }

  /**
   * What retention left in {@code trash/} when it stopped: the payload put back if it is whole (its
   * content has its name's SHA-256), anything else removed. An entry is a directory holding the file
   * ({@code trash/<sha>.<n>/<sha>}), or the file itself as hubs before 2026-11-27 left it: those
   * reserved the name as an empty file first, which a crash could leave to be "put back" over the
   * payload.
   */
  private void restore(Path entry) throws IOException {
    String name = entry.getFileName().toString();
    String sha = name.substring(0, Math.min(64, name.length()));
    Path file = Files.isDirectory(entry) ? entry.resolve(sha) : entry;
    if (PayloadStore.SHA256.matcher(sha).matches() && Files.isRegularFile(file) && sha.equals(digestOf(file))) {
      putBack(file, sha);
    }
    PayloadStore.deleteRecursively(entry);
  }

  private static String digestOf(Path file) throws IOException {
    MessageDigest digest = PayloadStore.sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[PayloadStore.BUFFER];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Puts back, or removes, every entry a stopped process left (at start-up). */
  void restoreAll() throws IOException {
    try (var moved = Files.list(directory)) {
      for (Path entry : moved.toList()) {
        restore(entry);
      }
    }
  }
}
