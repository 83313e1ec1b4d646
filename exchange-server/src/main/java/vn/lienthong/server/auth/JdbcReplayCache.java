package vn.lienthong.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.wss4j.common.cache.ReplayCache;
import vn.lienthong.server.error.HubException;
import vn.lienthong.server.store.Database;
import vn.lienthong.server.store.Sql;

/**
 * WSS4J's replay cache kept in the database (table {@code replay_cache}), so that every hub
 * process on one database sees every other's requests. WSS4J asks {@link #contains} and then
 * {@link #add}s; two processes receiving the same request at the same moment both pass
 * {@code contains}, so {@code add} inserts under a primary key and the loser gets
 * {@link Replayed}, which the hub answers like any other replay. Rows live until the request's
 * Timestamp expires (at most {@code maxLife} from now) and are purged at most once a minute.
 */
public final class JdbcReplayCache implements ReplayCache {

  /** The request was already seen (thrown by {@link #add} when another process won the race). */
  public static final class Replayed extends RuntimeException {
    Replayed() {
      super("replayed request", null, false, false);
    }
  }

  private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

  private final Database db;
  private final Clock clock;
  private final Duration maxLife;
  private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.MIN);

  /**
   * @param maxLife the longest a row is kept: past the timestamp's acceptance window (TTL plus
   *     future skew) a replay is refused as too old anyway
   */
  public JdbcReplayCache(Database db, Clock clock, Duration maxLife) {
    this.db = Objects.requireNonNull(db, "db");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxLife = Objects.requireNonNull(maxLife, "maxLife");
  }

  @Override
  public void add(String identifier) {
    add(identifier, null);
  }

  @Override
  public void add(String identifier, Instant expiry) {
    Instant now = clock.instant();
    Instant latest = now.plus(maxLife);
    Instant until = expiry == null || expiry.isAfter(latest) ? latest : expiry;
    purgeNowAndThen(now);
    // durable like any other write (H2: checkpointed): a row lost in a crash would let that
    // request be replayed for the rest of its Timestamp's life
    try {
      db.inTransaction(c -> {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO replay_cache (id, expires_at) VALUES (?, ?)")) {
          ps.setString(1, key(identifier));
          Sql.setInstant(ps, 2, until);
          return ps.executeUpdate();
        }
      });
    } catch (HubException e) {
      if (e.getCause() instanceof SQLException s && Database.isUniqueViolation(s)) {
        throw new Replayed();
      }
      throw e;
    }
  }

  @Override
  public boolean contains(String identifier) {
    return db.autoCommit(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM replay_cache WHERE id = ?")) {
        ps.setString(1, key(identifier));
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      }
    });
  }

  /** Deletes the rows whose time has passed; returns how many. */
  public int purge() {
    Instant now = clock.instant();
    return db.autoCommit(c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM replay_cache WHERE expires_at < ?")) {
        Sql.setInstant(ps, 1, now);
        return ps.executeUpdate();
      }
    });
  }

  private void purgeNowAndThen(Instant now) {
    Instant last = lastPurge.get();
    if (last.plus(PURGE_EVERY).isBefore(now) && lastPurge.compareAndSet(last, now)) {
      purge();
    }
  }

  @Override
  public void close() {
    // the database belongs to the hub
  }

  private static String key(String identifier) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(identifier.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
