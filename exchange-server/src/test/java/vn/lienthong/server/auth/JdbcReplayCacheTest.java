package vn.lienthong.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.server.store.Database;
import vn.lienthong.server.support.Calls;
import vn.lienthong.server.support.MutableClock;
import vn.lienthong.server.support.TestDatabases;

/** The replay cache on H2 and PostgreSQL: seen once, refused twice, forgotten after its time. */
class JdbcReplayCacheTest {

  @TempDir
  Path dir;

  @Test
  void h2() {
    try (Database db = Database.open("jdbc:h2:file:" + dir.resolve("db"), "", "", 4)) {
      check(db);
    }
  }

  @Test
  void postgres() {
    TestDatabases.requirePostgres();
    TestDatabases.Jdbc pg = TestDatabases.freshPostgres();
    try (Database db = Database.open(pg.url(), pg.user(), pg.password(), 4)) {
      check(db);
    }
  }

  static void check(Database db) {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-26T07:00:00Z"));
    JdbcReplayCache cache = new JdbcReplayCache(db, clock, Duration.ofMinutes(10));
    JdbcReplayCache otherHub = new JdbcReplayCache(db, clock, Duration.ofMinutes(10));
    assertThat(cache.contains("2026-11-26T07:00:00Z|sig|key")).isFalse();
    cache.add("2026-11-26T07:00:00Z|sig|key", clock.instant().plus(Duration.ofMinutes(5)));
    assertThat(otherHub.contains("2026-11-26T07:00:00Z|sig|key")).as("seen by another process").isTrue();
    assertThatThrownBy(() -> otherHub.add("2026-11-26T07:00:00Z|sig|key", clock.instant().plusSeconds(300)))
        .as("the loser of a race is told").isInstanceOf(JdbcReplayCache.Replayed.class);
    // an Expires far ahead is kept no longer than maxLife
    cache.add("far", Instant.parse("2099-01-01T00:00:00Z"));
    assertThat(Calls.count(db, "replay_cache")).isEqualTo(2);
    clock.advance(Duration.ofMinutes(6));
    assertThat(cache.purge()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(5));
    assertThat(cache.purge()).isEqualTo(1);
    assertThat(cache.contains("far")).isFalse();
  }
}
