package vn.lienthong.core.pdf;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.io.RandomAccessReadView;

/**
 * A PDF file cut at one revision's end, read from disk through PDFBox's buffered file: what a
 * reader of that revision alone would see. Unlike {@link RandomAccessReadView}, it supports
 * {@link #createView}, which PDFBox's parser needs for streams.
 */
final class RevisionView implements RandomAccessRead {

  private final RandomAccessReadBufferedFile file;
  private final long end;

  RevisionView(Path pdf, long end) throws IOException {
    this.file = new RandomAccessReadBufferedFile(pdf.toFile());
    this.end = Math.min(end, file.length());
  }

  @Override
  public int read() throws IOException {
    return file.getPosition() >= end ? -1 : file.read();
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    long left = end - file.getPosition();
    if (left <= 0) {
      return -1;
    }
    return file.read(b, off, (int) Math.min(len, left));
  }

  @Override
  public long getPosition() throws IOException {
    return file.getPosition();
  }

  @Override
  public void seek(long position) throws IOException {
    file.seek(Math.min(position, end));
  }

  @Override
  public long length() {
    return end;
  }

  @Override
  public boolean isClosed() {
    return file.isClosed();
  }

  @Override
  public boolean isEOF() throws IOException {
    return file.getPosition() >= end;
  }

  @Override
  public RandomAccessReadView createView(long start, long length) throws IOException {
    if (start < 0 || length < 0 || start + length > end) {
      throw new IOException("a view of " + length + " bytes at " + start
          + " does not fit in the revision's " + end + " bytes");
    }
    return new RandomAccessReadView(this, start, length);
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
