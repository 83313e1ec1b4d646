package vn.lienthong.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;
import vn.lienthong.server.error.HubError;
import vn.lienthong.server.error.HubException;

/**
 * A content-addressed store of payloads (edXML files) on disk: a file's name is its SHA-256, so
 * the same bytes are stored once however many messages or recipients refer to them, and several
 * hub processes can share one directory.
 *
 * <p>Writing is crash-safe: {@link #stage} streams into a temporary file while hashing and
 * fsyncs it; {@link #commit} renames it atomically to {@code ab/cd/<sha256>} and fsyncs the
 * directory. A crash leaves either no file or the whole file under its name, plus at worst a
 * temporary file in {@code tmp/} that {@link #cleanTemporary()} removes.
 */
public final class PayloadStore {

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final int BUFFER = 1 << 16;

  private final Path root;
  private final Path tmp;

  /** A payload written to a temporary file, not yet under its name. */
  public record Staged(Path file, String sha256, long size) {
    public Staged {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(sha256, "sha256");
    }
  }

  public PayloadStore(Path root) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath();
    this.tmp = this.root.resolve("tmp");
    try {
      Files.createDirectories(tmp);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the payload store in " + root, e);
    }
  }

  /** Where the store lives. */
  public Path root() {
    return root;
  }

  /** A fresh temporary directory under the store (same file system), for work files. */
  public Path newWorkDirectory() {
    try {
      return Files.createTempDirectory(tmp, "work-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Streams {@code in} into a temporary file, hashing it, and fsyncs it.
   *
   * @throws HubException {@link HubError#ENVELOPE_TOO_LARGE} past {@code maxBytes} (the partial
   *     file is deleted)
   */
  public Staged stage(InputStream in, long maxBytes) {
    Path file;
    try {
      file = Files.createTempFile(tmp, "in-", ".part");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    MessageDigest digest = sha256();
    long size = 0;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      OutputStream out = Channels.newOutputStream(ch);
      byte[] buffer = new byte[BUFFER];
      for (int n; (n = in.read(buffer)) > 0; ) {
        size += n;
        if (size > maxBytes) {
          throw new HubException(HubError.ENVELOPE_TOO_LARGE,
              "Gói tin vượt quá " + maxBytes + " byte / the envelope exceeds " + maxBytes + " bytes");
        }
        digest.update(buffer, 0, n);
        out.write(buffer, 0, n);
      }
      out.flush();
      ch.force(false); // fdatasync: the content and its length; the name is made durable by commit()
    } catch (IOException | RuntimeException e) {
      deleteQuietly(file);
      if (e instanceof IOException io) {
        throw new HubException(HubError.INVALID_REQUEST,
            "Không nhận được trọn gói tin / the envelope did not arrive whole: " + io.getMessage(), "", io);
      }
      throw (RuntimeException) e;
    }
    return new Staged(file, HexFormat.of().formatHex(digest.digest()), size);
  }

  /** Stages bytes the hub made itself (a status it generates). */
  public Staged stage(byte[] bytes) {
    return stage(new java.io.ByteArrayInputStream(bytes), Long.MAX_VALUE);
  }

  /**
   * Puts a staged file under its name, durably; when the same content is already stored the
   * temporary file is dropped.
   */
  public void commit(Staged staged) {
    Path target = path(staged.sha256());
    try {
      Files.createDirectories(target.getParent());
      if (Files.exists(target)) {
        deleteQuietly(staged.file());
        // re-used: retention must not take it now (it only deletes files untouched for its period)
        Files.setLastModifiedTime(target, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
        return;
      }
      try {
        Files.move(staged.file(), target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException e) {
        deleteQuietly(staged.file());
      } catch (AtomicMoveNotSupportedException e) {
        throw new IllegalStateException("The payload store needs atomic renames: " + root, e);
      }
      fsyncDirectory(target.getParent());
    } catch (IOException e) {
      throw new HubException(HubError.UNAVAILABLE, "", "", e);
    }
  }

  /** Drops a staged file that will not be committed. */
  public void discard(Staged staged) {
    deleteQuietly(staged.file());
  }

  /** Where a payload lives (it may not exist). */
  public Path path(String sha256) {
    if (!SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256);
    }
    return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
  }

  /** Whether a payload is stored. */
  public boolean contains(String sha256) {
    return Files.isRegularFile(path(sha256));
  }

  /** Deletes a payload (retention); missing is fine. */
  public void delete(String sha256) {
    deleteQuietly(path(sha256));
  }

  /** Removes temporary files a crash may have left; call at start-up, before serving. */
  public void cleanTemporary() {
    try (var files = Files.list(tmp)) {
      files.forEach(PayloadStore::deleteRecursively);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a file or directory tree, ignoring what is already gone. */
  public static void deleteRecursively(Path p) {
    try {
      if (Files.isDirectory(p)) {
        try (var children = Files.list(p)) {
          children.forEach(PayloadStore::deleteRecursively);
        }
      }
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // best effort: a later cleanTemporary() retries
    }
  }

  private static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // best effort
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
