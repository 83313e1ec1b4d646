package vn.lienthong.client;

import java.time.Instant;

/**
 * One message as the searching unit sees it ({@link ExchangeClient#search}).
 *
 * @param messageId the hub's identity of the message (what {@link ExchangeClient#evidence} takes)
 * @param from the unit that sent it
 * @param businessType BussinessDocType 0–3 of a document; null for a status
 * @param statusCode a status's code (01–06, 13, 15, 16); null for a document
 * @param code the document's CodeNumber/CodeNotation, e.g. {@code 412/UBND-VP}; empty for a status
 * @param recipients the units the hub routed it to
 * @param confirmed sent: how many of them confirmed receipt; received: 1 when this unit did
 * @param delivery received: this unit's copy, {@code PENDING}, {@code LEASED}, {@code CONFIRMED} or
 *     {@code WITHDRAWN}; null for a sent message
 * @param revoked received: this unit's copy is marked revoked; sent: some recipient's is
 * @param receipt the hub's signed receipt of the message
 * @param deliveryEvidence sealed delivery evidence the hub holds: sent, one per confirmed recipient;
 *     received, this unit's own (0 or 1)
 */
public record MessageHit(long messageId, Direction direction, MessageKind kind, String from, String documentId,
    Integer businessType, String statusCode, String code, String subject, long size, Instant receivedAt,
    int recipients, int confirmed, String delivery, boolean revoked, ReceiptState receipt, int deliveryEvidence) {

  /** Which side of the message the unit is on; a message a unit sends to itself is {@code SENT}. */
  public enum Direction { SENT, RECEIVED }

  /** The hub's signed receipt: sealed and time-stamped, sealed with its stamp pending, or none (no seal). */
  public enum ReceiptState { TIMESTAMPED, SIGNED, NONE }
}
