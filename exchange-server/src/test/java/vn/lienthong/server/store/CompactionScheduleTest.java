package vn.lienthong.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.server.support.Calls.confirm;
import static vn.lienthong.server.support.Calls.pending;
import static vn.lienthong.server.support.Calls.send;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.server.api.ws.MessageInfo;
import vn.lienthong.server.evidence.EvidenceHook;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubFixture;

/**
 * The hub compacts its H2 file at the configured time of day and when it grows past a size, and
 * keeps serving through it.
 */
class CompactionScheduleTest {

  static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");

  @TempDir Path dir;

  @Test
  void theNextRunIsTodaysTimeIfStillAheadElseTomorrows() {
    ZonedDateTime morning = ZonedDateTime.of(2026, 11, 27, 2, 30, 0, 0, HANOI);
    assertThat(CompactionSchedule.untilNext(morning, LocalTime.of(3, 0))).isEqualTo(Duration.ofMinutes(30));
    assertThat(CompactionSchedule.untilNext(morning, LocalTime.of(2, 30))).isEqualTo(Duration.ofDays(1));
    assertThat(CompactionSchedule.untilNext(morning, LocalTime.of(2, 0))).isEqualTo(Duration.ofHours(23).plusMinutes(30));
    ZonedDateTime lastSecond = ZonedDateTime.of(2026, 12, 31, 23, 59, 59, 0, HANOI);
    assertThat(CompactionSchedule.untilNext(lastSecond, LocalTime.of(0, 0, 2))).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void bySizeOnlyOverTheLimitAndNotAgainUntilTheFileDoubledWhatTheLastRunLeft() {
    assertThat(CompactionSchedule.due(1_000, 2_000, 0)).isFalse();
    assertThat(CompactionSchedule.due(3_000, 2_000, 0)).isTrue();
    // live data of 2 500 bytes, over the limit: not compacted again before 5 000
    assertThat(CompactionSchedule.due(4_000, 2_000, 2_500)).isFalse();
    assertThat(CompactionSchedule.due(5_001, 2_000, 2_500)).isTrue();
  }

  @Test
  void aFileGrownPastTheLimitIsCompactedWithoutWaitingForTheNight() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
    ScheduledExecutorService jobs = Executors.newSingleThreadScheduledExecutor();
    try (Database db = Database.open(url, "", "", 2)) {
      db.autoCommit(c -> {
        try (Statement s = c.createStatement()) {
          return s.execute("CREATE TABLE filler(id INT PRIMARY KEY, b VARBINARY(1000))");
        }
      });
      new CompactionSchedule(db, Clock.systemUTC(), null, 500_000).schedule(jobs, Duration.ofMillis(100));
      long largest = 0;
      for (int i = 0; i < 200; i++) {
        int id = i;
        db.inTransaction(c -> {
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO filler VALUES (?, ?)")) {
            ps.setInt(1, id);
            ps.setBytes(2, new byte[1000]);
            return ps.executeUpdate();
          }
        });
        largest = Math.max(largest, db.h2FileBytes());
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (db.h2FileBytes() > 500_000 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      System.out.println("CompactionScheduleTest: largest " + largest + ", now " + db.h2FileBytes() + " bytes");
      assertThat(db.h2FileBytes()).isLessThanOrEqualTo(500_000);
      int rows = db.autoCommit(c -> {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM filler")) {
          rs.next();
          return rs.getInt(1);
        }
      });
      assertThat(rows).isEqualTo(200);
    } finally {
      jobs.shutdownNow();
    }
  }

  @Test
  void aRunningHubCompactsItsFileAtTheTimeOfDayAndKeepsServing() throws Exception {
    Path data = dir.resolve("hub");
    Clock clock = Clock.systemUTC();
    LocalTime soon = LocalTime.now(clock).plusSeconds(10);
    try (HubFixture hub = HubFixture.start(HubFixture.config(data, null, Duration.ofMinutes(5)).toBuilder()
        .compactAt(soon).compactAbove(0).build(), clock, EvidenceHook.NONE)) {
      Path file = data.resolve("hub.mv.db");
      long grown = Files.size(file); // compacted when opened, then the 970 sample units loaded
      assertThat(LocalTime.now(clock)).as("set-up finished before the compaction time").isBefore(soon);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (Files.size(file) >= grown / 2 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      long compacted = Files.size(file);
      System.out.println("CompactionScheduleTest: " + grown + " → " + compacted + " bytes");
      assertThat(compacted).isLessThan(grown / 2);

      send(hub.client(DemoSet.PROVINCE), document("COMPACT-after"));
      List<MessageInfo> inbox = pending(hub.client(DemoSet.HA_LONG), 20);
      assertThat(inbox).extracting(MessageInfo::getDocumentId).containsExactly("COMPACT-after");
      confirm(hub.client(DemoSet.HA_LONG), inbox.get(0));
    }
  }

  byte[] document(String id) throws Exception {
    Attachment a = Envelopes.pdf(dir.resolve("files"), "vanban.pdf", 10_000, id.hashCode(), DemoSet.PROVINCE);
    return Envelopes.signed(Envelopes.document(DemoSet.PROVINCE, id, List.of(DemoSet.HA_LONG), List.of(a)), List.of(a));
  }
}
