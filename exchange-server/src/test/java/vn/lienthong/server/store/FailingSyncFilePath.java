package vn.lienthong.server.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * H2's file system {@code fsyncfail:}: the disk one, with a model of what a power loss keeps. Like
 * Linux's page cache, a write is only in memory (what H2 reads back) until an fsync writes its
 * dirty pages to "the disk" (an image kept here per file). {@link #failNext} fsyncs fail as a failing
 * disk's do (EIO): as Linux does, the pages that fsync could not write are then marked clean, so no
 * later fsync writes them either (only a later write to the same page dirties it again).
 * {@link #powerLoss} replaces every file by its image: what was on the disk when the power went.
 * Renames are taken as durable (the hub forces directories itself).
 */
public final class FailingSyncFilePath extends FilePathWrapper {

  static final int PAGE = 4096;
  static final AtomicInteger failNext = new AtomicInteger();
  static final AtomicInteger failed = new AtomicInteger();
  /** While set, every fsync waits for it: a checkpoint held in the middle of its write-back. */
  static volatile java.util.concurrent.CountDownLatch hold;
  /** Per real path: the bytes on "the disk", and the pages written since their last write-back. */
  static final Map<String, Durable> files = new ConcurrentHashMap<>();

  static final class Durable {
    byte[] image = new byte[0];
    final BitSet dirty = new BitSet();
  }

  static void register() {
    FilePath.register(new FailingSyncFilePath());
  }

  static void reset() {
    hold = null;
    failNext.set(0);
    failed.set(0);
    files.clear();
  }

  /** Every file this file system wrote goes back to what its last successful fsyncs put on the disk. */
  static synchronized void powerLoss() throws IOException {
    for (Map.Entry<String, Durable> e : files.entrySet()) {
      Path p = Path.of(e.getKey());
      if (Files.exists(p)) {
        Files.write(p, e.getValue().image);
      }
    }
    files.clear();
  }

  private static String key(FilePath p) {
    String name = p.toString();
    name = name.startsWith("file:") ? name.substring(5) : name;
    return Path.of(name).toAbsolutePath().toString();
  }

  @Override
  public String getScheme() {
    return "fsyncfail";
  }

  @Override
  public FileChannel open(String mode) throws IOException {
    String key = key(getBase());
    FileChannel base = getBase().open(mode);
    Durable d = files.computeIfAbsent(key, k -> {
      Durable fresh = new Durable();
      try {
        fresh.image = base.size() == 0 ? new byte[0] : Files.readAllBytes(Path.of(k)); // as found: on disk
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return fresh;
    });
    return new Channel(base, key, d);
  }

  @Override
  public void moveTo(FilePath newName, boolean atomicReplace) {
    String from = key(getBase());
    String to = key(((FilePathWrapper) newName).unwrap());
    super.moveTo(newName, atomicReplace);
    synchronized (FailingSyncFilePath.class) {
      Durable d = files.remove(from);
      if (d != null) {
        files.put(to, d);
      } else {
        files.remove(to);
      }
    }
  }

  static final class Channel extends FileChannel {
    private final FileChannel base;
    private final String key;
    private final Durable durable;

    Channel(FileChannel base, String key, Durable durable) {
      this.base = base;
      this.key = key;
      this.durable = durable;
    }

    private void dirty(long position, int length) {
      if (length > 0) {
        synchronized (FailingSyncFilePath.class) {
          durable.dirty.set((int) (position / PAGE), (int) ((position + length - 1) / PAGE) + 1);
        }
      }
    }

    @Override
    public void force(boolean metaData) throws IOException {
      java.util.concurrent.CountDownLatch held = hold;
      if (held != null) {
        try {
          held.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted while the fsync was held");
        }
      }
      synchronized (FailingSyncFilePath.class) {
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          failed.incrementAndGet();
          durable.dirty.clear(); // written back with an error: marked clean, lost
          throw new IOException("Input/output error (simulated fsync failure)");
        }
        base.force(metaData);
        long size = base.size();
        byte[] image = Arrays.copyOf(durable.image, (int) size);
        for (int page = durable.dirty.nextSetBit(0); page >= 0 && (long) page * PAGE < size;
            page = durable.dirty.nextSetBit(page + 1)) {
          ByteBuffer b = ByteBuffer.wrap(image, page * PAGE, (int) Math.min(PAGE, size - (long) page * PAGE));
          long at = (long) page * PAGE;
          while (b.hasRemaining()) {
            int n = base.read(b, at + (b.position() - page * PAGE));
            if (n < 0) {
              break;
            }
          }
        }
        durable.image = image;
        durable.dirty.clear();
      }
    }

    @Override public int write(ByteBuffer src, long position) throws IOException {
      int n = base.write(src, position);
      dirty(position, n);
      return n;
    }
    @Override public int write(ByteBuffer src) throws IOException {
      long p = base.position();
      int n = base.write(src);
      dirty(p, n);
      return n;
    }
    @Override public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      long p = base.position();
      long n = base.write(srcs, offset, length);
      dirty(p, (int) n);
      return n;
    }
    @Override public FileChannel truncate(long size) throws IOException {
      base.truncate(size);
      return this;
    }
    @Override public int read(ByteBuffer dst) throws IOException { return base.read(dst); }
    @Override public long read(ByteBuffer[] dsts, int offset, int length) throws IOException { return base.read(dsts, offset, length); }
    @Override public long position() throws IOException { return base.position(); }
    @Override public FileChannel position(long p) throws IOException { base.position(p); return this; }
    @Override public long size() throws IOException { return base.size(); }
    @Override public long transferTo(long position, long count, WritableByteChannel target) throws IOException { return base.transferTo(position, count, target); }
    @Override public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException { throw new UnsupportedOperationException(); }
    @Override public int read(ByteBuffer dst, long position) throws IOException { return base.read(dst, position); }
    @Override public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException { throw new UnsupportedOperationException(); }
    @Override public FileLock lock(long position, long size, boolean shared) throws IOException { return base.lock(position, size, shared); }
    @Override public FileLock tryLock(long position, long size, boolean shared) throws IOException { return base.tryLock(position, size, shared); }
    @Override protected void implCloseChannel() throws IOException { base.close(); }
  }
}
