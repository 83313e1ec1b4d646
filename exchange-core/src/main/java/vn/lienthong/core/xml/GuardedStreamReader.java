package vn.lienthong.core.xml;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;
import vn.lienthong.core.xml.UnsafeXmlException.Reason;

/**
 * A stream reader that enforces {@link XmlLimits} and refuses DOCTYPE, entity references and
 * XInclude as events arrive, before any consumer sees them. Every way of advancing goes through
 * {@link #next()}, so no consumer can bypass the checks.
 */
final class GuardedStreamReader extends StreamReaderDelegate {

  static final String XINCLUDE_NS = "http://www.w3.org/2001/XInclude";

  private final XmlLimits limits;
  private final TokenBoundedInputStream input;
  private int depth;
  private int elements;
  private long collectedText;

  GuardedStreamReader(XMLStreamReader delegate, XmlLimits limits, TokenBoundedInputStream input) {
    super(delegate);
    this.limits = limits;
    this.input = input;
  }

  @Override
  public int next() {
    int event;
    try {
      input.eventSeen();
      event = super.next();
    } catch (XMLStreamException | RuntimeException e) {
      throw malformed(e);
    }
    switch (event) {
      case XMLStreamConstants.DTD -> throw new UnsafeXmlException(
          Reason.DOCTYPE, "DOCTYPE declarations are not accepted" + at());
      case XMLStreamConstants.ENTITY_REFERENCE -> throw new UnsafeXmlException(
          Reason.ENTITY_REFERENCE, "Entity reference '" + getLocalName() + "' is not accepted" + at());
      case XMLStreamConstants.START_ELEMENT -> onStart();
      case XMLStreamConstants.END_ELEMENT -> depth--;
      default -> { }
    }
    return event;
  }

  private void onStart() {
    depth++;
    elements++;
    if (depth > limits.maxDepth()) {
      throw new UnsafeXmlException(Reason.TOO_DEEP,
          "Elements nested deeper than " + limits.maxDepth() + at());
    }
    if (elements > limits.maxElements()) {
      throw new UnsafeXmlException(Reason.TOO_MANY_ELEMENTS,
          "More than " + limits.maxElements() + " elements" + at());
    }
    if (getAttributeCount() + getNamespaceCount() > limits.maxAttributes()) {
      throw new UnsafeXmlException(Reason.TOO_MANY_ATTRIBUTES,
          "More than " + limits.maxAttributes() + " attributes on <" + getLocalName() + ">" + at());
    }
    if (XINCLUDE_NS.equals(getNamespaceURI())) {
      throw new UnsafeXmlException(Reason.XINCLUDE, "XInclude is not accepted" + at());
    }
  }

  @Override
  public boolean hasNext() {
    try {
      input.eventSeen();
      return super.hasNext();
    } catch (XMLStreamException | RuntimeException e) {
      throw malformed(e);
    }
  }

  @Override
  public int nextTag() {
    int event = next();
    while (event == XMLStreamConstants.SPACE || event == XMLStreamConstants.COMMENT
        || event == XMLStreamConstants.PROCESSING_INSTRUCTION
        || (event == XMLStreamConstants.CHARACTERS && isWhiteSpace())) {
      event = next();
    }
    if (event != XMLStreamConstants.START_ELEMENT && event != XMLStreamConstants.END_ELEMENT) {
      throw new UnsafeXmlException(Reason.MALFORMED, "Expected an element" + at());
    }
    return event;
  }

  @Override
  public String getElementText() {
    StringBuilder text = new StringBuilder();
    int event = next();
    while (event != XMLStreamConstants.END_ELEMENT) {
      if (event == XMLStreamConstants.START_ELEMENT) {
        throw new UnsafeXmlException(Reason.MALFORMED, "Expected text only" + at());
      }
      if (isTextEvent(event)) {
        appendBounded(text, this, limits);
      }
      event = next();
    }
    return text.toString();
  }

  static boolean isTextEvent(int event) {
    return event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
        || event == XMLStreamConstants.SPACE;
  }

  /**
   * Counts {@code length} characters kept from outside text (a comment, a processing instruction)
   * against the limit on all text collected.
   */
  static void collect(XMLStreamReader reader, long length, XmlLimits limits) {
    if (reader instanceof GuardedStreamReader guarded) {
      guarded.collectedText += length;
      if (guarded.collectedText > limits.maxTotalTextLength()) {
        throw new UnsafeXmlException(Reason.TEXT_TOO_LONG,
            "More than " + limits.maxTotalTextLength() + " characters of text in all" + location(reader));
      }
    }
  }

  static void appendBounded(StringBuilder text, XMLStreamReader reader, XmlLimits limits) {
    if (text.length() + reader.getTextLength() > limits.maxTextLength()) {
      throw new UnsafeXmlException(Reason.TEXT_TOO_LONG,
          "Text longer than " + limits.maxTextLength() + " characters" + location(reader));
    }
    if (reader instanceof GuardedStreamReader guarded) {
      guarded.collectedText += reader.getTextLength();
      if (guarded.collectedText > limits.maxTotalTextLength()) {
        throw new UnsafeXmlException(Reason.TEXT_TOO_LONG,
            "More than " + limits.maxTotalTextLength() + " characters of text in all" + location(reader));
      }
    }
    text.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
  }

  private UnsafeXmlException malformed(Exception e) {
    if (e instanceof UnsafeXmlException u) {
      return u;
    }
    if (input.tripped()) {
      return new UnsafeXmlException(Reason.TEXT_TOO_LONG,
          "A single token (attribute value, name, comment, instruction) is too large to hold" + at(), e);
    }
    return new UnsafeXmlException(Reason.MALFORMED, "Not well-formed XML: " + e.getMessage(), e);
  }

  private String at() {
    return location(this);
  }

  static String location(XMLStreamReader reader) {
    var loc = reader.getLocation();
    return loc == null ? "" : " (line " + loc.getLineNumber() + ", column " + loc.getColumnNumber() + ")";
  }
}
