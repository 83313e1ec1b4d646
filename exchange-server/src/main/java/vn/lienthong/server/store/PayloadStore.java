package vn.lienthong.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienthong.server.error.HubError;
import vn.lienthong.server.error.HubException;

/**
 * A content-addressed store of payloads (edXML files) on disk: a file's name is its SHA-256, so
 * the same bytes are stored once however many messages or recipients refer to them, and several
 * hub processes can share one directory.
 *
 * <p>Writing is crash-safe: {@link #stage} streams into a temporary file while hashing and
 * fsyncs it; {@link #commit} renames it atomically to {@code ab/cd/<sha256>} and fsyncs the
 * directory. A crash leaves either no file or the whole file under its name, plus at worst
 * temporary files that {@link #cleanTemporary} removes at the next start.
 *
 * <p>Each store (each hub process) keeps its temporary files in a directory of its own,
 * {@code tmp/p-…/}, holding an exclusive lock on its {@code .lock} file while open: a hub that
 * starts removes only the directories whose lock is free (their process is gone), never the files
 * another running hub is receiving, verifying or sending.
 *
 * <p>Retention and intake never race for a file: {@link #deleteIfUntouchedSince} first moves the
 * file out of its name into {@code trash/} and only then looks at its time, while
 * {@link #commit} of the same content touches the file under its name. A touch that came first is
 * seen on the moved file (it is put back); one that comes later finds no file and puts its own
 * copy in place. What a crash leaves in {@code trash/} is put back at the next start.
 */
public final class PayloadStore implements AutoCloseable {

  static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  static final int BUFFER = 1 << 16;

  private static final Logger LOG = LoggerFactory.getLogger(PayloadStore.class);
  private static final String LOCK = ".lock";
  /** Loose temporary files of hubs before 2026-11-27 (directly in {@code tmp/}) are removed after this. */
  private static final Duration LOOSE_AGE = Duration.ofDays(1);

  private final Path root;
  private final Path tmpRoot;
  private final PayloadTrash trash;
  private final Path tmp;
  private final FileChannel lockChannel;
  private final FileSync sync;
  private final FanOutDirectories fanOut;
  /** Retention's deletions (read side) against a backup taking the payloads (write side). */
  private final ReadWriteLock removals = new ReentrantReadWriteLock();

  /** A payload written to a temporary file, not yet under its name. */
  public record Staged(Path file, String sha256, long size) {
    public Staged {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(sha256, "sha256");
    }
  }

  /** Opens (creating) the store in {@code root} with a temporary directory of its own; close it. */
  public PayloadStore(Path root) {
    this(root, FileSync.DISK);
  }

  /** A store whose fsyncs of directories go through {@code sync} (tests record them). */
  PayloadStore(Path root, FileSync sync) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath();
    this.sync = Objects.requireNonNull(sync, "sync");
    this.tmpRoot = this.root.resolve("tmp");
    this.trash = new PayloadTrash(this.root.resolve("trash"), this::path, sync);
    this.fanOut = new FanOutDirectories(this.root, sync);
    try {
      // the store, tmp/ and trash/ (and data.dir) forced into their parents when new: payloads and
      // retention's moves live under them; this process's own tmp/p-…/ is temporary, not forced
      sync.createDirectories(tmpRoot);
      sync.createDirectories(trash.directory());
      this.tmp = Files.createTempDirectory(tmpRoot, "p-");
      this.lockChannel = FileChannel.open(tmp.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the payload store in " + root, e);
    }
    try {
      lockChannel.lock();
    } catch (IOException e) {
      // e.g. NFS without lockd: still safe (an unlockable directory counts as in use), only what a
      // crashed hub leaves is no longer recognised
      LOG.warn("The payload store's file system refuses locks ({}): temporary files of crashed hub "
          + "processes stay in {} until removed by hand", e.getMessage(), tmpRoot);
    }
  }

  /** Where the store lives. */
  public Path root() {
    return root;
  }

  /** This store's own temporary directory (same file system as the payloads), for spooled requests and work files. */
  public Path temporaryDirectory() {
    return tmp;
  }

