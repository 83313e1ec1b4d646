package vn.lienthong.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The payload store shared by hub processes: each keeps its temporary files to itself (a hub that
 * starts removes only what dead processes left), and retention never deletes a payload an
 * intake is re-using, whichever comes first.
 */
class PayloadStoreTest {

  static final byte[] ENVELOPE = "<edXMLEnvelope>…</edXMLEnvelope>".getBytes(StandardCharsets.UTF_8);
  static final Instant NOW = Instant.now();
  static final Instant CUTOFF = NOW.minus(Duration.ofDays(30));

  @TempDir Path dir;
  PayloadStore store;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  PayloadStore.Staged stored() throws Exception {
    PayloadStore.Staged staged = store.stage(ENVELOPE);
    store.commit(staged);
    Files.setLastModifiedTime(store.path(staged.sha256()), FileTime.from(NOW.minus(Duration.ofDays(40))));
    return staged;
  }

  /** A hub in another JVM that has received a file and is still working on it, until killed. */
  static final class Receiving {
    public static void main(String[] args) throws Exception {
      PayloadStore store = new PayloadStore(Path.of(args[0]));
      PayloadStore.Staged staged = store.stage(ENVELOPE);
      Path work = store.newWorkDirectory();
      Files.writeString(work.resolve("vanban.pdf"), "%PDF-1.7");
      System.out.println(staged.file() + "\t" + work);
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  @Test
  void aStartingHubRemovesOnlyWhatDeadProcessesLeft() throws Exception {
    Path root = dir.resolve("payloads");
    Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), Receiving.class.getName(), root.toString()).start();
    try {
      String[] paths = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))
          .readLine().split("\t");
      Path staged = Path.of(paths[0]);
      Path work = Path.of(paths[1]);

      store = new PayloadStore(root);
      store.cleanTemporary(NOW);
      assertThat(staged).exists();
      assertThat(work.resolve("vanban.pdf")).exists();

