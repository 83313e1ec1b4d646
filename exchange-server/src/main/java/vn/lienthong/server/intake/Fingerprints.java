package vn.lienthong.server.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.core.edxml.DocumentMessage;
import vn.lienthong.core.edxml.EdxmlMessage;
import vn.lienthong.core.edxml.StatusMessage;

/**
 * Idempotency keys and content fingerprints.
 *
 * <p>A document is identified by its sender, its BussinessDocType and its DocumentId (a
 * revocation carries the DocumentId of the document it revokes, so the type is part of the key).
 * Its content is the meaning of the header, the business block, the routing addresses and each
 * attachment's name, type and SHA-256, not the envelope's bytes: the same document signed again
 * (a new signature value, new trace timestamps) is the same content. A status is identified by
 * its content alone.
 */
final class Fingerprints {

  private Fingerprints() {}

  static String idempotencyKey(EdxmlMessage message, String fingerprint) {
    if (message instanceof DocumentMessage d) {
      return "D" + d.business().typeCode() + ":" + d.header().documentId();
    }
    return "S:" + fingerprint;
  }

  static String fingerprint(EdxmlMessage message, List<Attachment> attachments, List<String> addresses) {
    StringBuilder b = new StringBuilder();
    if (message instanceof DocumentMessage d) {
      b.append(d.header()).append('\n').append(d.business()).append('\n');
      b.append(addresses.stream().map(String::strip).sorted().collect(Collectors.joining(" "))).append('\n');
      for (Attachment a : attachments) {
        b.append(a.contentId()).append('|').append(a.attachmentName()).append('|').append(a.contentType())
            .append('|').append(a.sha256()).append('\n');
      }
    } else {
      StatusMessage s = (StatusMessage) message;
      b.append(s.from().organId()).append('|').append(s.responseFor()).append('|').append(s.statusCode())
          .append('|').append(s.description()).append('|').append(s.timestamp()).append('|').append(s.staff());
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(b.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
