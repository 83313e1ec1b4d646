package vn.lienthong.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.server.support.Calls.confirm;
import static vn.lienthong.server.support.Calls.pending;
import static vn.lienthong.server.support.Calls.send;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.server.delivery.Retention;
import vn.lienthong.server.evidence.EvidenceHook;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubFixture;

/**
 * A backup's database copy names payloads (those of messages the hub did not generate itself);
 * retention must not delete one of them before the backup has taken it. Retention forgets
 * messages (rows first, committed) and then deletes their payload files: when the database copy
 * was taken before the rows went and the files go before the backup walks payloads/, the backup
 * names a payload it does not hold. Here retention runs
 * right after the database copy is written (in the hook where the backup forces hub.mv.db), on
 * another thread, given 5 s to finish: its deletions must wait for the backup instead.
 */
class BackupRetentionRaceTest {

  @TempDir Path dir;

  @Test
  void everyPayloadTheDatabaseCopyNamesIsInTheBackup() throws Exception {
    Path data = dir.resolve("hub");
    try (HubFixture hub = HubFixture.start(HubFixture.config(data, null, Duration.ofMinutes(5)),
        Clock.systemUTC(), EvidenceHook.NONE);
        PayloadStore store = new PayloadStore(data.resolve("payloads"))) {
      send(hub.client(DemoSet.PROVINCE), doc("RACE-1"));
      confirm(hub.client(DemoSet.HA_LONG), pending(hub.client(DemoSet.HA_LONG)).get(0));
      confirm(hub.client(DemoSet.PROVINCE), pending(hub.client(DemoSet.PROVINCE)).get(0));
      Retention retention = new Retention(hub.hub().database(), store,
          Clock.offset(Clock.systemUTC(), Duration.ofDays(40)), Duration.ofDays(30));
      AtomicReference<CompletableFuture<Integer>> purge = new AtomicReference<>();
      FileSync racing = new FileSync() {
        @Override
        public void forceFile(Path file) throws IOException {
          FileSync.DISK.forceFile(file);
          if (file.getFileName().toString().equals("hub.mv.db") && purge.get() == null) {
            // the database copy is taken, the payloads not yet: retention runs (another thread)
            // and is given time to finish, unless it waits for the backup
            purge.set(CompletableFuture.supplyAsync(retention::purge));
            try {
              purge.get().get(5, TimeUnit.SECONDS);
            } catch (TimeoutException waits) {
              // held off by the backup: what the backup must do
            } catch (InterruptedException | ExecutionException e) {
              throw new IOException(e);
            }
          }
        }

        @Override
        public void forceDirectory(Path d) throws IOException {
          FileSync.DISK.forceDirectory(d);
        }
      };
      Backup backup = new Backup(hub.hub().database(), store, dir.resolve("backups"), racing,
          Clock.systemUTC());

      Backup.Result taken = backup.run();

      assertThat(purge.get().get(30, TimeUnit.SECONDS)).as("retention forgot the document and its status")
          .isPositive();
      List<String> named = payloadsNamed(taken.directory());
      assertThat(named).isNotEmpty();
      for (String sha : named) {
        Path file = taken.directory().resolve("payloads").resolve(sha.substring(0, 2))
            .resolve(sha.substring(2, 4)).resolve(sha);
        assertThat(file).as("payload %s named by the backup's database", sha).exists();
      }
    }
  }

  private static List<String> payloadsNamed(Path backup) throws Exception {
    List<String> shas = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + backup.resolve("hub"), "", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT DISTINCT payload_sha256 FROM message WHERE origin <> 'HUB'")) {
      while (rs.next()) {
        if (rs.getString(1) != null) {
          shas.add(rs.getString(1));
        }
      }
    }
    return shas;
  }

  private byte[] doc(String id) throws Exception {
    Attachment a = Envelopes.pdf(dir.resolve("files"), "vanban.pdf", 10_000, id.hashCode(), DemoSet.PROVINCE);
    return Envelopes.signed(Envelopes.document(DemoSet.PROVINCE, id, List.of(DemoSet.HA_LONG), List.of(a)),
        List.of(a));
  }
}
