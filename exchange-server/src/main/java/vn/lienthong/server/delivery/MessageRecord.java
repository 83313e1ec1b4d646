package vn.lienthong.server.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.server.evidence.Receipt;

/**
 * A stored message: one row however many recipients it has, its payload referenced by SHA-256.
 *
 * @param origin {@code UNIT} when a unit sent it, {@code HUB} when the hub generated it (status
 *     01 on a confirmation)
 * @param businessType the document's BussinessDocType (0–3), null for statuses
 * @param statusCode the status code (two digits), null for documents
 * @param codeText the document's number/notation as one text (empty for statuses)
 * @param promulgatedOn null when unknown
 * @param aboutMessageId the document a status or a revocation/update is about, or null
 * @param traceHeaders the sender's trace headers, {@code organId@epochMillis} separated by spaces
 */
public record MessageRecord(long id, MessageKind kind, String origin, OrganId sender, String documentId,
    String fingerprint, String payloadSha256, long payloadSize, Integer businessType, String statusCode,
    String codeText, LocalDate promulgatedOn, String subject, Long aboutMessageId, String traceHeaders,
    String receiptId, int recipients, Instant receivedAt) {

  public MessageRecord {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(payloadSha256, "payloadSha256");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  /** The receipt that answered this message. */
  public Receipt receipt() {
    return new Receipt(receiptId, id, kind.name(), sender, documentId, payloadSha256, receivedAt, recipients, false);
  }
}