      other.destroyForcibly(); // SIGKILL: its lock goes with it
      assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
      try (PayloadStore restarted = new PayloadStore(root)) {
        restarted.cleanTemporary(NOW);
        assertThat(staged.getParent()).doesNotExist();
        assertThat(store.temporaryDirectory()).exists(); // this JVM's store still holds its lock
      }
    } finally {
      other.destroyForcibly();
    }
  }

  @Test
  void anotherStoreInTheSameProcessIsLeftAloneAndClosingRemovesOnlyItsOwnFiles() throws Exception {
    store = new PayloadStore(dir);
    PayloadStore.Staged staged = store.stage(ENVELOPE);
    try (PayloadStore second = new PayloadStore(dir)) {
      second.cleanTemporary(NOW);
      assertThat(staged.file()).exists();
    }
    assertThat(staged.file()).exists();
    store.commit(staged);
    assertThat(store.contains(staged.sha256())).isTrue();

    Path own = store.temporaryDirectory();
    store.close();
    store = null;
    assertThat(own).doesNotExist();
  }

  @Test
  void looseTemporaryFilesOfOlderHubsGoAfterADay() throws Exception {
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Path old = Files.writeString(tmp.resolve("in-1.part"), "x");
    Path oldWork = Files.createDirectories(tmp.resolve("work-1"));
    Path fresh = Files.writeString(tmp.resolve("in-2.part"), "x");
    Files.setLastModifiedTime(old, FileTime.from(NOW.minus(Duration.ofHours(25))));
    Files.setLastModifiedTime(oldWork, FileTime.from(NOW.minus(Duration.ofHours(25))));

    store = new PayloadStore(dir);
    store.cleanTemporary(NOW);

    assertThat(old).doesNotExist();
    assertThat(oldWork).doesNotExist();
    assertThat(fresh).exists();
  }

  @Test
  void aPayloadUntouchedSinceTheCutoffIsDeleted() throws Exception {
    store = new PayloadStore(dir);
    PayloadStore.Staged staged = stored();

    assertThat(store.deleteIfUntouchedSince(staged.sha256(), CUTOFF)).isTrue();
    assertThat(store.contains(staged.sha256())).isFalse();
    assertThat(store.deleteIfUntouchedSince(staged.sha256(), CUTOFF)).isFalse();
    assertThat(dir.resolve("trash")).isEmptyDirectory();
  }

  @Test
  void aPayloadReusedBeforeRetentionMovedItIsPutBack() throws Exception {
    store = new PayloadStore(dir);
    PayloadStore.Staged staged = stored();
    store.commit(store.stage(ENVELOPE)); // an intake of the same content touches it

    assertThat(store.deleteIfUntouchedSince(staged.sha256(), CUTOFF)).isFalse();
    assertThat(store.contains(staged.sha256())).isTrue();
    assertThat(dir.resolve("trash")).isEmptyDirectory();
  }

  @Test
  void aPayloadReusedWhileRetentionHasItAwayIsTheIntakesOwnCopy() throws Exception {
    store = new PayloadStore(dir);
    PayloadStore.Staged staged = stored();
    Path moved = store.moveToTrash(staged.sha256()).orElseThrow();

    store.commit(store.stage(ENVELOPE)); // the touch finds no file: the intake's copy goes in
    assertThat(store.settle(moved, staged.sha256(), CUTOFF)).isTrue(); // the old file goes

    assertThat(Files.readAllBytes(store.path(staged.sha256()))).isEqualTo(ENVELOPE);
    assertThat(moved).doesNotExist();
  }

  @Test
  void whatRetentionHadMovedWhenItStoppedIsPutBackAtTheNextStart() throws Exception {
    store = new PayloadStore(dir);
    PayloadStore.Staged staged = stored();
    Path moved = store.moveToTrash(staged.sha256()).orElseThrow();
    assertThat(store.contains(staged.sha256())).isFalse();

    try (PayloadStore restarted = new PayloadStore(dir)) {
      restarted.cleanTemporary(NOW);
    }

    assertThat(Files.readAllBytes(store.path(staged.sha256()))).isEqualTo(ENVELOPE);
    // the retention that moved it, still running elsewhere, finds it gone and deletes nothing
    assertThat(store.settle(moved, staged.sha256(), CUTOFF)).isFalse();
    assertThat(store.contains(staged.sha256())).isTrue();
    assertThat(List.of(dir.resolve("trash").toFile().list())).isEmpty();
  }

  @Test
  void whatACrashLeavesInTheTrashNeverReplacesAPayloadWithOtherBytes() throws Exception {
    store = new PayloadStore(dir);
    PayloadStore.Staged staged = stored();
    String sha = staged.sha256();
    Path trash = dir.resolve("trash");
    // hubs before 2026-11-27 reserved the trash name as an empty file, then renamed the payload onto
    // it: a crash in between left the empty file, which the next start "put back" over the payload
    Files.createFile(trash.resolve(sha + ".1"));
    // and a crash now, between reserving a directory and moving the payload into it, or with half a
    // file there (a disk that lost it), leaves an empty directory or other bytes under the name
    Files.createDirectory(trash.resolve(sha + ".2"));
    Files.write(Files.createDirectory(trash.resolve(sha + ".3")).resolve(sha), new byte[] {1, 2, 3});

    try (PayloadStore restarted = new PayloadStore(dir)) {
      restarted.cleanTemporary(NOW);
    }

    assertThat(Files.readAllBytes(store.path(sha))).isEqualTo(ENVELOPE);
    assertThat(trash).isEmptyDirectory();
  }

  @Test
  void aPayloadPutBackNeverReplacesTheCopyAnIntakePutInPlaceMeanwhile() throws Exception {
    store = new PayloadStore(dir);
    PayloadStore.Staged staged = stored();
    Path moved = store.moveToTrash(staged.sha256()).orElseThrow();
    store.commit(store.stage(ENVELOPE)); // the intake's own copy is in place now
    long intakeCopy = (long) Files.getAttribute(store.path(staged.sha256()), "unix:ino");

    try (PayloadStore restarted = new PayloadStore(dir)) {
      restarted.cleanTemporary(NOW);   // puts back what retention moved: not over the intake's copy
    }

    assertThat((long) Files.getAttribute(store.path(staged.sha256()), "unix:ino")).isEqualTo(intakeCopy);
    assertThat(Files.readAllBytes(store.path(staged.sha256()))).isEqualTo(ENVELOPE);
    assertThat(moved).doesNotExist();
    assertThat(dir.resolve("trash")).isEmptyDirectory();
  }
}
