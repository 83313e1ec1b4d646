package vn.lienthong.core.edxml;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Objects;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.stax.StAXSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.Validator;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import vn.lienthong.core.xml.SecureXml;
import vn.lienthong.core.xml.UnsafeXmlException;
import vn.lienthong.core.xml.XmlLimits;

/**
 * The edXML schema ({@code vn/lienthong/core/edxml/edxml.xsd} on the class path) and conformance
 * checks against it. Validation streams through the hardened reader (so DOCTYPE, entities, XInclude
 * and the {@link XmlLimits} are refused as in {@link EdxmlReader}) and does not buffer attachments.
 * It checks form only; {@link EdxmlReader} and {@link EdxmlRules} check meaning.
 */
public final class EdxmlSchema {

  /** Where the schema lies on the class path. */
  public static final String RESOURCE = "/vn/lienthong/core/edxml/edxml.xsd";

  private static final Schema SCHEMA = load();

  private EdxmlSchema() {}

  private static Schema load() {
    URL xsd = Objects.requireNonNull(EdxmlSchema.class.getResource(RESOURCE), RESOURCE);
    try {
      return SecureXml.newSchemaFactory().newSchema(new StreamSource(xsd.toExternalForm()));
    } catch (SAXException e) {
      throw new IllegalStateException("The bundled edXML schema does not load", e);
    }
  }

  /** The schema, immutable and thread-safe. */
  public static Schema schema() {
    return SCHEMA;
  }

  /**
   * Validates one message (stray bytes before the XML declaration are skipped, as the reader does).
   *
   * @throws EdxmlException {@link ErrorCode#SCHEMA_INVALID} naming line and column, or an
   *     {@code XML_*} code for hostile or broken XML
   */
  public static void validate(InputStream in) {
    Objects.requireNonNull(in, "in");
    String[] where = {""};
    try {
      InputStream xml = EdxmlReader.skipLeadingGarbage(new BufferedInputStream(in, 1 << 16));
      XMLStreamReader reader = SecureXml.newStreamReader(xml, XmlLimits.DEFAULTS);
      Validator validator = SecureXml.newValidator(SCHEMA);
      validator.setErrorHandler(new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
          // warnings do not make a message invalid
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
          fatalError(e);
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
          var loc = reader.getLocation();
          where[0] = "line " + loc.getLineNumber() + ", column " + loc.getColumnNumber();
          throw e;
        }
      });
      validator.validate(new StAXSource(reader));
    } catch (SAXException | RuntimeException e) {
      UnsafeXmlException unsafe = unsafeCause(e);
      if (unsafe != null) {
        throw new EdxmlException(ReadSession.xmlCode(unsafe.reason()), "", unsafe.getMessage(), unsafe);
      }
      if (e instanceof EdxmlException edxml) {
        throw edxml;
      }
      throw new EdxmlException(ErrorCode.SCHEMA_INVALID, where[0], "Not valid edXML: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new EdxmlException(ErrorCode.IO_ERROR, "", "Cannot read: " + e.getMessage(), e);
    }
  }

  private static UnsafeXmlException unsafeCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof UnsafeXmlException u) {
        return u;
      }
      if (c instanceof SAXException sax && sax.getException() != null && sax.getException() != c.getCause()) {
        UnsafeXmlException inner = unsafeCause(sax.getException());
        if (inner != null) {
          return inner;
        }
      }
    }
    return null;
  }
}
