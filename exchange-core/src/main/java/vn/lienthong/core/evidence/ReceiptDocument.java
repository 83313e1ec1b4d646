package vn.lienthong.core.evidence;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.w3c.dom.Element;

/**
 * What the hub attests when it accepts a message: the signed receipt's content (canonical XML,
 * element {@code Receipt} of {@code evidence.xsd}).
 *
 * @param receiptId the hub's identifier of this acceptance
 * @param messageId the hub's message number
 * @param kind {@code DOCUMENT} or {@code STATUS}
 * @param from the sender's OrganId
 * @param recipients every recipient's OrganId, in delivery order
 * @param envelopeSha256 the SHA-256 (hex) of the envelope as received
 * @param attachments each attachment's name and SHA-256, in envelope order
 * @param checks the intake checks and their outcomes (check id, outcome, detail)
 * @param receivedAt when the hub accepted it (to the millisecond)
 */
public record ReceiptDocument(String receiptId, long messageId, String kind, String from, String documentId,
    List<String> recipients, String envelopeSha256, List<FileDigest> attachments, List<CheckEntry> checks,
    Instant receivedAt) {

  /** A named file and its SHA-256 (hex). */
  public record FileDigest(String name, String sha256) {
    public FileDigest {
      requireNonNull(name, "name");
      requireNonNull(sha256, "sha256");
    }
  }

  /**
   * One intake check's result. {@code outcome} is {@code PASSED}, {@code FAILED}, {@code PENDING}
   * (e.g. a check that finishes later) or {@code NOT_APPLICABLE}; {@code detail} may be empty.
   */
  public record CheckEntry(String check, String outcome, String detail) {
    public CheckEntry {
      requireNonNull(check, "check");
      requireNonNull(outcome, "outcome");
      detail = detail == null ? "" : detail;
    }
  }

  public ReceiptDocument {
    requireNonNull(receiptId, "receiptId");
    requireNonNull(kind, "kind");
    requireNonNull(from, "from");
    requireNonNull(documentId, "documentId");
    recipients = List.copyOf(recipients);
    requireNonNull(envelopeSha256, "envelopeSha256");
    attachments = List.copyOf(attachments);
    checks = List.copyOf(checks);
    receivedAt = requireNonNull(receivedAt, "receivedAt").truncatedTo(ChronoUnit.MILLIS);
  }

  /** The canonical XML. */
  public byte[] toXml() {
    EvidenceXml x = new EvidenceXml().root("Receipt").text("ReceiptId", receiptId).text("MessageId", messageId)
        .text("Kind", kind).text("From", from).text("DocumentId", documentId).open("Recipients");
    recipients.forEach(r -> x.text("OrganId", r));
    x.close("Recipients").text("EnvelopeSha256", envelopeSha256).open("Attachments");
    attachments.forEach(a -> x.element("Attachment", null, "name", a.name(), "sha256", a.sha256()));
    x.close("Attachments").open("Checks");
    checks.forEach(c -> x.element("Check", c.detail(), "id", c.check(), "outcome", c.outcome()));
    return x.close("Checks").text("ReceivedAt", receivedAt).close("Receipt").bytes();
  }

  /** Reads a receipt's XML. @throws IllegalArgumentException when it is not one */
  public static ReceiptDocument parse(byte[] xml) {
    Element r = EvidenceXml.parse(xml, "Receipt");
    return new ReceiptDocument(EvidenceXml.text(r, "ReceiptId"), Long.parseLong(EvidenceXml.text(r, "MessageId")),
        EvidenceXml.text(r, "Kind"), EvidenceXml.text(r, "From"), EvidenceXml.text(r, "DocumentId"),
        EvidenceXml.children(EvidenceXml.child(r, "Recipients"), "OrganId").stream().map(Element::getTextContent)
            .toList(),
        EvidenceXml.text(r, "EnvelopeSha256"),
        EvidenceXml.children(EvidenceXml.child(r, "Attachments"), "Attachment").stream().map(a -> new FileDigest(
            EvidenceXml.attribute(a, "name"), EvidenceXml.attribute(a, "sha256"))).toList(),
        EvidenceXml.children(EvidenceXml.child(r, "Checks"), "Check").stream().map(c -> new CheckEntry(
            EvidenceXml.attribute(c, "id"), EvidenceXml.attribute(c, "outcome"), c.getTextContent())).toList(),
        EvidenceXml.time(r, "ReceivedAt"));
  }
}
