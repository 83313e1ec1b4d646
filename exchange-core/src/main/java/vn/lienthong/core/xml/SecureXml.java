package vn.lienthong.core.xml;

import java.io.InputStream;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerFactory;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import vn.lienthong.core.xml.UnsafeXmlException.Reason;

/**
 * The only place the project makes XML parsers. Every factory it returns refuses DOCTYPE
 * declarations, external entities, external DTDs and schemas, stylesheets fetched from elsewhere and
 * XInclude, and applies the JDK's processing limits. Where the JDK cannot refuse a DOCTYPE (a
 * validator given a stream source, the transformer), an entity expansion limit of one stops any
 * declared entity at its first reference. The stream readers it returns also enforce
 * {@link XmlLimits} (depth, element count, attributes per element, collected text) with typed
 * {@link UnsafeXmlException}s.
 *
 * <p>The factories are the JDK's built-in implementations ({@code newDefaultInstance}), whatever
 * else is on the class path, because the hardening switches are implementation specific.
 */
public final class SecureXml {

  private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
  private static final String JDK_MAX_DEPTH = "jdk.xml.maxElementDepth";
  private static final String JDK_MAX_ATTRIBUTES = "jdk.xml.elementAttributeLimit";
  /**
   * JDK entity limits, set to 1 (0 would mean unlimited) where JDK 17 cannot refuse a DOCTYPE: the
   * validator on stream sources and the transformer. The JDK counts each entity declaration as an
   * expansion, so a declared entity is refused at its first reference, and no parameter entity
   * longer than one character is read. The general-entity size limits are left alone: the JDK
   * counts the predefined entities ({@code &amp;amp;} ...) of the document against them.
   */
  private static final String[] JDK_ENTITY_LIMITS = {
      "jdk.xml.entityExpansionLimit", "jdk.xml.maxParameterEntitySizeLimit"};

  private SecureXml() {}

