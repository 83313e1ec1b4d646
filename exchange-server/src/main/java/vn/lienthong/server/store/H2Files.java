package vn.lienthong.server.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/** H2 in files: the settings the hub adds to its URL, where the file is, and making its rewrites durable. */
final class H2Files {

  private H2Files() {}

  /** Statements H2 keeps parsed per connection (see {@link #withQueryCache}). */
  static final int QUERY_CACHE = 256;

  /**
   * H2 on disk: after a SIGKILL, H2 2.5's MVStore recovery sometimes settles on a chunk older than
   * the newest one written and checkpointed, so transactions acknowledged after that chunk's
   * commit vanish (CrashTest; README "Store"). With {@code REUSE_SPACE=FALSE} every chunk is appended
   * at the end of the file and recovery finds the newest one. A URL that sets {@code REUSE_SPACE}
   * itself is kept as it is.
   */
  static String withoutSpaceReuse(String url) {
    return url.toUpperCase(Locale.ROOT).contains(";REUSE_SPACE=") ? url : url + ";REUSE_SPACE=FALSE";
  }

  /**
   * H2 parses every prepared statement again unless its text is in the session's query cache,
   * which holds 8 by default; the hub's pooled connections run a few dozen distinct statements,
   * so at 8 nearly every call was parsed anew (5 % of the hub's CPU under load). A URL that sets
   * {@code QUERY_CACHE_SIZE} itself is kept as it is.
   */
  static String withQueryCache(String url) {
    return url.toUpperCase(Locale.ROOT).contains(";QUERY_CACHE_SIZE=") ? url : url + ";QUERY_CACHE_SIZE=" + QUERY_CACHE;
  }

  /** Whether {@code url} is an H2 database in files (not {@code mem:}, not a remote server). */
  static boolean isH2File(String url) {
    String rest = url.substring("jdbc:h2:".length()).toLowerCase(Locale.ROOT);
    return !rest.startsWith("mem:") && !rest.startsWith("tcp:") && !rest.startsWith("ssl:");
  }

  /**
   * Without space re-use the file only grows while the hub runs (tens of KB per transaction), so
   * every start first compacts it: opened once as H2 normally would (recovering after a crash),
   * then {@code SHUTDOWN COMPACT} rewrites the live data compactly before the pool opens. On a first
   * start the file's directory is created first, its name forced ({@link FileSync#createDirectories}).
   */
  static void compactH2(String url, String user, String password, FileSync sync) {
    Path onDisk = diskFile(url);
    if (onDisk != null) {
      try {
        sync.createDirectories(onDisk.getParent()); // else H2 creates it, its name never forced
      } catch (IOException e) {
        throw new IllegalStateException("Cannot create the directory of the H2 database " + onDisk + ": " + e, e);
      }
    }
    try (Connection c = DriverManager.getConnection(url, user == null ? "" : user, password == null ? "" : password);
        Statement s = c.createStatement()) {
      s.execute("SHUTDOWN COMPACT");
    } catch (SQLException e) {
      // at start-up: an operator reads this, not a client ("retry later" said nothing of the cause)
      Path file = h2File(url);
      if (e.getErrorCode() == org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1) {
        throw new IllegalStateException("The H2 database " + file + " is in use by another process (another hub "
            + "on the same data.dir?); H2 in files serves one hub process", e);
      }
      throw new IllegalStateException("Cannot open the H2 database " + file + ": " + e.getMessage(), e);
    }
    try {
      makeRenameDurable(h2File(url), sync);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot force the compacted H2 database " + h2File(url) + " to disk: " + e, e);
    }
  }

  /**
   * H2's {@code SHUTDOWN COMPACT} writes the data into {@code .mv.db.tempFile}, fsyncs it and renames
   * it over the {@code .mv.db} file, but does not fsync the directory: until something does, a power
   * loss may bring back the old name (the old file, without every transaction acknowledged after the
   * compaction, which went into the new one). So the file (again, whatever H2's version did) and its
   * directory are forced before any work runs on the new file.
   */
  static void makeRenameDurable(Path h2File, FileSync sync) throws IOException {
    if (!Files.isRegularFile(h2File)) {
      return; // one of H2's file systems not on the disk (memFS:, zip:, …): no file the hub can force
    }
    sync.forceFile(h2File);
    sync.forceDirectory(h2File.getParent());
  }

  /**
   * H2's file systems (2.x, {@code org.h2.store.fs}) that keep the database in a plain file on the disk
   * under the path that follows them: {@code file:} and {@code nio:} (both the disk's own,
   * {@code FilePathDisk}), {@code async:}, {@code nioMapped:} and {@code retry:} (wrappers opening the
   * same file another way), stackable ({@code retry:nio:}). {@code split:} (optionally {@code split:NN:})
   * keeps the first part under the name and the others beside it ({@code .1.part}, …, forced by H2 with
   * the first): forcing the first part and the directory makes its rename durable too. Not on the disk,
   * so left as they are (no file to force): {@code memFS:}, {@code memLZF:}, {@code nioMemFS:},
   * {@code nioMemLZF:} (memory) and {@code zip:} (read-only, inside an archive). H2 matches its schemes
   * case-sensitively; {@code file:} is taken in any case as before.
   */
  private static final java.util.regex.Pattern DISK_PREFIX =
      java.util.regex.Pattern.compile("^(?:(?i:file:)|nio:|async:|nioMapped:|retry:|split:(?:\\d+:)?)");

  /**
   * The {@code .mv.db} file of an H2 URL in files on the disk ({@link #h2File}); null for a database
   * not in files or on another of H2's file systems (memory, zip archive, one a test registered): what
   * is left after the disk prefixes has a scheme of its own ({@code name:} of two characters or more,
   * as H2 reads it).
   */
  static Path diskFile(String url) {
    return isH2File(url) && path(url).indexOf(':') < 2 ? h2File(url) : null;
  }

  /**
   * The {@code .mv.db} file of an H2 URL in files: the path after H2's disk file-system prefixes
   * ({@link #DISK_PREFIX}) up to its settings, {@code ~} the home directory. For another file system
   * the prefix stays in the path, which then names no regular file ({@link #makeRenameDurable} skips it).
   */
  static Path h2File(String url) {
    String path = path(url);
    if (path.startsWith("~")) {
      path = System.getProperty("user.home") + path.substring(1);
    }
    return Path.of(path + ".mv.db").toAbsolutePath().normalize();
  }

  /** The database's name in {@code url}: without H2's disk file-system prefixes and the settings. */
  private static String path(String url) {
    String path = url.substring("jdbc:h2:".length());
    int settings = path.indexOf(';');
    path = settings < 0 ? path : path.substring(0, settings);
    for (var m = DISK_PREFIX.matcher(path); m.find(); m = DISK_PREFIX.matcher(path)) {
      path = path.substring(m.end());
    }
    return path;
  }
}
