package vn.lienthong.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.server.support.Calls.fetch;
import static vn.lienthong.server.support.Calls.pending;
import static vn.lienthong.server.support.Calls.send;
import static vn.lienthong.server.support.Calls.sha256;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.server.api.ws.MessageInfo;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.server.audit.AuditLog;
import vn.lienthong.server.audit.AuditVerification;
import vn.lienthong.server.evidence.EvidenceHook;
import vn.lienthong.server.health.BackupServlet;
import vn.lienthong.server.support.AdminHttp;
import vn.lienthong.server.support.Calls;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubFixture;
import vn.lienthong.server.support.TestDatabases;
import vn.lienthong.server.support.TestPki;

/**
 * {@code POST /backup} on a running hub on H2: the backup is a data directory a hub starts on with
 * every document acknowledged before it, byte for byte, and nothing sent after; only an
 * administrator with the guard header takes one; retention's deletions wait while the payloads
 * are taken.
 */
class OnlineBackupTest {

  @TempDir Path dir;

  @Test
  void aBackupIsADataDirectoryThatHoldsEveryDocumentAcknowledgedBeforeIt() throws Exception {
    Map<Long, String> before = new LinkedHashMap<>();
    Path backups = dir.resolve("backups");
    String answer;
    try (HubFixture hub = start(dir.resolve("hub"), backups)) {
      for (int i = 0; i < 3; i++) {
        send(hub.client(DemoSet.PROVINCE), doc("BK-" + i));
      }
      for (MessageInfo m : pending(hub.client(DemoSet.HA_LONG))) {
        before.put(m.getMessageRef(), sha256(fetch(hub.client(DemoSet.HA_LONG), m.getMessageRef())));
      }
      AdminHttp.Answer a = AdminHttp.post(backupAddress(hub), TestPki.PKI.system(HubFixture.ADMIN), true);
      assertThat(a.status()).isEqualTo(200);
      answer = a.body();
      assertThat(lastAction(hub)).isEqualTo("BACKUP_TAKEN:" + HubFixture.ADMIN);
      send(hub.client(DemoSet.PROVINCE), doc("BK-after"));
    }
    assertThat(before).hasSize(3);
    List<Path> taken = list(backups);
    assertThat(taken).hasSize(1);
    assertThat(taken.get(0).getFileName().toString()).matches("backup-\\d{8}T\\d{6}Z");
    assertThat(answer).startsWith(taken.get(0).toString()).contains("3 payloads");

    Path restored = copy(taken.get(0), dir.resolve("restored"));
    try (HubFixture hub = HubFixture.reopen(HubFixture.config(restored, null, Duration.ofMinutes(5)),
        Clock.systemUTC())) {
      for (Map.Entry<Long, String> e : before.entrySet()) {
        assertThat(sha256(fetch(hub.client(DemoSet.HA_LONG), e.getKey()))).isEqualTo(e.getValue());
      }
      assertThat(pending(hub.client(DemoSet.HA_LONG))).as("the document sent after the backup").isEmpty();
      assertThat(Calls.count(hub.hub().database(), "message")).isEqualTo(3);
      AuditVerification v = new AuditLog(hub.hub().database(), TestPki.PKI.trustAnchors()).verify();
      assertThat(v.ok()).as(v.reason()).isTrue();
      assertThat(lastAction(hub)).as("the request, the backup's own last entry").isEqualTo("BACKUP:" + HubFixture.ADMIN);
    }
  }

  @Test
  void onlyAnAdministratorWithTheGuardHeaderTakesABackup() throws Exception {
    Path backups = dir.resolve("backups");
    try (HubFixture hub = start(dir.resolve("hub"), backups)) {
      String address = backupAddress(hub);
      assertThat(AdminHttp.post(address, TestPki.PKI.system(DemoSet.HA_LONG), true).status()).isEqualTo(403);
      assertThat(AdminHttp.post(address, TestPki.PKI.system(HubFixture.ADMIN), false).status())
          .as("no header: maybe a cross-site form").isEqualTo(400);
      assertThat(AdminHttp.get(address, TestPki.PKI.system(HubFixture.ADMIN)).status()).isEqualTo(405);
    }
    assertThat(backups).doesNotExist();
  }

  /** PostgreSQL is backed up with its own tools (pg_dump first, then payloads/: see the README). */
  @Test
  void aHubOnPostgresqlRefusesAnOnlineBackup() throws Exception {
    Path backups = dir.resolve("backups");
    try (HubFixture hub = HubFixture.start(HubFixture.config(dir.resolve("hub"), TestDatabases.freshPostgres(),
        Duration.ofMinutes(5)).toBuilder().backupDir(backups).build(), Clock.systemUTC(), EvidenceHook.NONE)) {
      assertThat(AdminHttp.post(backupAddress(hub), TestPki.PKI.system(HubFixture.ADMIN), true).status())
          .isEqualTo(409);
    }
    assertThat(backups).doesNotExist();
  }

  @Test
  void retentionsDeletionsWaitWhileABackupTakesThePayloads() throws Exception {
    try (PayloadStore store = new PayloadStore(dir.resolve("payloads"))) {
      PayloadStore.Staged staged = store.stage(new byte[] {1, 2, 3});
      store.commit(staged);
      store.removals().lock();
      CompletableFuture<Boolean> deletion;
      try {
        deletion = CompletableFuture.supplyAsync(() -> {
          try {
            return store.deleteIfUntouchedSince(staged.sha256(), Instant.now().plusSeconds(60));
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
        Thread.sleep(300);
        assertThat(deletion).isNotDone();
        assertThat(store.contains(staged.sha256())).isTrue();
      } finally {
        store.removals().unlock();
      }
      assertThat(deletion.get(10, TimeUnit.SECONDS)).isTrue();
      assertThat(store.contains(staged.sha256())).isFalse();
    }
  }

  private static HubFixture start(Path data, Path backups) {
    return HubFixture.start(HubFixture.config(data, null, Duration.ofMinutes(5)).toBuilder().backupDir(backups)
        .build(), Clock.systemUTC(), EvidenceHook.NONE);
  }

  private static String backupAddress(HubFixture hub) {
    return hub.hub().metricsAddress().replace("/metrics", BackupServlet.PATH);
  }

  private byte[] doc(String id) throws Exception {
    Attachment a = Envelopes.pdf(dir.resolve("files"), "vanban.pdf", 10_000, id.hashCode(), DemoSet.PROVINCE);
    return Envelopes.signed(Envelopes.document(DemoSet.PROVINCE, id, List.of(DemoSet.HA_LONG), List.of(a)),
        List.of(a));
  }

  private static String lastAction(HubFixture hub) {
    return hub.hub().database().autoCommit(c -> {
      try (var s = c.createStatement();
          var rs = s.executeQuery("SELECT action, actor FROM audit_event ORDER BY id DESC LIMIT 1")) {
        rs.next();
        return rs.getString(1) + ":" + rs.getString(2);
      }
    });
  }

  private static List<Path> list(Path d) throws Exception {
    try (Stream<Path> s = Files.list(d)) {
      return s.toList();
    }
  }

  private static Path copy(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to;
  }
}
