package vn.lienthong.core.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;

/**
 * A named pipe (FIFO) that tells whether anyone opened it. A background thread opens it for
 * writing, which blocks until a reader opens it: if a parser ever opens the file, that thread
 * unblocks and records it. So "the file was never read" is observed, not assumed.
 */
public final class FifoTrap implements AutoCloseable {

  private final Path path;
  private final AtomicBoolean opened = new AtomicBoolean();
  private final Thread writer;
  private boolean released;

  private FifoTrap(Path path) {
    this.path = path;
    this.writer = new Thread(() -> {
      try (OutputStream out = Files.newOutputStream(path)) {
        opened.set(true);
      } catch (IOException e) {
        opened.set(true); // the open returned (with an error): someone was at the other end
      }
    }, "fifo-trap-" + path.getFileName());
    writer.setDaemon(true);
  }

  /** Makes a FIFO named {@code name} in {@code dir} with {@code mkfifo} and arms it. */
  public static FifoTrap create(Path dir, String name) throws InterruptedException {
    Path path = dir.resolve(name);
    Process mkfifo;
    try {
      mkfifo = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      Assumptions.abort("mkfifo is not available, so the no-file-access proof cannot run: " + e.getMessage());
      throw new AssertionError(e);
    }
    assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).as("mkfifo finished").isTrue();
    assertThat(mkfifo.exitValue()).as("mkfifo exit status").isZero();
    FifoTrap trap = new FifoTrap(path);
    trap.writer.start();
    // No need to wait until the writer blocks in open(): a parser that opened the FIFO first would
    // itself block until the writer arrives, and the writer would still record it.
    return trap;
  }

  /** The file's URI, to be put where a parser could follow it. */
  public String uri() {
    return path.toUri().toString();
  }

  /** Whether someone opened the file (the writer thread unblocked). */
  public boolean wasOpened() throws InterruptedException {
    writer.join(50); // a parser that opened the file has returned by now; give the writer a moment to record it
    return opened.get() || !writer.isAlive();
  }

  /** Asserts that nobody opened the file so far. */
  public void assertNotOpened(String what) throws InterruptedException {
    assertThat(wasOpened()).as(what + ": the FIFO " + path + " was opened").isFalse();
  }

  /** Releases the writer by opening the FIFO for reading, and waits for it to end. */
  @Override
  public void close() throws Exception {
    if (released) {
      return;
    }
    released = true;
    if (writer.isAlive()) {
      try (InputStream in = Files.newInputStream(path)) {
        in.readAllBytes();
      }
    }
    writer.join(TimeUnit.SECONDS.toMillis(10));
    assertThat(writer.isAlive()).as("the trap's writer thread ended").isFalse();
    Files.deleteIfExists(path);
  }
}
