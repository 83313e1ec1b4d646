package vn.lienthong.core.edxml;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import vn.lienthong.core.xml.XmlLimits;

/**
 * Reads edXML envelopes, liberal where real traffic varies and hardened against hostile input.
 *
 * <p>One streaming (StAX) pass: the envelope (small) becomes a DOM from which the message is
 * mapped and on which {@link EnvelopeVerifier} later checks the signature; each attachment's
 * base64 is decoded chunk by chunk into a file in the attachment directory while its SHA-256 is
 * computed, so memory does not grow with attachment size.
 *
 * <p>Accepted deviations: stray bytes before the XML declaration, {@code Signature} in the XML-DSig
 * namespace or in none (the edXML default), children in any order, unknown extra elements and
 * attributes inside the envelope, dates in {@code yyyy/MM/dd} or ISO 8601, and an attachment carried
 * as {@code application/zip} while the manifest announces another type (it is unpacked). Refused
 * with a typed {@link EdxmlException}: DOCTYPE, entities, XInclude, inputs beyond the
 * {@link XmlLimits}, malformed XML, a second envelope or anything else beside the envelope and the
 * attachments, duplicates of elements that occur once, unreadable values, and an attachment whose
 * content does not match the SHA-256 the signed manifest gives for it.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class EdxmlReader {

  /** How many stray leading bytes are skipped, at most, looking for the first {@code <}. */
  static final int MAX_LEADING_GARBAGE = 1024;

  private final Path attachmentDirectory;
  private final XmlLimits limits;
  private final long maxAttachmentBytes;

  private EdxmlReader(Builder b) {
    this.attachmentDirectory = b.attachmentDirectory;
    this.limits = b.limits;
    this.maxAttachmentBytes = b.maxAttachmentBytes;
  }

  /** A builder; the attachment directory is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Reads an envelope from a file. */
  public Envelope read(Path file) {
    Objects.requireNonNull(file, "file");
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    } catch (IOException e) {
      throw new EdxmlException(ErrorCode.IO_ERROR, "", "Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads an envelope from a stream (not closed). Attachments land in new files in the attachment
   * directory; on failure, files already written are deleted.
   *
   * @throws EdxmlException naming the code and field of the first problem found
   */
  public Envelope read(InputStream in) {
    Objects.requireNonNull(in, "in");
    try {
      Files.createDirectories(attachmentDirectory);
      InputStream xml = skipLeadingGarbage(new BufferedInputStream(in, 1 << 16));
      return new ReadSession(xml, attachmentDirectory, limits, maxAttachmentBytes).run();
    } catch (IOException e) {
      throw new EdxmlException(ErrorCode.IO_ERROR, "", "Cannot read the envelope: " + e.getMessage(), e);
    }
  }

  /** Skips stray bytes before the first {@code <} (one official sample has some). */
  static InputStream skipLeadingGarbage(BufferedInputStream in) throws IOException {
    in.mark(MAX_LEADING_GARBAGE);
    byte[] head = in.readNBytes(MAX_LEADING_GARBAGE);
    in.reset();
    boolean utf16 = head.length >= 2 && ((head[0] == (byte) 0xFE && head[1] == (byte) 0xFF)
        || (head[0] == (byte) 0xFF && head[1] == (byte) 0xFE));
    if (utf16) {
      return in; // a byte-order mark: the parser detects the encoding; nothing to skip
    }
    for (int i = 0; i < head.length; i++) {
      if (head[i] == '<') {
        in.skipNBytes(i);
        return in;
      }
    }
    throw new EdxmlException(ErrorCode.XML_MALFORMED, "",
        "No XML in the first " + MAX_LEADING_GARBAGE + " bytes");
  }

  /** Configures an {@link EdxmlReader}. */
  public static final class Builder {
    private Path attachmentDirectory;
    private XmlLimits limits = XmlLimits.DEFAULTS;
    private long maxAttachmentBytes = 2L << 30;

    private Builder() {}

    /** Where decoded attachments are written (created if missing). Required. */
    public Builder attachmentDirectory(Path dir) {
      this.attachmentDirectory = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /** Parser limits; {@link XmlLimits#DEFAULTS} unless set. */
    public Builder limits(XmlLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * The most an envelope's attachments may decode to, each and all together (ZIP-wrapped ones
     * unpacked), so that an envelope of many small ZIPs cannot fill the disk; 2 GiB unless set.
     */
    public Builder maxAttachmentBytes(long max) {
      if (max <= 0) {
        throw new IllegalArgumentException("maxAttachmentBytes must be positive, was " + max);
      }
      this.maxAttachmentBytes = max;
      return this;
    }

    public EdxmlReader build() {
      if (attachmentDirectory == null) {
        throw new IllegalStateException("attachmentDirectory is required");
      }
      return new EdxmlReader(this);
    }
  }
}
