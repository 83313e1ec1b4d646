package vn.lienthong.core.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import vn.lienthong.core.pdf.PdfSigningException.Code;

/** Opens PDFs from files without reading them whole into memory, with typed errors. */
final class Documents {

  private Documents() {}

  static PDDocument open(Path file) throws PdfSigningException {
    RandomAccessReadBufferedFile source;
    try {
      source = new RandomAccessReadBufferedFile(file.toFile());
    } catch (NoSuchFileException e) {
      throw new PdfSigningException(Code.IO_ERROR, "No such file " + file, e);
    } catch (IOException e) {
      throw new PdfSigningException(Code.IO_ERROR, "Cannot read " + file + ": " + e, e);
    }
    PDDocument doc;
    try {
      doc = PdfLoader.load(source);
    } catch (InvalidPasswordException e) {
      close(source);
      throw new PdfSigningException(Code.ENCRYPTED_PDF, file + " is password protected", e);
    } catch (IOException | RuntimeException e) {
      close(source);
      throw new PdfSigningException(Code.CORRUPT_PDF, file + " is not a readable PDF: "
          + e.getMessage(), e);
    }
    if (doc.isEncrypted()) {
      close(doc);
      throw new PdfSigningException(Code.ENCRYPTED_PDF, file + " is encrypted: signing an"
          + " encrypted PDF is refused");
    }
    return doc;
  }

  /** Reads a stream fully into a digest, in small chunks. */
  static byte[] digest(InputStream in, java.security.MessageDigest digest) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      digest.update(buffer, 0, n);
    }
    return digest.digest();
  }

  private static void close(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // nothing more to do for a file we failed to parse
    }
  }
}
