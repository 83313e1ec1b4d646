package vn.lienthong.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import vn.lienthong.server.error.HubError;
import vn.lienthong.server.error.HubException;

/**
 * The hub's database: a HikariCP pool over H2 (embedded default) or PostgreSQL, migrated by
 * Flyway on open with the same scripts for both ({@code db/migration}). Work runs in
 * {@link #inTransaction} (one commit or nothing) or {@link #autoCommit} (one statement at a time).
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

  private final HikariDataSource pool;
  private final Dialect dialect;
  private final GroupCheckpoint checkpoints = new GroupCheckpoint();

  private Database(HikariDataSource pool, Dialect dialect) {
    this.pool = pool;
    this.dialect = dialect;
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
    config.setConnectionTimeout(30_000);
    HikariDataSource pool = new HikariDataSource(config);
    try {
      Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return new Database(pool, dialect);
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
      throw unavailable(e);
    }
  }

  /** Which database this is. */
  public Dialect dialect() {
    return dialect;
  }

  /** The pool, for tests and tools. */
  public DataSource dataSource() {
    return pool;
  }

  /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
  public <T> T inTransaction(Work<T> work) {
    try (Connection c = pool.getConnection()) {
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
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  /** Runs {@code work} with auto-commit on: every statement is its own transaction. */
  public <T> T autoCommit(Work<T> work) {
    try (Connection c = pool.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw unavailable(e);
    }
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

  private static HubException unavailable(SQLException e) {
    return new HubException(HubError.UNAVAILABLE, HubError.UNAVAILABLE.sentence(), "", e);
  }

  @Override
  public void close() {
    pool.close();
  }
}
