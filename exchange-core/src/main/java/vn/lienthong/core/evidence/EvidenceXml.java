package vn.lienthong.core.evidence;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.lienthong.core.xml.SecureXml;
import vn.lienthong.core.xml.XmlLimits;

/**
 * The canonical XML of evidence documents (namespace {@value #NAMESPACE}, schema
 * {@code evidence.xsd}): UTF-8, no declaration, no white space between elements, attributes in a
 * fixed order, times as ISO 8601 UTC. Writing the same values gives the same bytes.
 */
final class EvidenceXml {

  static final String NAMESPACE = "urn:lienthong:evidence:1";

  private static final Schema SCHEMA = schema();

  private final StringBuilder b = new StringBuilder();

  private static Schema schema() {
    try {
      return SecureXml.newSchemaFactory().newSchema(new StreamSource(
          EvidenceXml.class.getResource("evidence.xsd").toExternalForm()));
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  EvidenceXml root(String name) {
    b.append('<').append(name).append(" xmlns=\"").append(NAMESPACE).append("\" version=\"1\">");
    return this;
  }

  EvidenceXml open(String name) {
    b.append('<').append(name).append('>');
    return this;
  }

  EvidenceXml close(String name) {
    b.append("</").append(name).append('>');
    return this;
  }

  EvidenceXml text(String name, Object value) {
    return open(name).escaped(String.valueOf(value)).close(name);
  }

  /** An element with attributes (name, value pairs) and optional text. */
  EvidenceXml element(String name, String text, String... attributes) {
    b.append('<').append(name);
    for (int i = 0; i < attributes.length; i += 2) {
      b.append(' ').append(attributes[i]).append("=\"");
      escaped(attributes[i + 1]);
      b.append('"');
    }
    if (text == null || text.isEmpty()) {
      b.append("/>");
      return this;
    }
    b.append('>');
    return escaped(text).close(name);
  }

  private EvidenceXml escaped(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\r' -> b.append("&#13;");
        case '\t' -> b.append("&#9;");
        case '\n' -> b.append("&#10;");
        default -> {
          if (c < 0x20) {
            throw new IllegalArgumentException("A control character cannot be written in XML");
          }
          b.append(c);
        }
      }
    }
    return this;
  }

  byte[] bytes() {
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Parses and validates a document against the schema, refusing anything else.
   *
   * @throws IllegalArgumentException when it is not a valid evidence document named {@code root}
   */
  static Element parse(byte[] xml, String root) {
    try {
      SecureXml.newValidator(SCHEMA).validate(new StreamSource(new ByteArrayInputStream(xml)));
      Document d = SecureXml.parse(new ByteArrayInputStream(xml), XmlLimits.DEFAULTS);
      Element e = d.getDocumentElement();
      if (!NAMESPACE.equals(e.getNamespaceURI()) || !root.equals(e.getLocalName())) {
        throw new IllegalArgumentException("expected " + root + ", found " + e.getLocalName());
      }
      return e;
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalArgumentException("Not a valid " + root + " document: " + e.getMessage(), e);
    }
  }

  static String text(Element parent, String name) {
    Element e = child(parent, name);
    return e == null ? "" : e.getTextContent();
  }

  static Instant time(Element parent, String name) {
    try {
      return Instant.parse(text(parent, name));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("bad time in " + name, e);
    }
  }

  static Element child(Element parent, String name) {
    List<Element> all = children(parent, name);
    return all.isEmpty() ? null : all.get(0);
  }

  static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && name.equals(e.getLocalName()) && NAMESPACE.equals(e.getNamespaceURI())) {
        out.add(e);
      }
    }
    return out;
  }

  static String attribute(Element e, String name) {
    return e.getAttribute(name);
  }
}
