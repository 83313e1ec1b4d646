package vn.lienthong.server.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;

/**
 * The payload store's fan-out directories {@code ab/} and {@code ab/cd/}, created as needed and,
 * the first time this process uses them, forced into their parents ({@code root} and {@code ab/}):
 * forcing only {@code ab/cd/} after the rename makes the file's name durable, not the directories'
 * own names, so a power loss could leave a new payload unreachable by its path.
 */
final class FanOutDirectories {

  private final Path root;
  private final FileSync sync;
  /** Whose names this process has forced: bit {@code ab} for {@code ab/}, {@code 256 + abcd} for {@code ab/cd/}. */
  private final BitSet forced = new BitSet(256 + 65_536);

  FanOutDirectories(Path root, FileSync sync) {
    this.root = root;
    this.sync = sync;
  }

  /** Creates {@code cd} (the payload {@code sha256}'s {@code ab/cd/}) durably. */
  void create(String sha256, Path cd) throws IOException {
    int ab = Integer.parseInt(sha256.substring(0, 2), 16);
    int abcd = Integer.parseInt(sha256.substring(0, 4), 16);
    Files.createDirectories(cd); // (a check when they exist, as they mostly do)
    boolean abKnown;
    synchronized (forced) {
      if (forced.get(256 + abcd)) {
        return;
      }
      abKnown = forced.get(ab);
    }
    if (!abKnown) {
      sync.forceDirectory(root);
      synchronized (forced) {
        forced.set(ab);
      }
    }
    sync.forceDirectory(cd.getParent());
    synchronized (forced) {
      forced.set(256 + abcd);
    }
  }
}
