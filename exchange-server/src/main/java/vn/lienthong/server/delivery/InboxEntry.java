package vn.lienthong.server.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import vn.lienthong.core.organ.OrganId;

/**
 * One entry of a unit's inbox: a delivery of a message.
 *
 * @param messageRef the delivery's number: what {@code GetMessage} and {@code ConfirmReceived} name
 * @param leaseToken the token of the lease the entry is handed out under, or null
 * @param replacedBy the DocumentId of the document that replaced this one for the unit, or null
 * @param relatedDocumentIds the document a status, revocation or update is about, or the documents a
 *     replacement replaces; empty for a new document
 */
public record InboxEntry(long messageRef, MessageRecord message, String state, String leaseToken,
    Instant leaseUntil, boolean revoked, boolean withdrawn, String replacedBy, List<String> relatedDocumentIds,
    OrganId recipient) {
  public InboxEntry {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(recipient, "recipient");
    relatedDocumentIds = List.copyOf(relatedDocumentIds);
  }

  InboxEntry withRelated(List<String> documentIds) {
    return new InboxEntry(messageRef, message, state, leaseToken, leaseUntil, revoked, withdrawn, replacedBy,
        documentIds, recipient);
  }
}
