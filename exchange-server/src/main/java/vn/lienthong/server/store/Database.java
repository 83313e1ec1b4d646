package vn.lienthong.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import vn.lienthong.server.error.HubError;
import vn.lienthong.server.error.HubException;

/**
 * The hub's database: a HikariCP pool over H2 (embedded default) or PostgreSQL, migrated by
 * Flyway on open with the same scripts for both ({@code db/migration}). Work runs in
 * {@link #inTransaction} (one commit or nothing) or {@link #autoCommit} (one statement at a time).
 * An H2 database in files can be {@linkplain #compact(Duration) compacted} while the hub runs.
 */
public final class Database implements AutoCloseable {

  /** The two databases the hub runs on; the few statements that differ ask which one this is. */
  public enum Dialect { H2, POSTGRESQL }

  /** Work on a connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Statements H2 keeps parsed per connection (see {@link #withQueryCache}). */
  static final int QUERY_CACHE = 256;

  /** What an online compaction did: the file's size before and after. */
  public record Compaction(long bytesBefore, long bytesAfter) {}

  /** How long a request waits for a connection of a busy pool. */
  static final long BUSY_WAIT_MS = 30_000;
  /**
   * How long a request waits for a connection once the server was found unreachable: waiting
   * {@link #BUSY_WAIT_MS} then, every request held a hub thread and its client 30 s for an
   * UNAVAILABLE.
   */
  static final long UNREACHABLE_WAIT_MS = 2_000;

  private final HikariDataSource pool;
  /**
   * The last wait for a connection ended with none, or a connection broke off: the server is
   * unreachable (the pool keeps trying to open connections).
   */
  private volatile boolean unreachable;
  private final Dialect dialect;
  private final GroupCheckpoint checkpoints = new GroupCheckpoint();
  /** Work holds it shared; a compaction exclusively, while the database is closed under the pool. */
  private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
  /** The H2 file ({@code .mv.db}) of a database in files; null otherwise. */
  private final Path h2File;

  private Database(HikariDataSource pool, Dialect dialect, Path h2File) {
    this.pool = pool;
    this.dialect = dialect;
    this.h2File = h2File;
  }

