package vn.lienthong.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link PayloadStore#commit} forces before it returns (the intake then records the message
 * and answers): a power loss, unlike a SIGKILL, loses every directory entry not forced. A test
 * cannot cut the power; it records the store's fsyncs of directories instead.
 */
class PayloadDurabilityTest {

  @TempDir Path dir;

  static final class Recording implements FileSync {
    final List<Path> directories = new CopyOnWriteArrayList<>();

    @Override
    public void forceFile(Path file) throws IOException {
      FileSync.DISK.forceFile(file);
    }

    @Override
    public void forceDirectory(Path d) throws IOException {
      FileSync.DISK.forceDirectory(d);
      directories.add(d);
    }
  }

  /**
   * The first payload whose hash starts with {@code ab/cd} creates both directories (65 536 of them
   * fill up over the store's life): their names in {@code payloads/} and {@code payloads/ab/} are
   * entries of those directories, which only the file's own directory was forced for. Lost, the
   * payload is unreachable by its path although the message recorded after it is there.
   */
  @Test
  void aPayloadInNewDirectoriesHasThoseDirectoriesNamesForcedToo() {
    Recording sync = new Recording();
    try (PayloadStore store = new PayloadStore(dir.resolve("payloads"), sync)) {
      PayloadStore.Staged staged = store.stage("first".getBytes(StandardCharsets.UTF_8));
      sync.directories.clear();
      store.commit(staged);
      Path file = store.path(staged.sha256());
      Path cd = file.getParent();
      Path ab = cd.getParent();
      assertThat(sync.directories).as("the file's directory, and the new directories' parents")
          .contains(cd, ab, store.root());
    }
  }

  /**
   * An intake that finds its content already stored only touches the file and returns: but the file
   * under that name may have been renamed there a moment ago by another intake of the same envelope
   * (a retry after a timeout, another hub process on the same store) or put back by retention, whose
   * fsync of the directory has not happened yet. This intake then records its message and answers
   * (with PostgreSQL, no fsync on this machine at all): a power loss then loses the payload of an
   * acknowledged document. Forcing the directory here too makes the name durable whoever wrote it.
   */
  @Test
  void aPayloadFoundAlreadyStoredHasItsNameForcedBeforeCommitReturns() {
    Recording sync = new Recording();
    try (PayloadStore store = new PayloadStore(dir.resolve("payloads"), sync)) {
      store.commit(store.stage("same".getBytes(StandardCharsets.UTF_8)));
      PayloadStore.Staged again = store.stage("same".getBytes(StandardCharsets.UTF_8));
      sync.directories.clear();
      store.commit(again);
      assertThat(sync.directories).as("the directory of the name the intake relies on")
          .contains(store.path(again.sha256()).getParent());
    }
  }
}
