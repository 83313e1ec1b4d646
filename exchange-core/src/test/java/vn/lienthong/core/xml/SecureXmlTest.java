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
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.stream.XMLStreamConstants;
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
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
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

  // --- quadratic blow-up: one 100 KB entity referenced 30 000 times (3 GB if expanded) ---

  private static final String BIG = "x".repeat(100_000);

  private static String quadratic(String root, String attributes, String before, String after) {
    return "<!DOCTYPE " + root + " [<!ENTITY big \"" + BIG + "\">]><" + root + attributes + ">" + before
        + "&big;".repeat(30_000) + after + "</" + root + ">";
  }

  private static final String XSL = " version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'";
  private static final String XS = " xmlns:xs='http://www.w3.org/2001/XMLSchema'";
  private static final String SMALL_XSD = "<xs:schema" + XS + "><xs:element name='a' type='xs:string'/></xs:schema>";

  /** Runs {@code call}, which must throw {@code type} in less than a second; returns what it threw. */
  private static <T extends Throwable> T refusedWithinASecond(Class<T> type, ThrowingCallable call) {
    long start = System.nanoTime();
    T thrown = catchThrowableOfType(type, call);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(thrown).as("refused with " + type.getSimpleName()).isNotNull();
    assertThat(took).as("time to refuse").isLessThan(Duration.ofSeconds(1));
    return thrown;
  }

  private static StreamSource source(String xml) {
    return new StreamSource(new StringReader(xml));
  }

  @Test
  void quadraticBlowupIsRefusedByTheGuardedReaderAndTheDomParserWithoutExpanding() throws Exception {
    String bomb = quadratic("a", "", "", "");
    parse("<a>warm-up</a>", XmlLimits.DEFAULTS);
    assertThat(refusedWithinASecond(UnsafeXmlException.class, () -> parse(bomb, XmlLimits.DEFAULTS)).reason())
        .isEqualTo(Reason.DOCTYPE);

    var builder = SecureXml.newDocumentBuilderFactory().newDocumentBuilder();
    builder.parse(new InputSource(new StringReader("<a>warm-up</a>")));
    assertThat(refusedWithinASecond(SAXException.class, () -> builder.parse(new InputSource(new StringReader(bomb)))))
        .hasMessageContaining("DOCTYPE is disallowed");
  }

  @Test
  void quadraticBlowupIsNotExpandedByTheStaxFactory() throws Exception {
    // the bare factory supports no DTD: it reports each reference as an unexpanded event
    long start = System.nanoTime();
    var reader = SecureXml.newXmlInputFactory().createXMLStreamReader(new StringReader(quadratic("a", "", "", "")));
    long text = 0;
    int references = 0;
    while (reader.hasNext()) {
      int event = reader.next();
      if (event == XMLStreamConstants.CHARACTERS) {
        text += reader.getTextLength();
      } else if (event == XMLStreamConstants.ENTITY_REFERENCE) {
        references++;
      }
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    assertThat(references).isEqualTo(30_000);
    assertThat(text).isZero();
  }

  @Test
  void quadraticBlowupIsRefusedBySchemaFactoryAndValidatorWithoutExpanding() throws Exception {
    var schema = SecureXml.newSchemaFactory().newSchema(source(SMALL_XSD));
    var validator = SecureXml.newValidator(schema);
    validator.validate(source("<a>warm-up</a>"));
    // the JDK validator ignores disallow-doctype-decl for stream sources: the expansion limit of 1 stops it
    assertThat(refusedWithinASecond(SAXException.class, () -> validator.validate(source(quadratic("a", "", "", "")))))
        .hasMessageContaining("JAXP00010001");

    String xsd = quadratic("xs:schema", XS, "<xs:annotation><xs:documentation>", "</xs:documentation></xs:annotation>");
    assertThat(refusedWithinASecond(SAXException.class, () -> SecureXml.newSchemaFactory().newSchema(source(xsd))))
        .hasMessageContaining("DOCTYPE is disallowed");
  }

  @Test
  void quadraticBlowupIsRefusedByTheTransformerWithoutExpanding() throws Exception {
    SecureXml.newTransformerFactory().newTransformer().transform(source("<a>warm-up</a>"), new StreamResult(new StringWriter()));
    assertThat(refusedWithinASecond(TransformerException.class, () -> SecureXml.newTransformerFactory().newTransformer()
        .transform(source(quadratic("a", "", "", "")), new StreamResult(new StringWriter()))))
        .hasMessageContaining("JAXP00010001");

    String xsl = quadratic("xsl:stylesheet", XSL, "<xsl:template match='/'><r>", "</r></xsl:template>");
    assertThat(refusedWithinASecond(TransformerException.class,
        () -> SecureXml.newTransformerFactory().newTransformer(source(xsl))))
        .hasMessageContaining("JAXP00010001");
  }

  @Test
  void entityLimitsLeavePredefinedEntitiesAndCharacterReferencesAlone() throws Exception {
    String text = "&amp;&lt;&gt;&quot;&apos;&#233;&#x1F600;".repeat(10_000);
    String xml = "<a>" + text + "</a>";
    SecureXml.newValidator(SecureXml.newSchemaFactory().newSchema(source(SMALL_XSD))).validate(source(xml));
    StringWriter out = new StringWriter();
    SecureXml.newTransformerFactory().newTransformer(source("<xsl:stylesheet" + XSL + "><xsl:template match='/'>"
        + "<r>&amp;&lt;<xsl:value-of select='.'/></r></xsl:template></xsl:stylesheet>"))
        .transform(source(xml), new StreamResult(out));
    assertThat(out.toString()).contains("<r>&amp;&lt;&amp;&lt;&gt;\"'\u00e9&#128512;").endsWith("&#128512;</r>");
  }

  // --- no file access: every external reference points at a FIFO that records being opened ---

  @Test
  void theFifoTrapNoticesAParserThatOpensTheFile() throws Exception {
    // control: an unhardened JDK parser does follow the external entity, and the trap sees it
    try (FifoTrap trap = FifoTrap.create(dir, "control")) {
      var naive = javax.xml.parsers.DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder();
      naive.setErrorHandler(null);
      org.assertj.core.api.Assertions.catchThrowable(() -> naive.parse(new InputSource(new StringReader(
          "<!DOCTYPE a [<!ENTITY e SYSTEM '" + trap.uri() + "'>]><a>&e;</a>"))));
      assertThat(trap.wasOpened()).isTrue();
    }
  }

  private static String[] doctypeAttacks(FifoTrap trap) {
    return new String[] {
        "<!DOCTYPE a [<!ENTITY e SYSTEM '" + trap.uri() + "'>]><a>&e;</a>",
        "<!DOCTYPE a [<!ENTITY % p SYSTEM '" + trap.uri() + "'> %p;]><a/>",
        "<!DOCTYPE a SYSTEM '" + trap.uri() + "'><a/>"};
  }

  private static String xinclude(FifoTrap trap) {
    return "<a xmlns:xi='http://www.w3.org/2001/XInclude'><xi:include href='" + trap.uri() + "' parse='text'/></a>";
  }

  @Test
  void guardedReaderAndStaxFactoryNeverOpenAnExternalFile() throws Exception {
    try (FifoTrap trap = FifoTrap.create(dir, "stax")) {
      for (String xml : doctypeAttacks(trap)) {
        assertThat(refusal(xml, XmlLimits.DEFAULTS)).as(xml).isEqualTo(Reason.DOCTYPE);
        trap.assertNotOpened("guarded reader, " + xml);
        org.assertj.core.api.Assertions.catchThrowable(() -> {
          var reader = SecureXml.newXmlInputFactory().createXMLStreamReader(new StringReader(xml));
          while (reader.hasNext()) {
            reader.next();
          }
        });
        trap.assertNotOpened("StAX factory, " + xml);
      }
      assertThat(refusal(xinclude(trap), XmlLimits.DEFAULTS)).isEqualTo(Reason.XINCLUDE);
      trap.assertNotOpened("guarded reader, XInclude");
    }
  }

  @Test
  void documentBuilderNeverOpensAnExternalFile() throws Exception {
    try (FifoTrap trap = FifoTrap.create(dir, "dom")) {
      var builder = SecureXml.newDocumentBuilderFactory().newDocumentBuilder();
      builder.setErrorHandler(null);
      for (String xml : doctypeAttacks(trap)) {
        assertThatThrownBy(() -> builder.parse(new InputSource(new StringReader(xml))))
            .isInstanceOf(SAXException.class).hasMessageContaining("DOCTYPE");
        trap.assertNotOpened("DOM, " + xml);
      }
      Document doc = builder.parse(new InputSource(new StringReader(xinclude(trap))));
      assertThat(doc.getDocumentElement().getFirstChild().getLocalName()).isEqualTo("include");
      trap.assertNotOpened("DOM, XInclude");
    }
  }

  @Test
  void schemaFactoryAndValidatorNeverOpenAnExternalFile() throws Exception {
    try (FifoTrap trap = FifoTrap.create(dir, "xsd")) {
      String include = "<xs:schema" + XS + "><xs:include schemaLocation='" + trap.uri() + "'/>"
          + "<xs:element name='a' type='xs:string'/></xs:schema>";
      String imports = "<xs:schema" + XS + " targetNamespace='urn:a'><xs:import namespace='urn:b' schemaLocation='"
          + trap.uri() + "'/><xs:element name='a' type='b:t' xmlns:b='urn:b'/></xs:schema>";
      for (String xsd : new String[] {include, imports}) {
        assertThatThrownBy(() -> SecureXml.newSchemaFactory().newSchema(source(xsd))).isInstanceOf(SAXException.class);
        trap.assertNotOpened("schema factory, " + xsd);
      }
      for (String xsd : doctypeAttacks(trap)) {
        assertThatThrownBy(() -> SecureXml.newSchemaFactory().newSchema(source(xsd))).isInstanceOf(SAXException.class);
        trap.assertNotOpened("schema factory, " + xsd);
      }

      var validator = SecureXml.newValidator(SecureXml.newSchemaFactory().newSchema(source(SMALL_XSD)));
      for (String xml : doctypeAttacks(trap)) {
        assertThatThrownBy(() -> validator.validate(source(xml))).isInstanceOf(SAXException.class);
        trap.assertNotOpened("validator, " + xml);
      }
      var dynamic = SecureXml.newValidator(SecureXml.newSchemaFactory().newSchema());
      org.assertj.core.api.Assertions.catchThrowable(() -> dynamic.validate(source(
          "<a xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance' xsi:noNamespaceSchemaLocation='" + trap.uri() + "'/>")));
      trap.assertNotOpened("validator, xsi:noNamespaceSchemaLocation");
    }
  }

  @Test
  void transformerNeverOpensAnExternalFile() throws Exception {
    try (FifoTrap trap = FifoTrap.create(dir, "xsl")) {
      String include = "<xsl:stylesheet" + XSL + "><xsl:include href='" + trap.uri() + "'/></xsl:stylesheet>";
      assertThatThrownBy(() -> SecureXml.newTransformerFactory().newTransformer(source(include)))
          .isInstanceOf(TransformerException.class);
      trap.assertNotOpened("xsl:include");

      String document = "<xsl:stylesheet" + XSL + "><xsl:template match='/'><r><xsl:copy-of select=\"document('"
          + trap.uri() + "')\"/></r></xsl:template></xsl:stylesheet>";
      StringWriter out = new StringWriter();
      org.assertj.core.api.Assertions.catchThrowable(() -> SecureXml.newTransformerFactory().newTransformer(source(document))
          .transform(source("<a/>"), new StreamResult(out)));
      trap.assertNotOpened("document()");

      for (String xml : doctypeAttacks(trap)) {
        assertThatThrownBy(() -> SecureXml.newTransformerFactory().newTransformer()
            .transform(source(xml), new StreamResult(new StringWriter()))).isInstanceOf(TransformerException.class);
        trap.assertNotOpened("identity transform, " + xml);
      }
    }
  }

  @Test
  void limitsMustBePositive() {
    assertThatThrownBy(() -> new XmlLimits(0, 1, 1, 1, 1)).hasMessageContaining("maxDepth");
  }
}
