package vn.lienthong.client.dx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code --password-file FILE} (or {@code $DX_PASSWORD_FILE}): the key store's password or PIN is the
 * file's first line, UTF-8, without its line ending (LF or CRLF) and without a leading byte order mark;
 * the rest of the file is not read. A file that cannot be read is a usage error naming the file, never
 * its content; an empty first line is an empty password.
 */
final class PasswordFile {

  /** More than a password: a file given by mistake (a PDF, a device) is not read to its end. */
  static final int MAX_LINE = 4096;

  private PasswordFile() {}

  static char[] read(Path file) {
    byte[] line = new byte[MAX_LINE + 1];
    int length = 0;
    try (InputStream in = Files.newInputStream(file)) {
      for (int b; length <= MAX_LINE && (b = in.read()) >= 0 && b != '\n'; ) {
        line[length++] = (byte) b;
      }
      if (length > MAX_LINE) {
        throw refused(file, "its first line is longer than " + MAX_LINE + " bytes");
      }
      if (length > 0 && line[length - 1] == '\r') {
        length--;
      }
      int start = length >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB && (line[2] & 0xFF) == 0xBF
          ? 3 : 0;
      return decode(ByteBuffer.wrap(line, start, length - start), file);
    } catch (IOException e) {
      throw refused(file, why(e));
    } finally {
      Arrays.fill(line, (byte) 0);
    }
  }

  private static char[] decode(ByteBuffer bytes, Path file) {
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
      char[] secret = Arrays.copyOfRange(chars.array(), chars.position(), chars.limit());
      Arrays.fill(chars.array(), '\0');
      return secret;
    } catch (CharacterCodingException e) {
      throw refused(file, "its first line is not UTF-8");
    }
  }

  private static String why(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private static Dx.UsageError refused(Path file, String why) {
    return new Dx.UsageError("Không đọc được tệp mật khẩu / cannot read the password file " + file + ": "
        + why);
  }
}
