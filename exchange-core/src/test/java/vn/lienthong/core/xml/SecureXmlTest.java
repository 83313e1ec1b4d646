package vn.lienthong.core.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.transform.TransformerException;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import vn.lienthong.core.xml.UnsafeXmlException.Reason;

/** Every factory SecureXml hands out refuses DTDs, external entities, XInclude and remote fetches. */
class SecureXmlTest {

  @TempDir Path dir;
  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private String url(String name) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
  }

  private static Document parse(String xml, XmlLimits limits) {
    return SecureXml.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), limits);
  }

  private static Reason refusal(String xml, XmlLimits limits) {
    return catchThrowableOfType(UnsafeXmlException.class, () -> parse(xml, limits)).reason();
  }

  @Test
  void parseBuildsANamespaceAwareDom() {
    Document doc = parse("<a xmlns='urn:a' xmlns:b='urn:b'><b:c x='1'>t&amp;u</b:c><!--k--></a>", XmlLimits.DEFAULTS);
    assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo("urn:a");
    var c = doc.getDocumentElement().getFirstChild();
    assertThat(c.getNamespaceURI()).isEqualTo("urn:b");
    assertThat(c.getTextContent()).isEqualTo("t&u");
    assertThat(doc.getDocumentElement().getAttributeNS("http://www.w3.org/2000/xmlns/", "b")).isEqualTo("urn:b");
  }

  @Test
  void parseEnforcesEveryLimit() {
    XmlLimits small = new XmlLimits(3, 5, 2, 10, 25);
    assertThat(refusal("<a><b><c><d/></c></b></a>", small)).isEqualTo(Reason.TOO_DEEP);
    assertThat(refusal("<a><b/><b/><b/><b/><b/></a>", small)).isEqualTo(Reason.TOO_MANY_ELEMENTS);
    assertThat(refusal("<a x='1' y='2' z='3'/>", small)).isEqualTo(Reason.TOO_MANY_ATTRIBUTES);
    assertThat(refusal("<a>" + "x".repeat(11) + "</a>", small)).isEqualTo(Reason.TEXT_TOO_LONG);
    assertThat(parse("<a><b>" + "x".repeat(10) + "</b></a>", small).getDocumentElement().getTextContent())
        .hasSize(10);
    String tenEach = "<b>" + "x".repeat(10) + "</b>";
    assertThat(refusal("<a>" + tenEach.repeat(3) + "</a>", small)).isEqualTo(Reason.TEXT_TOO_LONG);
  }

  @Test
  @Timeout(20)
  void aHugeAttributeOrCommentIsStoppedBeforeTheParserBuffersIt() {
    for (String head : new String[] {"<a x='", "<a><!--", "<a><?pi ", "<a><![CDATA["}) {
      InputStream endless = new SequenceInputStream(
          new ByteArrayInputStream(head.getBytes(StandardCharsets.UTF_8)), new InputStream() {
            @Override
            public int read() {
              return 'x';
            }
          });
      UnsafeXmlException e = catchThrowableOfType(UnsafeXmlException.class,
          () -> SecureXml.parse(endless, XmlLimits.DEFAULTS));
      assertThat(e.reason()).as(head).isEqualTo(Reason.TEXT_TOO_LONG);
    }
  }

  @Test
  void parseRefusesDoctypeEntitiesAndXinclude() {
    assertThat(refusal("<!DOCTYPE a [<!ENTITY e 'x'>]><a>&e;</a>", XmlLimits.DEFAULTS)).isEqualTo(Reason.DOCTYPE);
    assertThat(refusal("<a>&e;</a>", XmlLimits.DEFAULTS)).isEqualTo(Reason.ENTITY_REFERENCE);
    assertThat(refusal("<a xmlns:xi='http://www.w3.org/2001/XInclude'><xi:include href='x'/></a>",
        XmlLimits.DEFAULTS)).isEqualTo(Reason.XINCLUDE);
    assertThat(refusal("<a><b></a>", XmlLimits.DEFAULTS)).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void documentBuilderRefusesDoctypeSoNoEntityIsResolved() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
    var builder = SecureXml.newDocumentBuilderFactory().newDocumentBuilder();
    for (String xml : new String[] {
        "<!DOCTYPE a [<!ENTITY e SYSTEM '" + secret.toUri() + "'>]><a>&e;</a>",
        "<!DOCTYPE a [<!ENTITY e SYSTEM '" + url("e") + "'>]><a>&e;</a>",
        "<!DOCTYPE a SYSTEM '" + url("dtd") + "'><a/>"}) {
      assertThatThrownBy(() -> builder.parse(new InputSource(new StringReader(xml))))
          .isInstanceOf(SAXException.class).hasMessageContaining("DOCTYPE");
    }
    assertThat(requests).hasValue(0);
  }

  @Test
  void documentBuilderDoesNotProcessXinclude() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
    var builder = SecureXml.newDocumentBuilderFactory().newDocumentBuilder();
    Document doc = builder.parse(new InputSource(new StringReader(
        "<a xmlns:xi='http://www.w3.org/2001/XInclude'><xi:include href='" + secret.toUri() + "' parse='text'/></a>")));
    assertThat(doc.getDocumentElement().getTextContent()).doesNotContain("TOP-SECRET");
    assertThat(doc.getDocumentElement().getFirstChild().getLocalName()).isEqualTo("include");
  }

  @Test
  void transformerFetchesNoExternalDtd() throws Exception {
    var transformer = SecureXml.newTransformerFactory().newTransformer();
    var source = new StreamSource(new StringReader("<!DOCTYPE a SYSTEM '" + url("dtd") + "'><a/>"));
    assertThatThrownBy(() -> transformer.transform(source, new StreamResult(new StringWriter())))
        .isInstanceOf(TransformerException.class);
    assertThat(requests).hasValue(0);
  }

  @Test
  void transformerRefusesExternalStylesheets() {
    String xsl = "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
        + "<xsl:include href='" + url("x.xsl") + "'/></xsl:stylesheet>";
    assertThatThrownBy(() -> SecureXml.newTransformerFactory().newTransformer(new StreamSource(new StringReader(xsl))))
        .isInstanceOf(TransformerException.class);
    assertThat(requests).hasValue(0);
  }

  @Test
  void schemaFactoryFetchesNoRemoteSchema() {
    String xsd = "<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema' targetNamespace='urn:a'>"
        + "<xs:import namespace='urn:b' schemaLocation='" + url("b.xsd") + "'/>"
        + "<xs:element name='a' type='b:t' xmlns:b='urn:b'/></xs:schema>";
    assertThatThrownBy(() -> SecureXml.newSchemaFactory().newSchema(new StreamSource(new StringReader(xsd))))
        .isInstanceOf(SAXException.class);
    assertThat(requests).hasValue(0);
  }

  @Test
  void validatorRefusesDoctypeInTheInstance() throws Exception {
    String xsd = "<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'><xs:element name='a' type='xs:string'/></xs:schema>";
    var schema = SecureXml.newSchemaFactory().newSchema(new StreamSource(new StringReader(xsd)));
    var validator = SecureXml.newValidator(schema);
    validator.validate(new StreamSource(new StringReader("<a>ok</a>")));
    assertThatThrownBy(() -> validator.validate(new StreamSource(new StringReader(
        "<!DOCTYPE a [<!ENTITY e SYSTEM '" + url("e") + "'>]><a>&e;</a>"))))
        .isInstanceOf(SAXException.class);
    assertThat(requests).hasValue(0);
  }

  @Test
  void limitsMustBePositive() {
    assertThatThrownBy(() -> new XmlLimits(0, 1, 1, 1, 1)).hasMessageContaining("maxDepth");
  }
}
