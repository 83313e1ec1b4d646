package vn.lienthong.client;

import java.time.Instant;

/**
 * The hub's answer to an accepted message. A retried or repeated send of the same document answers
 * the original receipt with {@code duplicate} true.
 *
 * @param signedReceipt the receipt the hub sealed (CMS, CAdES-T; CAdES-BES while its time stamp
 *     is pending) over the canonical receipt XML (core's {@code ReceiptDocument}); empty when the
 *     hub signs no receipts
 */
public record Receipt(String receiptId, long messageId, MessageKind kind, String from, String documentId,
    String contentSha256, Instant receivedAt, int recipients, boolean duplicate, byte[] signedReceipt) {

  public Receipt {
    signedReceipt = signedReceipt == null ? new byte[0] : signedReceipt.clone();
  }

  /** A receipt without the signed form. */
  public Receipt(String receiptId, long messageId, MessageKind kind, String from, String documentId,
      String contentSha256, Instant receivedAt, int recipients, boolean duplicate) {
    this(receiptId, messageId, kind, from, documentId, contentSha256, receivedAt, recipients, duplicate, null);
  }

  @Override
  public byte[] signedReceipt() {
    return signedReceipt.clone();
  }
}
