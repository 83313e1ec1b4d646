package vn.lienthong.core.edxml;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Unpacks an attachment that a sender carried as a ZIP holding one file, streaming and bounded (a
 * ZIP bomb stops at the size limit).
 */
final class ZipUnwrapper {

  private ZipUnwrapper() {}

  static AttachmentDecoder.Decoded unwrap(Path zip, Path directory, long maxBytes, String path,
      List<Path> created) {
    try (ZipFile zf = new ZipFile(zip.toFile())) {
      List<? extends ZipEntry> files = zf.stream().filter(e -> !e.isDirectory()).toList();
      if (files.size() != 1) {
        throw new EdxmlException(ErrorCode.INVALID_ATTACHMENT, path,
            "A ZIP-wrapped attachment must hold exactly one file, holds " + files.size());
      }
      Path out = Files.createTempFile(directory, "attachment-", ".bin");
      created.add(out);
      var digest = Attachment.sha256Digest();
      long size;
      try (InputStream in = zf.getInputStream(files.get(0));
          OutputStream os = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(out)), digest)) {
        size = copyBounded(in, os, maxBytes, path);
      }
      return new AttachmentDecoder.Decoded(out, size, HexFormat.of().formatHex(digest.digest()));
    } catch (IOException e) {
      throw new EdxmlException(ErrorCode.INVALID_ATTACHMENT, path, "Not a readable ZIP: " + e.getMessage(), e);
    }
  }

  private static long copyBounded(InputStream in, OutputStream out, long max, String path) throws IOException {
    byte[] buf = new byte[1 << 16];
    long total = 0;
    int n;
    while ((n = in.read(buf)) > 0) {
      total += n;
      if (total > max) {
        throw new EdxmlException(ErrorCode.INVALID_ATTACHMENT, path, "Unpacked attachment larger than the " + max
            + " bytes left of the envelope's bound on its attachments");
      }
      out.write(buf, 0, n);
    }
    return total;
  }
}
