package vn.lienthong.server.api;

import jakarta.activation.DataSource;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A temporary file sent once (an evidence bundle) and deleted when the stream over it is closed. */
final class DeletingFileSource implements DataSource {

  private final Path file;

  DeletingFileSource(Path file) {
    this.file = file;
  }

  @Override
  public InputStream getInputStream() throws IOException {
    return new FilterInputStream(Files.newInputStream(file)) {
      @Override
      public void close() throws IOException {
        try {
          super.close();
        } finally {
          Files.deleteIfExists(file);
        }
      }
    };
  }

  @Override
  public OutputStream getOutputStream() {
    throw new UnsupportedOperationException();
  }

  @Override
  public String getContentType() {
    return "application/zip";
  }

  @Override
  public String getName() {
    return file.getFileName().toString();
  }
}
