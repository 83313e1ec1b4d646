package vn.lienthong.core.edxml;

import java.util.List;
import java.util.Objects;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * An edXML message as {@link EdxmlReader} read it: its meaning, its attachments (as files) and,
 * kept inside, the DOM of the envelope the meaning was taken from, which is what
 * {@link EnvelopeVerifier} checks the signature on. So the signature always covers the very
 * elements the application reads.
 */
public final class Envelope {

  private final EdxmlMessage message;
  private final List<Attachment> attachments;
  private final Document signedPart;

  Envelope(EdxmlMessage message, List<Attachment> attachments, Document signedPart) {
    this.message = Objects.requireNonNull(message, "message");
    this.attachments = List.copyOf(attachments);
    this.signedPart = Objects.requireNonNull(signedPart, "signedPart");
  }

  /** The meaning of the envelope. */
  public EdxmlMessage message() {
    return message;
  }

  /** The attachments in the order they came, decoded into files. */
  public List<Attachment> attachments() {
    return attachments;
  }

  /** Whether the envelope's header holds a {@code Signature} element (verified or not). */
  public boolean hasSignature() {
    Element header = Nodes.optional(envelopeElement(signedPart), "edXMLHeader", "edXMLEnvelope");
    if (header == null) {
      return false;
    }
    for (Node n = header.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n.getNodeType() == Node.ELEMENT_NODE && "Signature".equals(n.getLocalName())) {
        return true;
      }
    }
    return false;
  }

  /** A private copy of the signed part: the root element holding only the envelope. */
  Document signedPartCopy() {
    return (Document) signedPart.cloneNode(true);
  }

  static Element envelopeElement(Document doc) {
    return Nodes.required(doc.getDocumentElement(), "edXMLEnvelope", "edXML");
  }
}
