package vn.lienthong.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.pki.TimeStampClient;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.sample.services.SampleCaServer;
import vn.lienthong.server.audit.AuditVerification.Outcome;
import vn.lienthong.server.store.Database;
import vn.lienthong.server.store.Sql;
import vn.lienthong.server.support.TestDatabases;

/**
 * The audit chain on a real database: entries appended as the hub appends them, then tampered
 * with directly over JDBC; verification names each tampering. Anchors come from the sample TSA.
 */
abstract class AuditLogTest {

  static SampleCaServer ca;
  static SamplePki pki;

  @TempDir Path dir;
  Database db;
  AuditLog log;

  abstract TestDatabases.Jdbc jdbc(Path dir);

  @BeforeAll
  static void startTsa() throws Exception {
    ca = SampleCaServer.bind(0, Clock.systemUTC());
    pki = DemoSet.generator(KeyKind.EC_P256, ca.urls()).units(DemoSet.units()).build().generate();
    ca.start(pki);
  }

  @AfterAll
  static void stopTsa() {
    ca.close();
  }

  @BeforeEach
  void open() {
    TestDatabases.Jdbc jdbc = jdbc(dir);
    db = Database.open(jdbc.url(), jdbc.user(), jdbc.password(), 8);
    log = new AuditLog(db, pki.trustAnchors());
  }

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  void append(int n) {
    for (int i = 0; i < n; i++) {
      long k = i;
      db.inTransaction(c -> AuditChain.append(c, Instant.now(), "000.00.00.H49", "SEND", k,
          "BussinessDocType 0, Đặng Thị – ký số " + k));
    }
  }

  void sql(String statement, Object... args) {
    db.autoCommit(c -> {
      try (PreparedStatement ps = c.prepareStatement(statement)) {
        for (int i = 0; i < args.length; i++) {
          ps.setObject(i + 1, args[i]);
        }
        return ps.executeUpdate();
      }
    });
  }

  AuditAnchoring anchoring(URI tsa) {
    return new AuditAnchoring(db, new TimeStampClient(tsa, Clock.systemUTC(), new SecureRandom(),
        Duration.ofSeconds(5)), Clock.systemUTC());
  }

  @Test
  void anUntamperedLogVerifies() {
    assertThat(log.verify()).isEqualTo(AuditVerification.ok(0));
    append(5);
    assertThat(log.verify()).isEqualTo(AuditVerification.ok(5));
  }

  @Test
  void anEditedDetailIsAltered() {
    append(5);
    sql("UPDATE audit_event SET detail = 'nothing happened' WHERE seq = 3");
    assertBroken(Outcome.ALTERED, 3);
  }

