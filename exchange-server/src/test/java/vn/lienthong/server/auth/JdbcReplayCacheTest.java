package vn.lienthong.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.server.store.Database;
import vn.lienthong.server.store.Sql;
import vn.lienthong.server.support.Calls;
import vn.lienthong.server.support.MutableClock;
import vn.lienthong.server.support.TestDatabases;

/** The replay cache on H2 and PostgreSQL: seen once, refused twice, forgotten after its time. */
class JdbcReplayCacheTest {

  private static final Instant NOW = Instant.parse("2026-11-26T07:00:00Z");

  @TempDir
  Path dir;

  @Test
  void h2() {
    try (Database db = Database.open("jdbc:h2:file:" + dir.resolve("db"), "", "", 4)) {
      check(db);
    }
    try (Database db = Database.open("jdbc:h2:file:" + dir.resolve("legacy"), "", "", 4)) {
      legacyRowsStillRefuse(db);
    }
  }

  @Test
  void postgres() {
    TestDatabases.requirePostgres();
    TestDatabases.Jdbc pg = TestDatabases.freshPostgres();
    try (Database db = Database.open(pg.url(), pg.user(), pg.password(), 4)) {
      check(db);
    }
    TestDatabases.Jdbc legacy = TestDatabases.freshPostgres();
    try (Database db = Database.open(legacy.url(), legacy.user(), legacy.password(), 4)) {
      legacyRowsStillRefuse(db);
    }
  }

  static void check(Database db) {
    MutableClock clock = new MutableClock(NOW);
    JdbcReplayCache cache = new JdbcReplayCache(db, clock, Duration.ofMinutes(10));
    JdbcReplayCache otherHub = new JdbcReplayCache(db, clock, Duration.ofMinutes(10));
    Instant expires = NOW.plusSeconds(300);
    cache.add("2026-11-26T07:00:00Z|sig|key", expires);
    assertThatThrownBy(() -> otherHub.add("2026-11-26T07:00:00Z|sig|key", expires))
        .as("seen by another process: the loser of a race is told").isInstanceOf(JdbcReplayCache.Replayed.class);
    assertThatThrownBy(() -> cache.add("2026-11-26T07:00:00Z|sig|key", expires))
        .isInstanceOf(JdbcReplayCache.Replayed.class);
    assertThatCode(() -> cache.add("2026-11-26T07:00:00Z|other-sig|key", expires)).doesNotThrowAnyException();
    // an Expires far ahead is kept no longer than maxLife
    Instant farAhead = Instant.parse("2099-01-01T00:00:00Z");
    cache.add("far", farAhead);
    assertThat(Calls.count(db, "replay_cache")).isEqualTo(3);
    clock.advance(Duration.ofMinutes(6));
    assertThat(cache.purge()).isEqualTo(2);
    clock.advance(Duration.ofMinutes(5));
    assertThat(cache.purge()).isEqualTo(1);
    assertThatCode(() -> cache.add("far", farAhead)).as("forgotten after maxLife").doesNotThrowAnyException();
  }

  /** A hub upgraded from the first key format still refuses the requests those rows hold. */
  static void legacyRowsStillRefuse(Database db) {
    MutableClock clock = new MutableClock(NOW);
    db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO replay_cache (id, expires_at) VALUES (?, ?)")) {
        ps.setString(1, JdbcReplayCache.legacyKey("seen-before-the-upgrade"));
        Sql.setInstant(ps, 2, NOW.plusSeconds(300));
        return ps.executeUpdate();
      }
    });
    JdbcReplayCache cache = new JdbcReplayCache(db, clock, Duration.ofMinutes(10));
    assertThatThrownBy(() -> cache.add("seen-before-the-upgrade", NOW.plusSeconds(300)))
        .isInstanceOf(JdbcReplayCache.Replayed.class);
    cache.add("new", NOW.plusSeconds(300));
    assertThatThrownBy(() -> cache.add("new", NOW.plusSeconds(300))).isInstanceOf(JdbcReplayCache.Replayed.class);
  }

  @Test
  void keysFollowTheRequestsExpiresAndFitTheColumn() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      keys.add(JdbcReplayCache.key("request-" + (50 - i), NOW.plusMillis(i * 7L)));
    }
    assertThat(keys).isSorted().allSatisfy(k -> assertThat(k).hasSize(64).contains("."));
    assertThat(JdbcReplayCache.key("a", NOW)).isEqualTo(JdbcReplayCache.key("a", NOW))
        .isNotEqualTo(JdbcReplayCache.key("a", NOW.plusMillis(1))).isNotEqualTo(JdbcReplayCache.key("b", NOW));
    assertThat(JdbcReplayCache.key("a", null)).startsWith("000000000000.");
    assertThat(JdbcReplayCache.key("a", Instant.parse("1960-01-01T00:00:00Z"))).startsWith("000000000000.");
    assertThat(JdbcReplayCache.key("a", Instant.MAX)).startsWith("ffffffffffff.");
    assertThat(JdbcReplayCache.legacyKey("a")).hasSize(64).doesNotContain(".");
  }
}
