package vn.lienthong.server.evidence;

import java.time.Instant;
import java.util.Objects;
import vn.lienthong.core.organ.OrganId;

/**
 * What the hub answers for an accepted message, after it is durable. A duplicate send answers the
 * original receipt again, with {@link #duplicate()} set.
 *
 * @param receiptId the hub's identifier of this acceptance (random, 128 bits, hex)
 * @param messageId the hub's message number
 * @param kind {@code DOCUMENT} or {@code STATUS}
 * @param contentSha256 the SHA-256 of the envelope as received
 * @param recipients how many inboxes received it
 */
public record Receipt(String receiptId, long messageId, String kind, OrganId from, String documentId,
    String contentSha256, Instant receivedAt, int recipients, boolean duplicate) {

  public Receipt {
    Objects.requireNonNull(receiptId, "receiptId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(contentSha256, "contentSha256");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  /** The same receipt, marked as answering a duplicate. */
  public Receipt asDuplicate() {
    return new Receipt(receiptId, messageId, kind, from, documentId, contentSha256, receivedAt, recipients, true);
  }
}
