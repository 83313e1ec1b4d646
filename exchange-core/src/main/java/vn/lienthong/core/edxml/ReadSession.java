package vn.lienthong.core.edxml;

import static javax.xml.stream.XMLStreamConstants.CDATA;
import static javax.xml.stream.XMLStreamConstants.CHARACTERS;
import static javax.xml.stream.XMLStreamConstants.END_DOCUMENT;
import static javax.xml.stream.XMLStreamConstants.END_ELEMENT;
import static javax.xml.stream.XMLStreamConstants.SPACE;
import static javax.xml.stream.XMLStreamConstants.START_ELEMENT;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.xml.stream.XMLStreamReader;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lienthong.core.xml.SecureXml;
import vn.lienthong.core.xml.UnsafeXmlException;
import vn.lienthong.core.xml.XmlLimits;

/** One read of one envelope: the streaming pass of {@link EdxmlReader}. Not reusable. */
final class ReadSession {

  private final XMLStreamReader reader;
  private final XmlLimits limits;
  private final AttachmentDecoder decoder;
  private final List<Path> created = new ArrayList<>();

  ReadSession(InputStream xml, Path attachmentDirectory, XmlLimits limits, long maxAttachmentBytes) {
    this.reader = guard(() -> SecureXml.newStreamReader(xml, limits));
    this.limits = limits;
    this.decoder = new AttachmentDecoder(reader, attachmentDirectory, limits, maxAttachmentBytes, created);
  }

  Envelope run() throws IOException {
    boolean done = false;
    try {
      Envelope envelope = guard(this::readDocument);
      done = true;
      return envelope;
    } finally {
      if (!done) {
        for (Path p : created) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private Envelope readDocument() {
    int event = SecureXml.next(reader);
    while (event != START_ELEMENT) {
      if (event == END_DOCUMENT) {
        throw new EdxmlException(ErrorCode.XML_MALFORMED, "", "No root element");
      }
      event = SecureXml.next(reader);
    }
    String ns = reader.getNamespaceURI();
    if (!"edXML".equals(reader.getLocalName()) || !(ns == null || ns.isEmpty() || Nodes.NS.equals(ns))) {
      throw new EdxmlException(ErrorCode.NOT_EDXML, "edXML",
          "The root element is {" + ns + "}" + reader.getLocalName() + ", not edXML");
    }
    Document doc = SecureXml.newDocument();
    Element root = SecureXml.copyStartElement(reader, doc);
    EdxmlMessage message = null;
    List<Attachment> attachments = null;
    while ((event = SecureXml.next(reader)) != END_ELEMENT) {
      if (event == START_ELEMENT) {
        String local = inEdxmlNamespace() ? reader.getLocalName() : "{" + reader.getNamespaceURI() + "}"
            + reader.getLocalName();
        if ("edXMLEnvelope".equals(local) && message == null) {
          message = EnvelopeMapper.map(SecureXml.readElement(reader, root, limits));
        } else if ("AttachmentEncoded".equals(local) && message != null && attachments == null) {
          attachments = decoder.readAll(manifestOf(message));
        } else {
          throw unexpected(local, message != null);
        }
      } else if (isText(event) && !reader.isWhiteSpace()) {
        throw new EdxmlException(ErrorCode.UNEXPECTED_ELEMENT, "edXML", "Text beside the envelope");
      } else if (isText(event) || event == SPACE) {
        // kept: a producer that signed the whole of an attachment-less file signed this too; bounded
        // like any text (megabytes of white space were held whole)
        root.appendChild(doc.createTextNode(SecureXml.text(reader, limits)));
      }
    }
    while (SecureXml.hasNext(reader)) {
      SecureXml.next(reader);
    }
    if (message == null) {
      throw new EdxmlException(ErrorCode.MISSING_ELEMENT, "edXML/edXMLEnvelope", "No edXMLEnvelope");
    }
    List<Attachment> result = attachments == null ? List.of() : attachments;
    checkDigests(manifestOf(message), result);
    return new Envelope(message, result, doc);
  }

  private static EdxmlException unexpected(String local, boolean afterEnvelope) {
    if ("edXMLEnvelope".equals(local)) {
      return new EdxmlException(ErrorCode.DUPLICATE_ELEMENT, "edXML/edXMLEnvelope",
          "A second edXMLEnvelope");
    }
    if ("AttachmentEncoded".equals(local)) {
      return afterEnvelope
          ? new EdxmlException(ErrorCode.DUPLICATE_ELEMENT, "edXML/AttachmentEncoded", "A second AttachmentEncoded")
          : new EdxmlException(ErrorCode.UNEXPECTED_ELEMENT, "edXML/AttachmentEncoded",
              "AttachmentEncoded before the envelope");
    }
    return new EdxmlException(ErrorCode.UNEXPECTED_ELEMENT, "edXML/" + local,
        "<" + local + "> is not allowed beside the envelope");
  }

  private boolean inEdxmlNamespace() {
    String ns = reader.getNamespaceURI();
    return ns == null || ns.isEmpty() || Nodes.NS.equals(ns);
  }

  private static List<ManifestEntry> manifestOf(EdxmlMessage message) {
    return message instanceof DocumentMessage d ? d.manifest() : List.of();
  }

  /** The signed manifest's digests bind the unsigned attachments to the signature. */
  private static void checkDigests(List<ManifestEntry> manifest, List<Attachment> attachments) {
    for (ManifestEntry entry : manifest) {
      if (entry.sha256().isEmpty()) {
        continue;
      }
      for (Attachment a : attachments) {
        if (a.contentId().equals(entry.contentId()) && !a.sha256().equalsIgnoreCase(entry.sha256())) {
          throw new EdxmlException(ErrorCode.ATTACHMENT_DIGEST_MISMATCH,
              "AttachmentEncoded/Attachment[" + entry.contentId() + "]",
              "Attachment " + entry.contentId() + " does not match the SHA-256 in the signed manifest");
        }
      }
    }
  }

  private static boolean isText(int event) {
    return event == CHARACTERS
        || event == CDATA;
  }

  /** Runs {@code action}, turning the parser's refusals into typed edXML errors. */
  static <T> T guard(Supplier<T> action) {
    try {
      return action.get();
    } catch (UnsafeXmlException e) {
      throw new EdxmlException(xmlCode(e.reason()), "", e.getMessage(), e);
    }
  }

  static ErrorCode xmlCode(UnsafeXmlException.Reason reason) {
    return switch (reason) {
      case DOCTYPE -> ErrorCode.XML_DOCTYPE;
      case ENTITY_REFERENCE -> ErrorCode.XML_ENTITY;
      case XINCLUDE -> ErrorCode.XML_XINCLUDE;
      case TOO_DEEP -> ErrorCode.XML_TOO_DEEP;
      case TOO_MANY_ELEMENTS -> ErrorCode.XML_TOO_MANY_ELEMENTS;
      case TOO_MANY_ATTRIBUTES -> ErrorCode.XML_TOO_MANY_ATTRIBUTES;
      case TEXT_TOO_LONG -> ErrorCode.XML_TEXT_TOO_LONG;
      case MALFORMED -> ErrorCode.XML_MALFORMED;
    };
  }
}
