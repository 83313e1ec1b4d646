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
    requireXmlText(text, local);
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

  /**
   * Refuses characters XML 1.0 cannot carry (control characters, lone surrogates), which would
   * otherwise make the output malformed.
   */
  static void requireXmlText(String text, String field) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
          || (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(++i)));
      if (!ok) {
        throw new EdxmlException(ErrorCode.INVALID_VALUE, field,
            field + " holds character U+" + String.format("%04X", (int) c) + ", which XML cannot carry");
      }
    }
  }

  void indent() throws XMLStreamException {
    w.writeCharacters("\n" + "  ".repeat(depth));
  }

  void setDepth(int depth) {
    this.depth = depth;
  }
}
