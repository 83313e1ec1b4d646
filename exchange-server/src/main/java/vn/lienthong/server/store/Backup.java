package vn.lienthong.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * An online backup of a hub on H2 in files: a directory that is itself a data directory
 * ({@code hub.mv.db} and {@code payloads/}), so a hub started with {@code data.dir} on a copy of
 * it has every document acknowledged before the backup began. The database first (H2's
 * {@code BACKUP TO}, transactionally consistent while the hub runs), then the payloads: a payload
 * is durable before the transaction that names it commits, so every payload the database copy
 * names is on disk by then, and retention's deletions wait until the payloads are taken. Payloads
 * are hard-linked (they never change) when the backup is on the same file system, else copied.
 * The backup is written as {@code NAME.part} and renamed once all of it is forced to disk: a
 * directory without {@code .part} is complete.
 */
public final class Backup {

  /** What a backup took. */
  public record Result(Path directory, long databaseBytes, long payloads, long payloadBytes, boolean linked) {}

  private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'backup-'yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);

  private final Database db;
  private final PayloadStore payloads;
  private final Path root;
  private final FileSync sync;
  private final Clock clock;
  private final ReentrantLock running = new ReentrantLock();

  /** @param root where backups are written, one directory each; created when first needed */
  public Backup(Database db, PayloadStore payloads, Path root, Clock clock) {
    this(db, payloads, root, FileSync.DISK, clock);
  }

  Backup(Database db, PayloadStore payloads, Path root, FileSync sync, Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.payloads = Objects.requireNonNull(payloads, "payloads");
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    this.sync = Objects.requireNonNull(sync, "sync");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Where backups go. */
  public Path root() {
    return root;
  }

  /** Why this hub cannot take online backups at all, if it cannot. */
  public Optional<String> unavailable() {
    return db.inH2File() ? Optional.empty() : Optional.of("Online backup is for H2 in files; back up "
        + "PostgreSQL with pg_dump, then copy payloads/ (see the README)");
  }

  /**
   * Takes a backup now.
   *
   * @throws IllegalStateException when another backup is running, this is not H2 in files
   *     (PostgreSQL: see the README), or a backup of this second exists
   * @throws UncheckedIOException when writing failed (what was written is removed)
   */
  public Result run() {
    Optional<String> unavailable = unavailable();
    if (unavailable.isPresent()) {
      throw new IllegalStateException(unavailable.get());
    }
    if (!running.tryLock()) {
      throw new IllegalStateException("Another backup is running");
    }
    try {
      sync.createDirectories(root);
      String name = NAME.format(clock.instant());
      Path part = root.resolve(name + ".part");
      Path done = root.resolve(name);
      if (Files.exists(done) || Files.exists(part)) {
        throw new IllegalStateException("The backup " + name + " exists already (one per second)");
      }
      Files.createDirectory(part);
      try {
        Result taken = take(part, done);
        Files.move(part, done, StandardCopyOption.ATOMIC_MOVE);
        sync.forceDirectory(root);
        return taken;
      } catch (IOException | RuntimeException e) {
        PayloadStore.deleteRecursively(part);
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("The backup could not be written: " + e.getMessage(), e);
    } finally {
      running.unlock();
    }
  }

  private Result take(Path part, Path done) throws IOException {
    Path into = part.resolve("payloads");
    Set<Path> directories = new LinkedHashSet<>();
    long[] counts = new long[2];
    long databaseBytes;
    boolean linked;
    // held from before the database copy: retention forgets rows first and deletes their files
    // after, so a file it deleted between the copy and the walk would be named but missing
    payloads.removals().lock();
    try {
      databaseBytes = database(part);
      Files.createDirectory(into);
      linked = copyPayloads(into, directories, counts);
    } finally {
      payloads.removals().unlock();
    }
    List<Path> inOrder = new ArrayList<>(directories);
    for (int i = inOrder.size() - 1; i >= 0; i--) {
      sync.forceDirectory(inOrder.get(i)); // each ab/cd/ before its ab/
    }
    sync.forceDirectory(into);
    sync.forceDirectory(part);
    return new Result(done, databaseBytes, counts[0], counts[1], linked);
  }

  /** {@code BACKUP TO} a zip, unpacked into {@code hub.mv.db} (forced); its size. */
  private long database(Path part) throws IOException {
    Path zip = part.resolve("hub.zip");
    db.autoCommit(c -> {
      try (Statement s = c.createStatement()) {
        s.execute("BACKUP TO '" + zip.toString().replace("'", "''") + "'");
      }
      return null;
    });
    Path file = part.resolve("hub.mv.db");
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      int found = 0;
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        if (!e.getName().endsWith(".mv.db") || e.getName().contains("/") || ++found > 1) {
          throw new IOException("H2's backup holds an unexpected entry " + e.getName());
        }
        try (OutputStream out = Files.newOutputStream(file)) {
          in.transferTo(out);
        }
      }
      if (found == 0) {
        throw new IOException("H2's backup holds no database file");
      }
    }
    Files.delete(zip);
    sync.forceFile(file);
    return Files.size(file);
  }

  /** Links (or copies) every payload file into {@code into/ab/cd/}; whether all were linked. */
  private boolean copyPayloads(Path into, Set<Path> directories, long[] counts) throws IOException {
    boolean linked = true;
    try (var first = Files.list(payloads.root())) {
      for (Path a : first.filter(PayloadStore::isFanOut).sorted().toList()) {
        try (var second = Files.list(a)) {
          for (Path b : second.filter(PayloadStore::isFanOut).sorted().toList()) {
            Path target = into.resolve(a.getFileName().toString()).resolve(b.getFileName().toString());
            boolean created = false;
            try (var files = Files.list(b)) {
              for (Path f : files.filter(p -> PayloadStore.SHA256.matcher(p.getFileName().toString()).matches()).toList()) {
                if (!created) {
                  Files.createDirectories(target);
                  directories.add(target.getParent());
                  directories.add(target);
                  created = true;
                }
                linked &= linkOrCopy(f, target.resolve(f.getFileName().toString()));
                counts[0]++;
                counts[1] += Files.size(f);
              }
            }
          }
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return linked;
  }

  private boolean linkOrCopy(Path payload, Path target) throws IOException {
    try {
      Files.createLink(target, payload);
      return true;
    } catch (FileSystemException | UnsupportedOperationException e) {
      // another file system (EXDEV), or one without hard links
      try (InputStream in = Files.newInputStream(payload)) {
        Files.copy(in, target);
      }
      sync.forceFile(target);
      return false;
    }
  }
}
