package vn.lienthong.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import vn.lienthong.server.error.HubException;
import vn.lienthong.server.store.Database;
import vn.lienthong.server.store.Sql;

/**
 * The WS-Security replay cache kept in the database (table {@code replay_cache}), so that every
 * hub process on one database sees every other's requests. {@link #add} inserts a request under a
 * primary key derived from it; a request seen before, by this process or another at the same
 * moment, fails the insert and gets {@link Replayed}, which the hub answers like any other replay.
 * Rows live until the request's Timestamp expires (at most {@code maxLife} from now) and are
 * purged at most once a minute.
 */
public final class JdbcReplayCache {

  /** The request was already seen (thrown by {@link #add}). */
  public static final class Replayed extends RuntimeException {
    Replayed() {
      super("replayed request", null, false, false);
    }
  }

  private static final Duration PURGE_EVERY = Duration.ofMinutes(1);
  /** The latest Expires a key's prefix holds (12 hex digits of milliseconds: year 10889). */
  private static final Instant LAST_PREFIX = Instant.ofEpochMilli(0xFFFF_FFFF_FFFFL);
  private static final String INSERT = "INSERT INTO replay_cache (id, expires_at) VALUES (?, ?)";
  private static final String INSERT_UNLESS_LEGACY = "INSERT INTO replay_cache (id, expires_at) SELECT ?, ? "
      + "WHERE NOT EXISTS (SELECT 1 FROM replay_cache WHERE id = ?)";

  private final Database db;
  private final Clock clock;
  private final Duration maxLife;
  private final Instant legacyUntil;
  private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.MIN);

  /**
   * @param maxLife the longest a row is kept: past the timestamp's acceptance window (TTL plus
   *     future skew) a replay is refused as too old anyway
   */
  public JdbcReplayCache(Database db, Clock clock, Duration maxLife) {
    this.db = Objects.requireNonNull(db, "db");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxLife = Objects.requireNonNull(maxLife, "maxLife");
    this.legacyUntil = db.autoCommit(JdbcReplayCache::lastLegacyExpiry);
  }

  /**
   * Records a request, or refuses it as a replay.
   *
   * @param identifier WSS4J's identifier of the request (its Timestamp's Created, signature value
   *     and key)
   * @param expiry the request's Timestamp Expires (signed, so the same for a replay); null when it
   *     has none
   * @throws Replayed when the request was recorded before
   */
  public void add(String identifier, Instant expiry) {
    Instant now = clock.instant();
    Instant latest = now.plus(maxLife);
    Instant until = expiry == null || expiry.isAfter(latest) ? latest : expiry;
    purgeNowAndThen(now);
    boolean legacyRowsLive = legacyUntil != null && !now.isAfter(legacyUntil);
    // durable like any other write (H2: checkpointed): a row lost in a crash would let that
    // request be replayed for the rest of its Timestamp's life
    int inserted;
    try {
      inserted = db.inTransaction(c -> {
        try (PreparedStatement ps = c.prepareStatement(legacyRowsLive ? INSERT_UNLESS_LEGACY : INSERT)) {
          ps.setString(1, key(identifier, expiry));
          Sql.setInstant(ps, 2, until);
          if (legacyRowsLive) {
            ps.setString(3, legacyKey(identifier));
          }
          return ps.executeUpdate();
        }
      });
    } catch (HubException e) {
      if (e.getCause() instanceof SQLException s && Database.isUniqueViolation(s)) {
        throw new Replayed();
      }
      throw e;
    }
    if (inserted == 0) {
      throw new Replayed();
    }
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

  /**
   * Until when rows of the first key format may still refuse a replay (null: none left). A hub
   * started on a database the earlier version wrote checks those keys too until then.
   */
  private static Instant lastLegacyExpiry(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
            "SELECT MAX(expires_at) AS last_expiry FROM replay_cache WHERE id NOT LIKE '%.%'");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Sql.getInstant(rs, "last_expiry") : null;
    }
  }

  /**
   * The row's key: the request's Expires (milliseconds, 12 hex digits), a dot, and 51 hex digits
   * of the SHA-256 of WSS4J's identifier. The same request always has the same Expires (it is
   * signed), so a replay meets its own key; and since requests arrive roughly in the order of their
   * Expires, new keys land at the end of the primary key's B-tree instead of on a random page of
   * it (with a hash alone, every insert dirtied a random page, which H2 then wrote whole at the
   * next checkpoint). Keys without the dot are an earlier format's ({@link #legacyKey}).
   */
  static String key(String identifier, Instant expiry) {
    long millis = expiry == null || expiry.isBefore(Instant.EPOCH) ? 0
        : expiry.isAfter(LAST_PREFIX) ? LAST_PREFIX.toEpochMilli() : expiry.toEpochMilli();
    return String.format(Locale.ROOT, "%012x", millis) + "." + sha256Hex(identifier).substring(0, 51);
  }

  /** The key the first format gave a request: the SHA-256 of its identifier alone. */
  static String legacyKey(String identifier) {
    return sha256Hex(identifier);
  }

  private static String sha256Hex(String identifier) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(identifier.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
