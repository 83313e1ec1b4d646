package vn.lienthong.core.xml;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Copies one element subtree from a stream reader into a DOM, merging text chunks. */
final class DomAppender {

  private final XMLStreamReader reader;
  private final XmlLimits limits;
  private final StringBuilder text = new StringBuilder();

  DomAppender(XMLStreamReader reader, XmlLimits limits) {
    this.reader = reader;
    this.limits = limits;
  }

  Element append(Node parent) {
    if (reader.getEventType() != XMLStreamConstants.START_ELEMENT) {
      throw new IllegalStateException("reader must be on a start element");
    }
    Document doc = parent instanceof Document d ? d : parent.getOwnerDocument();
    Element top = startElement(doc, parent);
    Node current = top;
    int level = 1;
    while (level > 0) {
      int event = SecureXml.next(reader);
      if (GuardedStreamReader.isTextEvent(event)) {
        GuardedStreamReader.appendBounded(text, reader, limits);
        continue;
      }
      flushText(doc, current);
      switch (event) {
        case XMLStreamConstants.START_ELEMENT -> {
          current = startElement(doc, current);
          level++;
        }
        case XMLStreamConstants.END_ELEMENT -> {
          current = current.getParentNode();
          level--;
        }
        // kept (a processing instruction is signed; a comment is part of what was read), and
        // counted like text: four hundred 10 000-character comments were held unbounded
        case XMLStreamConstants.COMMENT -> {
          GuardedStreamReader.collect(reader, reader.getTextLength(), limits);
          current.appendChild(doc.createComment(reader.getText()));
        }
        case XMLStreamConstants.PROCESSING_INSTRUCTION -> {
          String data = reader.getPIData();
          GuardedStreamReader.collect(reader, reader.getPITarget().length() + (data == null ? 0 : data.length()), limits);
          current.appendChild(doc.createProcessingInstruction(reader.getPITarget(), data));
        }
        default -> { }
      }
    }
    return top;
  }

  Element startOnly(Node parent) {
    if (reader.getEventType() != XMLStreamConstants.START_ELEMENT) {
      throw new IllegalStateException("reader must be on a start element");
    }
    return startElement(parent instanceof Document d ? d : parent.getOwnerDocument(), parent);
  }

  private void flushText(Document doc, Node current) {
    if (text.length() > 0) {
      current.appendChild(doc.createTextNode(text.toString()));
      text.setLength(0);
    }
  }

  private Element startElement(Document doc, Node parent) {
    // names, namespaces and attribute values are held in the DOM like text, and counted like it: 400
    // elements with a 10 000-character attribute each were held whole under a 64 Ki bound
    GuardedStreamReader.collect(reader, startTagLength(), limits);
    Element el = doc.createElementNS(emptyToNull(reader.getNamespaceURI()),
        qualified(reader.getPrefix(), reader.getLocalName()));
    for (int i = 0; i < reader.getNamespaceCount(); i++) {
      String prefix = reader.getNamespacePrefix(i);
      String uri = reader.getNamespaceURI(i);
      String name = prefix == null || prefix.isEmpty() ? "xmlns" : "xmlns:" + prefix;
      el.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, name, uri == null ? "" : uri);
    }
    for (int i = 0; i < reader.getAttributeCount(); i++) {
      el.setAttributeNS(emptyToNull(reader.getAttributeNamespace(i)),
          qualified(reader.getAttributePrefix(i), reader.getAttributeLocalName(i)),
          reader.getAttributeValue(i));
    }
    parent.appendChild(el);
    return el;
  }

  /** The characters of the current start tag that the DOM will hold. */
  private long startTagLength() {
    long n = length(reader.getPrefix()) + length(reader.getLocalName()) + length(reader.getNamespaceURI());
    for (int i = 0; i < reader.getNamespaceCount(); i++) {
      n += length(reader.getNamespacePrefix(i)) + length(reader.getNamespaceURI(i));
    }
    for (int i = 0; i < reader.getAttributeCount(); i++) {
      n += length(reader.getAttributePrefix(i)) + length(reader.getAttributeLocalName(i))
          + length(reader.getAttributeNamespace(i)) + length(reader.getAttributeValue(i));
    }
    return n;
  }

  private static int length(String s) {
    return s == null ? 0 : s.length();
  }

  private static String qualified(String prefix, String local) {
    return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
