package vn.lienthong.core.edxml;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import vn.lienthong.core.xml.SecureXml;
import vn.lienthong.core.xml.XmlLimits;

/**
 * Writes edXML strictly and canonically: the message must pass {@link EdxmlRules}; elements come
 * in the order of the official SDK samples with standard date forms; the signature (when signing)
 * is in the XML-DSig namespace; attachments are written as their plain files with their true
 * content types, never ZIP-wrapped, base64 streamed from disk in lines of 76 characters.
 *
 * <p>The manifest is written from the attachments, and each entry carries the attachment's SHA-256
 * as an {@code lt:sha256} attribute (namespace {@value Nodes#EXT_NS}). The manifest is inside the
 * signed envelope, so the signature covers each attachment through its digest while the
 * attachments themselves stay outside the signed DOM: signing and verifying never hold an
 * attachment in memory. Readers that do not know the attribute ignore it (peers already accept
 * foreign attributes on {@code Reference}).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class EdxmlWriter {

  private static final String ROOT_END = "</edXML>";

  private final EnvelopeSigner signer;

  private EdxmlWriter(EnvelopeSigner signer) {
    this.signer = signer;
  }

  /** A writer that does not sign. */
  public static EdxmlWriter unsigned() {
    return new EdxmlWriter(null);
  }

  /** A writer that signs every envelope with {@code signer}. */
  public static EdxmlWriter signing(EnvelopeSigner signer) {
    return new EdxmlWriter(Objects.requireNonNull(signer, "signer"));
  }

  /** Writes a message without attachments (a status message, or a document without files). */
  public void write(EdxmlMessage message, OutputStream out) {
    write(message, List.of(), out);
  }

  /**
   * Writes a message and its attachments to {@code out} (not closed).
   *
   * @throws EdxmlException when the message breaks a rule ({@link EdxmlRules}) or writing fails
   */
  public void write(EdxmlMessage message, List<Attachment> attachments, OutputStream out) {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(attachments, "attachments");
    Objects.requireNonNull(out, "out");
    // the base64 encoder writes line by line: unbuffered, a file stream made a system call per line
    OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
    EdxmlRules.requireValid(message, attachments);
    List<ManifestEntry> manifest = attachments.stream().map(a -> new ManifestEntry(a.contentId(),
        a.contentType(), a.description(), a.attachmentName(), a.sha256())).toList();
    try {
      byte[] envelope = envelopeBytes(message, manifest);
      if (signer != null) {
        Document doc = SecureXml.parse(new ByteArrayInputStream(envelope), XmlLimits.DEFAULTS);
        signer.sign(doc);
        envelope = serialize(doc);
      }
      String text = new String(envelope, StandardCharsets.UTF_8);
      if (!text.endsWith(ROOT_END)) {
        throw new IllegalStateException("serialized envelope does not end with " + ROOT_END);
      }
      buffered.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".getBytes(StandardCharsets.UTF_8));
      buffered.write(text.substring(0, text.length() - ROOT_END.length()).getBytes(StandardCharsets.UTF_8));
      if (!attachments.isEmpty()) {
        writeAttachments(attachments, buffered);
      }
      // no line break after the root: a byte CR or LF at either end of an MTOM part is lost in
      // clients that strip it (Python's zeep), and the envelope's SHA-256 is the hub's receipt's
      buffered.write(("\n" + ROOT_END).getBytes(StandardCharsets.UTF_8));
      buffered.flush();
    } catch (IOException | UncheckedIOException e) {
      throw new EdxmlException(ErrorCode.IO_ERROR, "", "Cannot write the envelope: " + e.getMessage(), e);
    }
  }

  private static byte[] envelopeBytes(EdxmlMessage message, List<ManifestEntry> manifest) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try {
      XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(buffer, "UTF-8");
      w.writeStartElement("", "edXML", Nodes.NS);
      w.writeDefaultNamespace(Nodes.NS);
      new EnvelopeXml(new XmlOut(w)).envelope(message, manifest);
      w.writeEndElement();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("Writing the envelope failed", e);
    }
    return buffer.toByteArray();
  }

  private static byte[] serialize(Document doc) {
    try {
      Transformer t = SecureXml.newTransformerFactory().newTransformer();
      t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      t.setOutputProperty(OutputKeys.INDENT, "no");
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      t.transform(new DOMSource(doc), new StreamResult(buffer));
      return buffer.toByteArray();
    } catch (TransformerException e) {
      throw new IllegalStateException("Serializing the signed envelope failed", e);
    }
  }

  private static void writeAttachments(List<Attachment> attachments, OutputStream out) throws IOException {
    write(out, "\n  <AttachmentEncoded>");
    for (Attachment a : attachments) {
      for (String text : List.of(a.contentId(), a.attachmentName(), a.description(), a.contentType())) {
        XmlOut.requireXmlText(text, "AttachmentEncoded/Attachment");
      }
      write(out, "\n    <Attachment>");
      write(out, "\n      <ContentId>" + escape(a.contentId()) + "</ContentId>");
      write(out, "\n      <AttachmentName>" + escape(a.attachmentName()) + "</AttachmentName>");
      if (!a.description().isEmpty()) {
        write(out, "\n      <Description>" + escape(a.description()) + "</Description>");
      }
      write(out, "\n      <ContentType>" + escape(a.contentType()) + "</ContentType>");
      write(out, "\n      <edXML:ContentTransferEncoded xmlns:edXML=\"" + Nodes.NS + "\">\n");
      try (InputStream in = Files.newInputStream(a.file());
          OutputStream b64 = Base64.getMimeEncoder(76, new byte[] {'\n'}).wrap(new NonClosing(out))) {
        in.transferTo(b64);
      }
      write(out, "\n      </edXML:ContentTransferEncoded>");
      write(out, "\n    </Attachment>");
    }
    write(out, "\n  </AttachmentEncoded>");
  }

  private static void write(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;");
  }

  /** Lets the base64 encoder finish its padding on close without closing the target. */
  private static final class NonClosing extends FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
