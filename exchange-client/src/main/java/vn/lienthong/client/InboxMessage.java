package vn.lienthong.client;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One inbox entry. {@code leaseToken} and {@code leaseUntil} are set when the entry was handed out
 * by {@link ExchangeClient#pending}; {@code statusCode} for statuses, {@code businessType} for
 * documents.
 */
public record InboxMessage(long messageRef, long messageId, MessageKind kind, String from, String documentId,
    Integer businessType, String statusCode, String subject, long size, Instant receivedAt, String leaseToken,
    Instant leaseUntil, boolean revoked, boolean withdrawn, String replacedBy, List<String> relatedDocumentIds) {

  public InboxMessage {
    relatedDocumentIds = List.copyOf(relatedDocumentIds);
  }

  /** The status code of a status message (e.g. {@code 03}). */
  public Optional<String> status() {
    return Optional.ofNullable(statusCode);
  }
}
