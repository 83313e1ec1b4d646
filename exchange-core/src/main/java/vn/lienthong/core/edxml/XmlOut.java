package vn.lienthong.core.edxml;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Writes edXML elements with two-space indentation: containers on their own lines, leaves inline. */
final class XmlOut {

  private final XMLStreamWriter w;
  private int depth;
  private boolean lastWasStart;

  XmlOut(XMLStreamWriter w) {
    this.w = w;
  }

  XMLStreamWriter raw() {
    return w;
  }

  void start(String local) throws XMLStreamException {
    indent();
    w.writeStartElement("edXML", local, Nodes.NS);
    depth++;
    lastWasStart = true;
  }

  void end() throws XMLStreamException {
    depth--;
    if (!lastWasStart) {
      indent();
    }
    w.writeEndElement();
    lastWasStart = false;
  }

  /** A leaf element, always written. */
  void leaf(String local, String text) throws XMLStreamException {
    indent();
    w.writeStartElement("edXML", local, Nodes.NS);
    w.writeCharacters(text);
    w.writeEndElement();
    lastWasStart = false;
  }

  /** A leaf element, written only when {@code text} is not empty. */
  void optionalLeaf(String local, String text) throws XMLStreamException {
    if (!text.isEmpty()) {
      leaf(local, text);
    }
  }

  void indent() throws XMLStreamException {
    w.writeCharacters("\n" + "  ".repeat(depth));
  }

  void setDepth(int depth) {
    this.depth = depth;
  }
}
