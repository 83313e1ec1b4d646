package vn.lienthong.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directories a hub creates on its first start ({@code data.dir}, the H2 file's directory, the
 * payload store with its {@code tmp/} and {@code trash/}) hold everything acknowledged later: a
 * directory's name is an entry of its parent, which a power loss (unlike a SIGKILL) loses unless it
 * was forced. A test cannot cut the power; it records the fsyncs of directories instead
 * ({@link PayloadDurabilityTest.Recording}).
 */
class DurableDirectoriesTest {

  @TempDir Path dir;

  /** The helper: every directory it created, and the existing parent of the outermost one; then nothing. */
  @Test
  void createDirectoriesForcesEachNewDirectoryAndTheParentOfTheFirstOne() throws IOException {
    Files.createDirectories(dir.resolve("a"));
    PayloadDurabilityTest.Recording sync = new PayloadDurabilityTest.Recording();
    sync.createDirectories(dir.resolve("a/b/c/d"));
    assertThat(dir.resolve("a/b/c/d")).isDirectory();
    assertThat(sync.directories).containsExactlyInAnyOrder(dir.resolve("a/b/c/d"), dir.resolve("a/b/c"),
        dir.resolve("a/b"), dir.resolve("a"));
    sync.directories.clear();
    sync.createDirectories(dir.resolve("a/b/c/d"));
    sync.createDirectories(dir.resolve("a"));
    assertThat(sync.directories).as("all there: nothing forced").isEmpty();
  }

  /** Before: only the ab/cd levels of payloads were forced, never the store's own directories. */
  @Test
  void aNewPayloadStoreForcesTheNamesOfTheDirectoriesItCreated() {
    Path data = dir.resolve("data");
    Path root = data.resolve("payloads");
    PayloadDurabilityTest.Recording sync = new PayloadDurabilityTest.Recording();
    try (PayloadStore store = new PayloadStore(root, sync)) {
      assertThat(sync.directories).as("each new directory and the parent its name is in")
          .contains(dir, data, root, root.resolve("tmp"), root.resolve("trash"));
      assertThat(sync.directories).as("not its own temporary directory, whose files are never kept")
          .doesNotContain(store.temporaryDirectory());
    }
    PayloadDurabilityTest.Recording again = new PayloadDurabilityTest.Recording();
    try (PayloadStore store = new PayloadStore(root, again)) {
      assertThat(again.directories).as("nothing created at a later start, nothing forced").isEmpty();
    }
  }

  /** Before: H2 created the directory of its file itself, and only that directory was ever forced. */
  @Test
  void aNewH2DatabaseForcesTheNamesOfTheDirectoriesItsFileIsIn() {
    Path data = dir.resolve("data");
    Path db = data.resolve("db");
    PayloadDurabilityTest.Recording sync = new PayloadDurabilityTest.Recording();
    try (Database opened = Database.open("jdbc:h2:file:" + db.resolve("hub") + ";LOCK_TIMEOUT=10000", "", "", 2,
        sync)) {
      assertThat(Files.isRegularFile(db.resolve("hub.mv.db"))).isTrue();
      assertThat(sync.directories).as("each new directory and the parent its name is in")
          .contains(dir, data, db);
    }
  }

  /** A database H2 keeps in memory has no directory to create. */
  @Test
  void aDatabaseInMemoryCreatesNoDirectory() {
    PayloadDurabilityTest.Recording sync = new PayloadDurabilityTest.Recording();
    Path looksLikeADirectory = Path.of("memFS:" + dir.resolve("x")).toAbsolutePath();
    try (Database opened = Database.open("jdbc:h2:memFS:" + dir.resolve("x").resolve("hub"), "", "", 2, sync)) {
      assertThat(sync.directories).isEmpty();
    }
    assertThat(looksLikeADirectory).doesNotExist();
  }
}