  @Test
  void anEditedTimeIsAltered() {
    append(5);
    db.autoCommit(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE audit_event SET occurred_at = ? WHERE seq = 4")) {
        Sql.setInstant(ps, 1, Instant.parse("2020-01-01T00:00:00Z"));
        return ps.executeUpdate();
      }
    });
    assertBroken(Outcome.ALTERED, 4);
  }

  @Test
  void aDeletedMiddleEntryIsRemoved() {
    append(5);
    sql("DELETE FROM audit_event WHERE seq = 3");
    assertBroken(Outcome.REMOVED, 3);
  }

  @Test
  void twoSwappedEntriesAreReordered() {
    append(5);
    sql("UPDATE audit_event SET seq = -1 WHERE seq = 2");
    sql("UPDATE audit_event SET seq = 2 WHERE seq = 3");
    sql("UPDATE audit_event SET seq = 3 WHERE seq = -1");
    assertBroken(Outcome.REORDERED, 2);
  }

  @Test
  void aTruncatedTailIsTruncated() {
    append(5);
    sql("DELETE FROM audit_event WHERE seq >= 4");
    assertBroken(Outcome.TRUNCATED, 4);
  }

  @Test
  void aTailTruncatedAfterAnAnchorIsFoundEvenWhenTheHeadIsRewound() {
    append(4);
    assertThat(anchoring(ca.urls().tsa()).anchor()).hasValueSatisfying(a -> assertThat(a.seq()).isEqualTo(4));
    append(2);
    assertThat(log.verify()).isEqualTo(AuditVerification.ok(6));
    sql("DELETE FROM audit_event WHERE seq >= 3");
    db.autoCommit(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE audit_head SET last_seq = 2, "
          + "last_hash = (SELECT entry_hash FROM audit_event WHERE seq = 2) WHERE id = 1")) {
        return ps.executeUpdate();
      }
    });
    AuditVerification v = log.verify();
    assertThat(v.outcome()).isEqualTo(Outcome.TRUNCATED);
    assertThat(v.brokenSeq()).isEqualTo(3);
    assertThat(v.reason()).contains("anchor");
  }

  @Test
  void anAnchorWhoseTokenDoesNotCoverItsHashIsInvalid() {
    append(3);
    assertThat(anchoring(ca.urls().tsa()).anchor()).isPresent();
    assertThat(anchoring(ca.urls().tsa()).anchor()).as("nothing new to anchor").isEmpty();
    sql("UPDATE audit_anchor SET head_hash = ? WHERE seq = 3", AuditEntry.GENESIS);
    assertBroken(Outcome.ANCHOR_INVALID, 3);
  }

  @Test
  void twoHubsAnchoringTheSameHeadAtOnceStoreOneAnchorAndNeitherFails() throws Exception {
    ExecutorService hubs = Executors.newFixedThreadPool(2);
    try {
      for (int round = 1; round <= 5; round++) {
        append(1);
        CyclicBarrier together = new CyclicBarrier(2);
        List<Future<Optional<AuditAnchoring.Anchored>>> results = new ArrayList<>();
        for (int hub = 0; hub < 2; hub++) {
          AuditAnchoring anchoring = anchoring(ca.urls().tsa());
          results.add(hubs.submit(() -> {
            together.await();
            return anchoring.anchor();
          }));
        }
        long stored = 0;
        for (Future<Optional<AuditAnchoring.Anchored>> r : results) {
          stored += r.get(30, TimeUnit.SECONDS).isPresent() ? 1 : 0; // a unique-key failure would throw here
        }
        assertThat(stored).as("round %d", round).isEqualTo(1);
      }
    } finally {
      hubs.shutdownNow();
    }
    assertThat(log.verify()).isEqualTo(AuditVerification.ok(5));
  }

  @Test
  void anAnchorFromATsaOutsideTheRootsIsInvalidEvenOverTheRightHash() throws Exception {
    append(3);
    // an insider anchors a rewritten chain with a TSA of their own: the token is genuine, its root is not trusted
    try (SampleCaServer own = SampleCaServer.bind(0, Clock.systemUTC())) {
      own.start(DemoSet.generator(KeyKind.EC_P256, own.urls()).units(java.util.List.of()).build().generate());
      assertThat(anchoring(own.urls().tsa()).anchor()).isPresent();
    }
    AuditVerification v = log.verify();
    assertThat(v.outcome()).isEqualTo(Outcome.ANCHOR_INVALID);
    assertThat(v.brokenSeq()).isEqualTo(3);
    assertThat(v.reason()).contains("does not chain to a trusted root");
  }

  @Test
  void aRewrittenChainDisagreesWithItsAnchor() throws Exception {
    append(3);
    assertThat(anchoring(ca.urls().tsa()).anchor()).isPresent();
    // Rewrite entry 2 and re-hash it and everything after, as an insider with the code could.
    db.inTransaction(c -> {
      rehashFrom(c, 2, "nothing happened");
      return null;
    });
    assertBroken(Outcome.ALTERED, 3);
  }

  @Test
  void headsStampedAgainAfterARewriteAreNotBelieved() {
    // An insider rewrites an hour-old log and has its heads stamped again: any TSA, the hub's
    // own included, stamps what it is sent. A real anchor is made while its entry is the head,
    // so before the next entry was written; this one is an hour later than entry 3.
    Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
    for (int k = 0; k < 2; k++) {
      Instant at = hourAgo.plusSeconds(k);
      long subject = k;
      db.inTransaction(c -> AuditChain.append(c, at, "000.00.00.H49", "SEND", subject, "rewritten"));
    }
    assertThat(anchoring(ca.urls().tsa()).anchor()).isPresent();
    db.inTransaction(c -> AuditChain.append(c, hourAgo.plusSeconds(2), "000.00.00.H49", "SEND", 2L, "rewritten"));
    AuditVerification v = log.verify();
    assertThat(v.outcome()).isEqualTo(Outcome.ANCHOR_INVALID);
    assertThat(v.brokenSeq()).isEqualTo(2);
    assertThat(v.reason()).contains("later than entry 3");
  }

  @Test
  void anAnchorFollowedByEntriesVerifies() {
    append(2);
    assertThat(anchoring(ca.urls().tsa()).anchor()).isPresent();
    append(2);
    assertThat(anchoring(ca.urls().tsa()).anchor()).isPresent();
    append(1);
    assertThat(log.verify()).isEqualTo(AuditVerification.ok(5));
  }

  @Test
  void aDownTsaSkipsTheAnchorAndTrafficKeepsFlowing() {
    append(2);
    assertThat(anchoring(URI.create("http://127.0.0.1:1/tsa")).anchor()).isEmpty();
    append(1);
    assertThat(log.verify()).isEqualTo(AuditVerification.ok(3));
    assertThat(anchoring(ca.urls().tsa()).anchor()).hasValueSatisfying(a -> assertThat(a.seq()).isEqualTo(3));
  }

  @Test
  void concurrentWritersGetAGapFreeChain() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        done.add(pool.submit(() -> append(20)));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(log.verify()).isEqualTo(AuditVerification.ok(120));
  }

  /** The hub keeps appending while an auditor verifies: an untampered chain is never reported broken. */
  @Test
  void anUntamperedChainVerifiesWhileEntriesKeepComing() throws Exception {
    db.inTransaction(c -> {
      for (int i = 0; i < 5_000; i++) {
        AuditChain.append(c, Instant.now(), "000.00.00.H49", "SEND", (long) i, "BussinessDocType 0, " + i);
      }
      return null;
    });
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    ExecutorService traffic = Executors.newSingleThreadExecutor();
    Future<?> appending = traffic.submit(() -> {
      while (!stop.get()) {
        db.inTransaction(c -> AuditChain.append(c, Instant.now(), "000.00.00.G22", "DELIVER", null, "leased"));
      }
      return null;
    });
    try {
      for (int run = 1; run <= 5; run++) {
        AuditVerification v = log.verify();
        assertThat(v.outcome()).as("run %d: %s", run, v.reason()).isEqualTo(Outcome.OK);
      }
    } finally {
      stop.set(true);
      appending.get();
      traffic.shutdown();
    }
  }

  /** A long detail (a hand-out of 500 refs, a large group) is kept whole; past the column, cut and marked. */
  @Test
  void longDetailsAreKeptWholeOrCutVisiblyBetweenCharacters() {
    String refs = java.util.stream.LongStream.rangeClosed(1_000_001, 1_000_500).mapToObj(Long::toString)
        .collect(java.util.stream.Collectors.joining(","));   // 3 999 characters
    String huge = "😀".repeat(20_000);                        // 40 000 chars, surrogate pairs throughout
    db.inTransaction(c -> {
      AuditChain.append(c, Instant.now(), "000.00.32.H49", "DELIVER", null, "leased until now: " + refs);
      AuditChain.append(c, Instant.now(), "hub", "REGISTRY_GROUP", null, huge);
      return null;
    });
    List<String> details = db.autoCommit(c -> {
      List<String> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT detail FROM audit_event ORDER BY seq");
          var rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    });
    assertThat(details.get(0)).endsWith("1000499,1000500");
    assertThat(details.get(1)).hasSizeLessThanOrEqualTo(32_000).endsWith("(+40000 chars in all)");
    String kept = details.get(1).substring(0, details.get(1).indexOf(" … (+"));
    assertThat(kept.codePoints()).allMatch(cp -> cp == "😀".codePointAt(0));
    assertThat(log.verify()).isEqualTo(AuditVerification.ok(2));
  }

  /** A row appended past the head without moving it (a forged append) is still found. */
  @Test
  void anEntryBeyondTheHeadIsAltered() {
    append(3);
    sql("INSERT INTO audit_event (seq, occurred_at, action, actor, message_id, detail, prev_hash, entry_hash) "
        + "SELECT 4, occurred_at, action, actor, message_id, detail, entry_hash, entry_hash FROM audit_event WHERE seq = 3");
    assertBroken(Outcome.ALTERED, 4);
  }

  private void assertBroken(Outcome outcome, long seq) {
    AuditVerification v = log.verify();
    assertThat(v.outcome()).as(v.reason()).isEqualTo(outcome);
    assertThat(v.brokenSeq()).as(v.reason()).isEqualTo(seq);
  }

  private static void rehashFrom(Connection c, long from, String detail) throws SQLException {
    String prev;
    try (PreparedStatement ps = c.prepareStatement("SELECT entry_hash FROM audit_event WHERE seq = ?")) {
      ps.setLong(1, from - 1);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        prev = rs.getString(1);
      }
    }
    List<AuditEntry> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT seq, occurred_at, action, actor, message_id, detail "
        + "FROM audit_event WHERE seq >= ? ORDER BY seq")) {
      ps.setLong(1, from);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(AuditEntry.next(rs.getLong(1), Sql.getInstant(rs, "occurred_at"),
              rs.getString(3), rs.getString(4), Sql.getLong(rs, "message_id"),
              rs.getLong(1) == from ? detail : rs.getString(6), "x"));
        }
      }
    }
    for (AuditEntry r : rows) {
      AuditEntry e = AuditEntry.next(r.seq(), r.at(), r.action(), r.actor(), r.subject(), r.detail(), prev);
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE audit_event SET detail = ?, prev_hash = ?, entry_hash = ? WHERE seq = ?")) {
        ps.setString(1, e.detail());
        ps.setString(2, e.prevHash());
        ps.setString(3, e.hash());
        ps.setLong(4, e.seq());
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE audit_head SET last_hash = ? WHERE id = 1")) {
        ps.setString(1, e.hash());
        ps.executeUpdate();
      }
      prev = e.hash();
    }
  }
}