  /** A namespace-aware StAX factory that supports no DTD and resolves no entity. */
  public static XMLInputFactory newXmlInputFactory() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, false);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
      throw new XMLStreamException("External resources are not resolved: " + systemId);
    });
    return f;
  }

  /**
   * A stream reader over {@code in} that enforces {@code limits} and refuses DOCTYPE, entity
   * references and XInclude as soon as they appear. Text arrives in chunks (the reader is not
   * coalescing), so a consumer can stream a huge text node without holding it.
   *
   * @throws UnsafeXmlException with {@link Reason#MALFORMED} when the reader cannot be created
   */
  public static XMLStreamReader newStreamReader(InputStream in, XmlLimits limits) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(limits, "limits");
    // 4 bytes per character at most in UTF-8, plus room for the parser's read-ahead buffer
    long tokenBudget = 4L * limits.maxTextLength() + (1 << 16);
    TokenBoundedInputStream bounded = new TokenBoundedInputStream(in, tokenBudget);
    try {
      return new GuardedStreamReader(newXmlInputFactory().createXMLStreamReader(bounded), limits, bounded);
    } catch (XMLStreamException e) {
      throw new UnsafeXmlException(Reason.MALFORMED, "Not XML: " + e.getMessage(), e);
    }
  }

  /** A namespace-aware DOM factory that refuses DOCTYPE and XInclude and expands no entity. */
  public static DocumentBuilderFactory newDocumentBuilderFactory() {
    DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
    f.setNamespaceAware(true);
    f.setXIncludeAware(false);
    f.setExpandEntityReferences(false);
    f.setValidating(false);
    try {
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature(DISALLOW_DOCTYPE, true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("The JDK's DOM parser lacks a hardening feature", e);
    }
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    f.setAttribute(JDK_MAX_DEPTH, String.valueOf(XmlLimits.DEFAULTS.maxDepth()));
    f.setAttribute(JDK_MAX_ATTRIBUTES, String.valueOf(XmlLimits.DEFAULTS.maxAttributes()));
    return f;
  }

  /** A transformer factory for serializing DOMs: no external stylesheet, DTD or entity. */
  public static TransformerFactory newTransformerFactory() {
    TransformerFactory f = TransformerFactory.newDefaultInstance();
    try {
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    } catch (TransformerConfigurationException e) {
      throw new IllegalStateException("The JDK's transformer lacks secure processing", e);
    }
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
    for (String limit : JDK_ENTITY_LIMITS) {
      f.setAttribute(limit, "1");
    }
    return f;
  }

  /**
   * A W3C XML Schema factory that fetches nothing: imports and includes must be resolved by the
   * caller (from the class path), and schema locations in instance documents are ignored.
   */
  public static SchemaFactory newSchemaFactory() {
    SchemaFactory f = SchemaFactory.newDefaultInstance();
    try {
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature(DISALLOW_DOCTYPE, true);
      f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    } catch (SAXException e) {
      throw new IllegalStateException("The JDK's schema factory lacks a hardening switch", e);
    }
    return f;
  }

  /** A validator for {@code schema} that fetches no DTD or schema named by the instance. */
  public static Validator newValidator(Schema schema) {
    Validator v = schema.newValidator();
    try {
      v.setFeature(DISALLOW_DOCTYPE, true);
      v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      // the JDK's validator ignores disallow-doctype-decl for StreamSources: bound entities instead
      for (String limit : JDK_ENTITY_LIMITS) {
        v.setProperty(limit, "1");
      }
    } catch (SAXException e) {
      throw new IllegalStateException("The JDK's validator lacks a hardening switch", e);
    }
    return v;
  }

  /** An empty, namespace-aware DOM document. */
  public static Document newDocument() {
    try {
      DocumentBuilder builder = newDocumentBuilderFactory().newDocumentBuilder();
      return builder.newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Parses a whole document into a DOM through a guarded stream reader, so that all of
   * {@code limits} apply (the JDK's DOM parser alone bounds neither element count nor text).
   */
  public static Document parse(InputStream in, XmlLimits limits) {
    XMLStreamReader reader = newStreamReader(in, limits);
    Document doc = newDocument();
    while (next(reader) != XMLStreamConstants.START_ELEMENT) {
      // prolog: comments, processing instructions, white space (DOCTYPE is refused by the guard)
    }
    readElement(reader, doc, limits);
    while (hasNext(reader)) {
      next(reader);
    }
    return doc;
  }

  /**
   * Advances a reader, turning the checked {@link XMLStreamException} into an unchecked
   * {@link UnsafeXmlException} with {@link Reason#MALFORMED}; for readers from
   * {@link #newStreamReader} the guard's own typed exceptions pass through unchanged.
   */
  public static int next(XMLStreamReader reader) {
    try {
      return reader.next();
    } catch (XMLStreamException e) {
      throw new UnsafeXmlException(Reason.MALFORMED, "Not well-formed XML: " + e.getMessage(), e);
    }
  }

  /** Like {@link XMLStreamReader#hasNext()}, with the exception policy of {@link #next}. */
  public static boolean hasNext(XMLStreamReader reader) {
    try {
      return reader.hasNext();
    } catch (XMLStreamException e) {
      throw new UnsafeXmlException(Reason.MALFORMED, "Not well-formed XML: " + e.getMessage(), e);
    }
  }

  /**
   * The text of the event the reader is on (characters, CDATA or white space), bounded by
   * {@link XmlLimits#maxTextLength()} and counted against {@link XmlLimits#maxTotalTextLength()}.
   */
  public static String text(XMLStreamReader reader, XmlLimits limits) {
    StringBuilder text = new StringBuilder();
    GuardedStreamReader.appendBounded(text, reader, limits);
    return text.toString();
  }

  /**
   * Reads the text content of the element the reader is positioned on (a {@code START_ELEMENT}),
   * bounded by {@link XmlLimits#maxTextLength()}, and leaves the reader on its {@code END_ELEMENT}.
   * Comments and processing instructions inside are skipped; a child element is malformed here.
   */
  public static String readText(XMLStreamReader reader, XmlLimits limits) {
    StringBuilder text = new StringBuilder();
    while (true) {
      int event = next(reader);
      if (GuardedStreamReader.isTextEvent(event)) {
        GuardedStreamReader.appendBounded(text, reader, limits);
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        return text.toString();
      } else if (event == XMLStreamConstants.START_ELEMENT) {
        throw new UnsafeXmlException(Reason.MALFORMED, "Expected text in <" + reader.getLocalName()
            + ">, found an element" + GuardedStreamReader.location(reader));
      }
    }
  }

  /**
   * Skips the element the reader is positioned on (a {@code START_ELEMENT}) with everything in it;
   * leaves the reader on its {@code END_ELEMENT}. The limits still apply to what is skipped.
   */
  public static void skipElement(XMLStreamReader reader) {
    int level = 1;
    while (level > 0) {
      int event = next(reader);
      if (event == XMLStreamConstants.START_ELEMENT) {
        level++;
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        level--;
      }
    }
  }

  /**
   * Copies only the start tag the reader is positioned on (name, namespace declarations,
   * attributes) into a new DOM element appended to {@code parent}; the reader does not move.
   */
  public static Element copyStartElement(XMLStreamReader reader, Node parent) {
    return new DomAppender(reader, XmlLimits.DEFAULTS).startOnly(parent);
  }

  /**
   * Reads the element the reader is positioned on (a {@code START_ELEMENT}), with everything in it,
   * into a new DOM element appended to {@code parent}; leaves the reader on its {@code END_ELEMENT}.
   * Namespace declarations become {@code xmlns} attributes, so canonicalization sees them as a
   * parser-built DOM would have them. Text is bounded by {@link XmlLimits#maxTextLength()}.
   *
   * @param reader a reader from {@link #newStreamReader}
   */
  public static Element readElement(XMLStreamReader reader, Node parent, XmlLimits limits) {
    return new DomAppender(reader, limits).append(parent);
  }
}