  /** A fresh temporary directory under the store (same file system), for work files. */
  public Path newWorkDirectory() {
    try {
      return Files.createTempDirectory(tmp, "work-");
    } catch (IOException e) {
      throw new HubException(HubError.UNAVAILABLE, "", "", e); // the hub's disk: retry later
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
      throw new HubException(HubError.UNAVAILABLE, "", "", e);
    }
    MessageDigest digest = sha256();
    long size = 0;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      OutputStream out = Channels.newOutputStream(ch);
      byte[] buffer = new byte[BUFFER];
      while (true) {
        int n;
        try {
          n = in.read(buffer);
        } catch (IOException io) {
          // the request's stream: the sender's side (cut short, too slow)
          throw new HubException(HubError.INVALID_REQUEST,
              "Không nhận được trọn gói tin / the envelope did not arrive whole: " + io.getMessage(), "", io);
        }
        if (n <= 0) {
          break;
        }
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
    } catch (IOException e) {
      // the hub's own disk (full, failing, not writable): retry later, the request was not at fault
      deleteQuietly(file);
      throw new HubException(HubError.UNAVAILABLE, "", "", e);
    } catch (RuntimeException e) {
      deleteQuietly(file);
      throw e;
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
      fanOut.create(staged.sha256(), target.getParent());
      try {
        // re-used: retention must not take it now (it deletes only files untouched for its period,
        // and looks at the time after it moved the file away: a touch either lands first or fails)
        Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
        deleteQuietly(staged.file());
        // the name may be one another intake (or retention putting it back) has just made and not
        // yet forced: this intake answers on it, so it forces it itself
        sync.forceDirectory(target.getParent());
        return;
      } catch (NoSuchFileException absent) {
        // not stored (or being deleted by retention): this copy goes in
      }
      try {
        Files.move(staged.file(), target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException e) {
        deleteQuietly(staged.file());
      } catch (AtomicMoveNotSupportedException e) {
        throw new IllegalStateException("The payload store needs atomic renames: " + root, e);
      }
      sync.forceDirectory(target.getParent());
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

  /**
   * Hands every stored payload whose file was last written or re-used before {@code cutoff} to
   * {@code each} (its SHA-256), walking the store's directories; what disappears meanwhile is
   * skipped.
   */
  public void forEachUntouchedSince(Instant cutoff, java.util.function.Consumer<String> each) {
    try (var first = Files.list(root)) {
      for (Path a : first.filter(PayloadStore::isFanOut).toList()) {
        try (var second = Files.list(a)) {
          for (Path b : second.filter(PayloadStore::isFanOut).toList()) {
            try (var files = Files.list(b)) {
              files.filter(f -> SHA256.matcher(f.getFileName().toString()).matches())
                  .filter(f -> untouchedSince(f, cutoff)).forEach(f -> each.accept(f.getFileName().toString()));
            }
          }
        }
      }
    } catch (NoSuchFileException e) {
      // a directory removed meanwhile: the next sweep sees the rest
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A directory of the store's two hex levels ({@code ab/cd/}), not {@code tmp/} or {@code trash/}. */
  static boolean isFanOut(Path p) {
    return Files.isDirectory(p) && p.getFileName().toString().matches("[0-9a-f]{2}");
  }

  /** Whether a payload is stored. */
  public boolean contains(String sha256) {
    return Files.isRegularFile(path(sha256));
  }

  /**
   * Deletes a payload no message refers to (retention) unless it was written or re-used since
   * {@code cutoff}; returns whether it was deleted. Missing is fine.
   */
  public boolean deleteIfUntouchedSince(String sha256, Instant cutoff) throws IOException {
    removals.readLock().lock();
    try {
      Optional<Path> moved = moveToTrash(sha256);
      return moved.isPresent() && settle(moved.get(), sha256, cutoff);
    } finally {
      removals.readLock().unlock();
    }
  }

  /** Held by a {@link Backup} while it takes the payloads: retention's deletions wait. */
  Lock removals() {
    return removals.writeLock();
  }

  /** Moves a payload into the trash (see {@link PayloadTrash#moveToTrash}). */
  Optional<Path> moveToTrash(String sha256) throws IOException {
    return trash.moveToTrash(sha256);
  }

  /** Deletes a moved file untouched since {@code cutoff}, else puts it back (see {@link PayloadTrash#settle}). */
  boolean settle(Path moved, String sha256, Instant cutoff) throws IOException {
    return trash.settle(moved, sha256, cutoff);
  }

  /**
   * Cleans up after crashed processes; call at start-up, before serving: removes the temporary
   * directories whose owner's lock is free, and loose temporary files of older hubs untouched
   * for a day; puts back what retention had moved away when it stopped.
   */
  public void cleanTemporary(Instant now) {
    try (var entries = Files.list(tmpRoot)) {
      for (Path entry : entries.toList()) {
        if (entry.equals(tmp)) {
          continue;
        }
        if (Files.exists(entry.resolve(LOCK)) ? ownerGone(entry) : untouchedSince(entry, now.minus(LOOSE_AGE))) {
          deleteRecursively(entry);
        }
      }
      trash.restoreAll();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Releases this store's lock and removes its temporary directory. */
  @Override
  public void close() {
    try {
      lockChannel.close();
    } catch (IOException e) {
      // the lock goes with the process anyway
    }
    deleteRecursively(tmp);
  }

  private static boolean ownerGone(Path dir) {
    try (FileChannel ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.WRITE)) {
      return ch.tryLock() != null;
    } catch (OverlappingFileLockException e) {
      return false; // another store in this JVM holds it
    } catch (IOException e) {
      return false; // cannot tell: in use
    }
  }

  private static boolean untouchedSince(Path entry, Instant limit) {
    try {
      return Files.getLastModifiedTime(entry).toInstant().isBefore(limit);
    } catch (IOException e) {
      return false;
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
