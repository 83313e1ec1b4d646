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

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Database.class);

  /** The two databases the hub runs on; the few statements that differ ask which one this is. */
  public enum Dialect { H2, POSTGRESQL }

  /** Work on a connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

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
  private final GroupCheckpoint checkpoints;
  /** Work holds it shared; a compaction exclusively, while the database is closed under the pool. */
  private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
  /** The H2 file ({@code .mv.db}) of a database in files; null otherwise. */
  private final Path h2File;
  /** The fsyncs the hub makes itself around H2's compaction (tests record them). */
  private final FileSync sync;

  private Database(HikariDataSource pool, Dialect dialect, Path h2File, FileSync sync) {
    this.pool = pool;
    this.dialect = dialect;
    this.h2File = h2File;
    this.sync = sync;
    this.checkpoints = new GroupCheckpoint(h2File != null);
  }

  /**
   * Opens the pool and migrates the schema. An H2 database in files is compacted first and then
   * opened without space re-use ({@link H2Files#withoutSpaceReuse}).
   *
   * @param url a JDBC URL, {@code jdbc:h2:…} or {@code jdbc:postgresql:…}
   */
  public static Database open(String url, String user, String password, int poolSize) {
    return open(url, user, password, poolSize, FileSync.DISK);
  }

  /** {@link #open(String, String, String, int)} with the fsyncs around compactions made through {@code sync}. */
  static Database open(String url, String user, String password, int poolSize, FileSync sync) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(sync, "sync");
    Dialect dialect;
    if (url.startsWith("jdbc:h2:")) {
      dialect = Dialect.H2;
    } else if (url.startsWith("jdbc:postgresql:")) {
      dialect = Dialect.POSTGRESQL;
    } else {
      throw new IllegalArgumentException("Unsupported JDBC URL (H2 or PostgreSQL only): " + url);
    }
    String jdbcUrl = url;
    if (dialect == Dialect.H2 && H2Files.isH2File(url)) {
      H2Files.compactH2(url, user, password, sync);
      jdbcUrl = H2Files.withoutSpaceReuse(url);
    }
    if (dialect == Dialect.H2) {
      jdbcUrl = H2Files.withQueryCache(jdbcUrl);
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
    return new Database(pool, dialect, dialect == Dialect.H2 && H2Files.isH2File(url) ? H2Files.h2File(url) : null, sync);
  }

  /** The SQL scripts of {@code db/migration} and the Java migrations, in the order of their versions. */
  static void migrate(DataSource dataSource) {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
        .javaMigrations(new SearchKeysMigration()).load().migrate();
  }

  /** Whether this is an H2 database in files, which {@link #compact} compacts. */
  public boolean inH2File() {
    return h2File != null;
  }

  /**
   * Rewrites an H2 database in files compactly while the hub runs. Without space re-use the file
   * grows by every transaction (see {@link H2Files#withoutSpaceReuse}); this does what a restart does
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
      rewrite();
      return Optional.of(new Compaction(before, size(h2File)));
    } finally {
      exclusive.unlock();
    }
  }

  /**
   * {@code SHUTDOWN COMPACT} with the gate held exclusively: H2 writes the live data into a new file,
   * forced, renamed over the old one; the hub forces it and its directory before work resumes. What
   * is committed is then durable, whatever an earlier checkpoint failed to write.
   */
  private void rewrite() {
    // not one of the pool's: closed by the shutdown, it could not be handed back
    try (Connection c = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
        Statement s = c.createStatement()) {
      s.execute("SHUTDOWN COMPACT");
    } catch (SQLException e) {
      throw failure(e);
    } finally {
      pool.getHikariPoolMXBean().softEvictConnections();
    }
    try {
      H2Files.makeRenameDurable(h2File, sync); // still exclusive: no work is acknowledged before
    } catch (IOException e) {
      throw new HubException(HubError.UNAVAILABLE, HubError.UNAVAILABLE.sentence(), "", e);
    }
    checkpoints.repaired();
  }

  /**
   * After a failed checkpoint nothing is acknowledged or answered from the database (a sender's retry
   * would be told "already accepted" from a commit that never reached the disk) until the file is
   * rewritten whole: the first work to come does that, the rest waits for it; until it succeeds,
   * every request is told to retry later.
   */
  private void repairIfBroken() {
    if (!checkpoints.broken()) {
      return;
    }
    if (h2File == null) {
      return; // a remote H2 server's file is its own to rewrite; in memory nothing is durable anyway
    }
    Lock exclusive = gate.writeLock();
    try {
      if (!exclusive.tryLock(BUSY_WAIT_MS, TimeUnit.MILLISECONDS)) {
        throw new HubException(HubError.UNAVAILABLE, HubError.UNAVAILABLE.sentence(), "");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HubException(HubError.UNAVAILABLE, HubError.UNAVAILABLE.sentence(), "", e);
    }
    try {
      if (checkpoints.broken()) {
        LOG.error("A checkpoint of the H2 database {} failed (fsync): rewriting the file before anything more is "
            + "acknowledged", h2File);
        rewrite();
        LOG.warn("The H2 database {} was rewritten after the failed checkpoint", h2File);
      }
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
    repairIfBroken();
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

  /**
   * Returns once everything committed so far, by any request, is durable. A read can see another
   * request's commit while that request still waits for its checkpoint (H2): an answer built on
   * what it saw ("already accepted") must not come first. PostgreSQL makes a commit visible only
   * once its WAL is flushed: nothing to wait for there.
   */
  public void awaitDurable() {
    if (dialect != Dialect.H2) {
      return;
    }
    inTransaction(c -> null); // its commit waits for a checkpoint that covers every earlier one
  }

  /** Runs {@code work} with auto-commit on: every statement is its own transaction. */
  public <T> T autoCommit(Work<T> work) {
    repairIfBroken();
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
