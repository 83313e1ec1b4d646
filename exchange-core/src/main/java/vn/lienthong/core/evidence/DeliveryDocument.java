package vn.lienthong.core.evidence;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.w3c.dom.Element;

/**
 * What the hub attests when a recipient confirms it received a message: the delivery evidence's
 * content (canonical XML, element {@code DeliveryEvidence} of {@code evidence.xsd}).
 *
 * @param messageId the message confirmed
 * @param from the message's sender
 * @param recipient the unit that confirmed
 * @param envelopeSha256 the SHA-256 (hex) of the envelope it was handed
 */
public record DeliveryDocument(long messageId, String documentId, String from, String recipient,
    String envelopeSha256, Instant confirmedAt) {

  public DeliveryDocument {
    requireNonNull(documentId, "documentId");
    requireNonNull(from, "from");
    requireNonNull(recipient, "recipient");
    requireNonNull(envelopeSha256, "envelopeSha256");
    confirmedAt = requireNonNull(confirmedAt, "confirmedAt").truncatedTo(ChronoUnit.MILLIS);
  }

  /** The canonical XML. */
  public byte[] toXml() {
    return new EvidenceXml().root("DeliveryEvidence").text("MessageId", messageId).text("DocumentId", documentId)
        .text("From", from).text("Recipient", recipient).text("EnvelopeSha256", envelopeSha256)
        .text("ConfirmedAt", confirmedAt).close("DeliveryEvidence").bytes();
  }

  /** Reads delivery evidence's XML. @throws IllegalArgumentException when it is not one */
  public static DeliveryDocument parse(byte[] xml) {
    Element r = EvidenceXml.parse(xml, "DeliveryEvidence");
    return new DeliveryDocument(Long.parseLong(EvidenceXml.text(r, "MessageId")), EvidenceXml.text(r, "DocumentId"),
        EvidenceXml.text(r, "From"), EvidenceXml.text(r, "Recipient"), EvidenceXml.text(r, "EnvelopeSha256"),
        EvidenceXml.time(r, "ConfirmedAt"));
  }
}
