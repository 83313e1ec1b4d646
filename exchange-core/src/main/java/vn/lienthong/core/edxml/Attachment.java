package vn.lienthong.core.edxml;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An attachment as a file on disk, never as bytes in memory.
 *
 * @param contentType the file's true content type (for a ZIP-wrapped attachment, the type of the
 *     file inside, as the manifest announced it)
 * @param file where the decoded content lies
 * @param size the file's length in bytes
 * @param sha256 the file's SHA-256, lower-case hex
 * @param unwrapped whether the sender carried it inside a ZIP that the reader unpacked
 */
public record Attachment(String contentId, String attachmentName, String description,
    String contentType, Path file, long size, String sha256, boolean unwrapped) {

  public Attachment {
    contentId = Texts.orEmpty(contentId);
    attachmentName = Texts.orEmpty(attachmentName);
    description = Texts.orEmpty(description);
    contentType = Texts.orEmpty(contentType);
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(sha256, "sha256");
  }

  /**
   * An attachment to send: reads {@code file} once to learn its size and SHA-256.
   *
   * @throws UncheckedIOException when the file cannot be read
   */
  public static Attachment of(String contentId, String attachmentName, String description,
      String contentType, Path file) {
    Objects.requireNonNull(file, "file");
    MessageDigest digest = sha256Digest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      long size = in.transferTo(OutputStream.nullOutputStream());
      return new Attachment(contentId, attachmentName, description, contentType, file, size,
          HexFormat.of().formatHex(digest.digest()), false);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read attachment " + file, e);
    }
  }

  static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }
}
