package vn.lienthong.core.edxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.xml.XmlLimits;

/** White space beside the envelope and comments inside it count against the text limits like any text. */
class TextBoundsTest {

  @TempDir Path dir;

  @Test
  void whiteSpaceBesideTheEnvelopeIsBoundedByTheTextLimits() {
    String status = new String(Samples.bytes("status_inbox_01.edxml"), StandardCharsets.UTF_8);
    int end = status.lastIndexOf("</edXML");
    // 4 MiB of spaces after the envelope: 64 times the whole-document text bound below
    String xml = status.substring(0, end) + " ".repeat(4 << 20) + status.substring(end);
    XmlLimits small = new XmlLimits(32, 50_000, 64, 16 * 1024, 64 * 1024);
    EdxmlReader reader = EdxmlReader.builder().attachmentDirectory(dir).limits(small).build();

    Throwable t = catchThrowable(() -> {
      Envelope e = reader.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      long kept = 0;
      for (var n = e.signedPartCopy().getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n.getNodeType() == org.w3c.dom.Node.TEXT_NODE) {
          kept += n.getNodeValue().length();
        }
      }
      throw new AssertionError("read without error; characters of root white space held in the DOM: " + kept);
    });
    assertThat(t).isInstanceOf(EdxmlException.class);
    assertThat(((EdxmlException) t).code()).isEqualTo(ErrorCode.XML_TEXT_TOO_LONG);
  }

  @Test
  void commentsInsideTheEnvelopeAreBoundedByTheTextLimits() {
    String status = new String(Samples.bytes("status_inbox_01.edxml"), StandardCharsets.UTF_8);
    int at = status.indexOf("</edXML:edXMLHeader>");
    // 400 comments of 10 000 characters each (each below the 16 Ki single-token bound): 4 M characters
    String xml = status.substring(0, at) + ("<!--" + "c".repeat(10_000) + "-->").repeat(400) + status.substring(at);
    XmlLimits small = new XmlLimits(32, 50_000, 64, 16 * 1024, 64 * 1024);
    EdxmlReader reader = EdxmlReader.builder().attachmentDirectory(dir).limits(small).build();

    Throwable t = catchThrowable(() -> {
      Envelope e = reader.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      var comments = new java.util.ArrayList<org.w3c.dom.Node>();
      var header = e.signedPartCopy().getElementsByTagNameNS("*", "edXMLHeader").item(0);
      for (var n = header.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n.getNodeType() == org.w3c.dom.Node.COMMENT_NODE) {
          comments.add(n);
        }
      }
      throw new AssertionError("read without error; comments held in the DOM: " + comments.size());
    });
    assertThat(t).isInstanceOf(EdxmlException.class);
    assertThat(((EdxmlException) t).code()).isEqualTo(ErrorCode.XML_TEXT_TOO_LONG);
  }

  @Test
  void attributeValuesInsideTheEnvelopeAreBoundedByTheTextLimits() {
    String status = new String(Samples.bytes("status_inbox_01.edxml"), StandardCharsets.UTF_8);
    int at = status.indexOf("</edXML:edXMLHeader>");
    // 400 unknown elements (accepted inside the envelope), each with a 10 000-character attribute
    // value (below the 16 Ki single-token bound): 4 M characters held in the DOM
    String xml = status.substring(0, at) + ("<x:Extra xmlns:x=\"urn:x\" a=\"" + "c".repeat(10_000) + "\"/>").repeat(400)
        + status.substring(at);
    assertRefusedAsTooLong(xml, "attribute characters");
  }

  @Test
  void elementNamesInsideTheEnvelopeAreBoundedByTheTextLimits() {
    String status = new String(Samples.bytes("status_inbox_01.edxml"), StandardCharsets.UTF_8);
    int at = status.indexOf("</edXML:edXMLHeader>");
    // 400 unknown elements with 900-character names (the JDK parser's own bound is 1 000) and as
    // long a namespace: 720 K characters of names held in the DOM
    String name = "x:" + "n".repeat(900);
    String xml = status.substring(0, at) + ("<" + name + " xmlns:x=\"urn:" + "u".repeat(900) + "\"/>").repeat(400) + status.substring(at);
    assertRefusedAsTooLong(xml, "name characters");
  }

  private void assertRefusedAsTooLong(String xml, String what) {
    XmlLimits small = new XmlLimits(32, 50_000, 64, 16 * 1024, 64 * 1024);
    EdxmlReader reader = EdxmlReader.builder().attachmentDirectory(dir).limits(small).build();
    Throwable t = catchThrowable(() -> {
      reader.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      throw new AssertionError("read without error: about " + xml.length() / 1000 + " K " + what
          + " held in the DOM under a 64 Ki total text bound");
    });
    assertThat(t).isInstanceOf(EdxmlException.class);
    assertThat(((EdxmlException) t).code()).isEqualTo(ErrorCode.XML_TEXT_TOO_LONG);
  }
}
