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
 * @param revoked whether its sender revoked it
 * @param organIds for a replacement: to whom it applies
 */
public record Reference(String documentId, OrganId sender, MessageRecord found, boolean callerReceived,
    boolean revoked, List<OrganId> organIds) {
  public Reference {
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(sender, "sender");
    organIds = List.copyOf(organIds);
  }

  /** A document to look for. */
  static Reference wanted(String documentId, OrganId sender, List<OrganId> organIds) {
    return new Reference(documentId, sender, null, false, false, organIds);
  }
}