  /**
   * Opens the pool and migrates the schema. An H2 database in files is compacted first and then
   * opened without space re-use ({@link #withoutSpaceReuse}).
   *
   * @param url a JDBC URL, {@code jdbc:h2:…} or {@code jdbc:postgresql:…}
   */
  public static Database open(String url, String user, String password, int poolSize) {
    Objects.requireNonNull(url, "url");
    Dialect dialect;
    if (url.startsWith("jdbc:h2:")) {
      dialect = Dialect.H2;
    } else if (url.startsWith("jdbc:postgresql:")) {
      dialect = Dialect.POSTGRESQL;
    } else {
      throw new IllegalArgumentException("Unsupported JDBC URL (H2 or PostgreSQL only): " + url);
    }
    String jdbcUrl = url;
    if (dialect == Dialect.H2 && isH2File(url)) {
      compactH2(url, user, password);
      jdbcUrl = withoutSpaceReuse(url);
    }
    if (dialect == Dialect.H2) {
      jdbcUrl = withQueryCache(jdbcUrl);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user == null ? "" : user);
    config.setPassword(password == null ? "" : password);
    config.setMaximumPoolSize(poolSize);
    config.setAutoCommit(true);
    config.setPoolName("hub-db");
    config.setConnectionTimeout(BUSY_WAIT_MS);
    HikariDataSource pool = new HikariDataSource(config);
    try {
      migrate(pool);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return new Database(pool, dialect, dialect == Dialect.H2 && isH2File(url) ? h2File(url) : null);
  }

  /** The SQL scripts of {@code db/migration} and the Java migrations, in the order of their versions. */
  static void migrate(DataSource dataSource) {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
        .javaMigrations(new SearchKeysMigration()).load().migrate();
  }

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
  private static void compactH2(String url, String user, String password) {
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
  }

  /** Whether this is an H2 database in files, which {@link #compact} compacts. */
  public boolean inH2File() {
    return h2File != null;
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

  /**
   * Rewrites an H2 database in files compactly while the hub runs. Without space re-use the file
   * grows by every transaction (see {@link #withoutSpaceReuse}); this does what a restart does
   * ({@code SHUTDOWN COMPACT}) without one: new work waits while running work finishes (up to
   * {@code maxWait}), the database is closed and compacted, and the pool's connections, now closed,
   * are replaced by new ones that open it again. Work waits for the compaction, it does not fail.
   *
   * @return the sizes, or empty when this is not an H2 database in files or running work did not
   *     finish within {@code maxWait} (nothing was done)
   */
  public Optional<Compaction> compact(Duration maxWait) {
    if (h2File == null) {
      return Optional.empty();
    }
    Lock exclusive = gate.writeLock();
    try {
      if (!exclusive.tryLock(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
        return Optional.empty();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    try {
      long before = size(h2File);
      // not one of the pool's: closed by the shutdown, it could not be handed back
      try (Connection c = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
          Statement s = c.createStatement()) {
        s.execute("SHUTDOWN COMPACT");
      } catch (SQLException e) {
        throw failure(e);
      } finally {
        pool.getHikariPoolMXBean().softEvictConnections();
      }
      return Optional.of(new Compaction(before, size(h2File)));
    } finally {
      exclusive.unlock();
    }
  }

  /** The size of the H2 file in bytes; -1 when this is not an H2 database in files. */
  public long h2FileBytes() {
    return h2File == null ? -1 : size(h2File);
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }

  /** Which database this is. */
  public Dialect dialect() {
    return dialect;
  }

  /** The pool, for tests and tools; what runs on it directly does not hold off a {@link #compact}. */
  public DataSource dataSource() {
    return pool;
  }

  /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
  public <T> T inTransaction(Work<T> work) {
    gate.readLock().lock();
    try (Connection c = connection()) {
      // the pool turns auto-commit back on when the connection returns to it: restoring it here, in
      // a finally, replaced a failure with "Connection is closed" once the pool had evicted it
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        if (dialect == Dialect.H2) {
          makeDurable(c);
        }
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollbackQuietly(c, e);
        throw e;
      }
    } catch (SQLException e) {
      throw failed(e);
    } finally {
      gate.readLock().unlock();
    }
  }

  /** Runs {@code work} with auto-commit on: every statement is its own transaction. */
  public <T> T autoCommit(Work<T> work) {
    gate.readLock().lock();
    try (Connection c = connection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw failed(e);
    } finally {
      gate.readLock().unlock();
    }
  }

  /**
   * A connection of the pool, within {@link #BUSY_WAIT_MS}; within {@link #UNREACHABLE_WAIT_MS}
   * while the server is unreachable, so that only the first request to find it gone waits long.
   */
  private Connection connection() throws SQLException {
    boolean wasUnreachable = unreachable;
    try {
      Connection c = wasUnreachable && pool.getHikariPoolMXBean() instanceof HikariPool hikari
          ? hikari.getConnection(UNREACHABLE_WAIT_MS) : pool.getConnection();
      unreachable = false;
      return c;
    } catch (SQLTransientConnectionException e) {
      // Hikari gives the pool's last failure to open a connection as the cause (cleared when one
      // opens): the server is unreachable; without a cause, the pool was only busy
      unreachable = e.getCause() != null;
      throw e;
    }
  }

  /** {@link #failure}, noting a connection the server broke off (SQLState class 08) as unreachable. */
  private HubException failed(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08")) {
        unreachable = true;
      }
    }
    return failure(e);
  }

  /**
   * H2 keeps a commit in memory until its background writer stores it (up to WRITE_DELAY, 500 ms,
   * later): a process killed in between loses transactions it acknowledged. So every committed
   * transaction is checkpointed and fsynced before the hub answers (shared by concurrent
   * transactions: {@link GroupCheckpoint}). PostgreSQL's commit is durable
   * by itself (fsync on, synchronous_commit on).
   */
  private void makeDurable(Connection c) throws SQLException {
    checkpoints.awaitDurable(c);
  }

  /** Whether {@code e} says a unique constraint was violated (23505 on both databases). */
  public static boolean isUniqueViolation(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private static void rollbackQuietly(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  /**
   * What a failed statement means for the caller: a value longer than its column (22001: a field
   * the request brought that no check stopped) is the request's fault, not worth a retry; anything
   * else is the database being unavailable.
   */
  private static HubException failure(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && "22001".equals(s.getSQLState())) {
        return new HubException(HubError.INVALID_REQUEST, "Một trường dài hơn trục lưu được / a field is longer than "
            + "the hub stores", "", e);
      }
    }
    return new HubException(HubError.UNAVAILABLE, HubError.UNAVAILABLE.sentence(), "", e);
  }

  @Override
  public void close() {
    pool.close();
  }
}
