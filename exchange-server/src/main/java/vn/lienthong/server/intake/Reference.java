package vn.lienthong.server.intake;

import java.util.List;
import java.util.Objects;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.server.delivery.MessageRecord;

/**
 * A document a message refers to (the subject of a status, the document a revocation, update or
 * replacement acts on), as the hub found it.
 *
 * @param sender who sent the referenced document
 * @param found the stored document, or null when the hub has none
 * @param callerReceived whether the caller has it in its inbox
 * @param organIds for a replacement: to whom it applies
 */
public record Reference(String documentId, OrganId sender, MessageRecord found, boolean callerReceived,
    List<OrganId> organIds) {
  public Reference {
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(sender, "sender");
    organIds = List.copyOf(organIds);
  }
}
