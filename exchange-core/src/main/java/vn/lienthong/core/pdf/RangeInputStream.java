package vn.lienthong.core.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/** The two byte ranges of a signature, streamed from the file; closing it closes the file. */
final class RangeInputStream extends InputStream {

  private final RandomAccessFile file;
  private final long[] starts;
  private final long[] lengths;
  private int range;
  private long done;

  RangeInputStream(Path path, long start1, long length1, long start2, long length2)
      throws IOException {
    this.file = new RandomAccessFile(path.toFile(), "r");
    this.starts = new long[] {start1, start2};
    this.lengths = new long[] {length1, length2};
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    while (range < 2 && done == lengths[range]) {
      range++;
      done = 0;
    }
    if (range >= 2) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    file.seek(starts[range] + done);
    int n = file.read(b, off, (int) Math.min(len, lengths[range] - done));
    if (n < 0) {
      throw new IOException("the file ends inside a signed byte range");
    }
    done += n;
    return n;
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
