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
   * then {@code SHUTDOWN COMPACT} rewrites the live data compactly before the pool opens.
   */
  static void compactH2(String url, String user, String password, FileSync sync) {
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
      return; // a URL of one of H2's other file systems (nio:, memFS:, …): not a path the hub can name
    }
    sync.forceFile(h2File);
    sync.forceDirectory(h2File.getParent());
  }

  /** The {@code .mv.db} file of an H2 URL in files: the path up to its settings, {@code ~} the home directory. */
  static Path h2File(String url) {
    String path = url.substring("jdbc:h2:".length());
    path = path.regionMatches(true, 0, "file:", 0, 5) ? path.substring(5) : path;
    int settings = path.indexOf(';');
    path = settings < 0 ? path : path.substring(0, settings);
    if (path.startsWith("~")) {
      path = System.getProperty("user.home") + path.substring(1);
    }
    return Path.of(path + ".mv.db").toAbsolutePath().normalize();
  }
}
