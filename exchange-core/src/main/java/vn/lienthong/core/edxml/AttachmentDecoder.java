package vn.lienthong.core.edxml;

import static javax.xml.stream.XMLStreamConstants.CDATA;
import static javax.xml.stream.XMLStreamConstants.CHARACTERS;
import static javax.xml.stream.XMLStreamConstants.END_ELEMENT;
import static javax.xml.stream.XMLStreamConstants.SPACE;
import static javax.xml.stream.XMLStreamConstants.START_ELEMENT;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLStreamReader;
import vn.lienthong.core.xml.SecureXml;
import vn.lienthong.core.xml.XmlLimits;

/**
 * Streams {@code AttachmentEncoded/Attachment*} into files: metadata is read as small text, the
 * base64 of {@code ContentTransferEncoded} is decoded chunk by chunk straight to disk.
 */
final class AttachmentDecoder {

  private static final Set<String> ZIP_TYPES =
      Set.of("application/zip", "application/x-zip-compressed", "application/x-zip");
  private static final Set<String> TEXT_FIELDS =
      Set.of("ContentId", "AttachmentName", "Description", "ContentType");

  private final XMLStreamReader reader;
  private final Path directory;
  private final XmlLimits limits;
  /** The most all attachments may decode to together (each is bounded by it too). */
  private final long maxBytes;
  private final List<Path> created;
  /** What the attachments read so far decoded (and unpacked) to. */
  private long used;

  AttachmentDecoder(XMLStreamReader reader, Path directory, XmlLimits limits, long maxBytes,
      List<Path> created) {
    this.reader = reader;
    this.directory = directory;
    this.limits = limits;
    this.maxBytes = maxBytes;
    this.created = created;
  }

  /** Reads all attachments; the reader is on {@code AttachmentEncoded}'s start and ends on its end. */
  List<Attachment> readAll(List<ManifestEntry> manifest) {
    List<Attachment> out = new ArrayList<>();
    int event;
    while ((event = SecureXml.next(reader)) != END_ELEMENT) {
      if (event != START_ELEMENT) {
        continue;
      }
      if ("Attachment".equals(reader.getLocalName())) {
        out.add(readOne("AttachmentEncoded/Attachment[" + (out.size() + 1) + "]", manifest));
      } else {
        SecureXml.skipElement(reader);
      }
    }
    return out;
  }

  private Attachment readOne(String path, List<ManifestEntry> manifest) {
    Map<String, String> fields = new HashMap<>();
    Decoded decoded = null;
    int event;
    while ((event = SecureXml.next(reader)) != END_ELEMENT) {
      if (event != START_ELEMENT) {
        continue;
      }
      String local = reader.getLocalName();
      if (TEXT_FIELDS.contains(local) || "ContentTransferEncoded".equals(local)) {
        if (fields.containsKey(local)) {
          throw new EdxmlException(ErrorCode.DUPLICATE_ELEMENT, path + "/" + local,
              "<" + local + "> occurs twice in one attachment");
        }
        if ("ContentTransferEncoded".equals(local)) {
          fields.put(local, "");
          decoded = decode(path + "/" + local);
        } else {
          fields.put(local, SecureXml.readText(reader, limits).strip());
        }
      } else {
        SecureXml.skipElement(reader);
      }
    }
    if (decoded == null) {
      throw new EdxmlException(ErrorCode.MISSING_ELEMENT, path + "/ContentTransferEncoded",
          "An attachment without content");
    }
    return finish(path, fields, decoded, manifest);
  }

  /**
   * The attachment as the application reads it. Its type and description are the signed
   * manifest's when it names the attachment (those in {@code AttachmentEncoded} are outside the
   * signature: a type changed there after signing was what the application got).
   */
  private Attachment finish(String path, Map<String, String> f, Decoded decoded, List<ManifestEntry> manifest) {
    String contentId = f.getOrDefault("ContentId", "");
    String carried = f.getOrDefault("ContentType", "");
    java.util.Optional<ManifestEntry> signed = manifest.stream().filter(m -> m.contentId().equals(contentId))
        .findFirst();
    String announced = signed.map(ManifestEntry::contentType).filter(t -> !t.isEmpty()).orElse(carried);
    String description = signed.map(ManifestEntry::description).filter(t -> !t.isEmpty())
        .orElse(f.getOrDefault("Description", ""));
    boolean unwrap = ZIP_TYPES.contains(carried.toLowerCase(Locale.ROOT))
        && !announced.isEmpty() && !ZIP_TYPES.contains(announced.toLowerCase(Locale.ROOT));
    String contentType = announced;
    Decoded content = decoded;
    if (unwrap) {
      // the ZIP itself was counted while it was decoded; what it unpacks to replaces it
      used -= decoded.size;
      content = ZipUnwrapper.unwrap(decoded.file, directory, maxBytes - used, path, created);
      delete(decoded.file);
    }
    used += content.size;
    return new Attachment(contentId, f.getOrDefault("AttachmentName", ""), description, contentType, content.file,
        content.size, content.sha256, unwrap);
  }

  private Decoded decode(String path) {
    Path file = newFile();
    var digest = Attachment.sha256Digest();
    try (OutputStream out = new DigestOutputStream(
        new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), digest)) {
      // many small ZIPs that each unpack to the limit must not fill the disk: one budget for all
      Base64Sink sink = new Base64Sink(out, maxBytes - used);
      int event;
      while ((event = SecureXml.next(reader)) != END_ELEMENT) {
        if (event == CHARACTERS || event == CDATA || event == SPACE) {
          sink.write(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
        } else if (event == START_ELEMENT) {
          throw new EdxmlException(ErrorCode.INVALID_ATTACHMENT, path, "An element inside base64 content");
        }
      }
      sink.close();
      used += sink.written();
      return new Decoded(file, sink.written(), HexFormat.of().formatHex(digest.digest()));
    } catch (Base64Sink.AttachmentTooLargeException e) {
      throw new EdxmlException(ErrorCode.INVALID_ATTACHMENT, path, "Attachment too large: the attachments may decode "
          + "to " + maxBytes + " bytes, each and all together");
    } catch (IllegalArgumentException e) {
      throw new EdxmlException(ErrorCode.INVALID_ATTACHMENT, path, "Invalid base64: " + e.getMessage());
    } catch (IOException e) {
      throw new EdxmlException(ErrorCode.IO_ERROR, path, "Cannot write the attachment: " + e.getMessage(), e);
    }
  }

  private Path newFile() {
    try {
      Path file = Files.createTempFile(directory, "attachment-", ".bin");
      created.add(file);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A decoded file, its length and its SHA-256 (hex). */
  record Decoded(Path file, long size, String sha256) {}
}
