package vn.lienthong.core.edxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.xml.FifoTrap;

/** Hostile inputs to the edXML reader: each is refused with a typed error, and nothing is fetched. */
class HostileXmlTest {

  static final String STATUS = new String(Samples.bytes("status_inbox_01.edxml"), StandardCharsets.UTF_8);
  private static final String HEADER_OPEN = "<edXML:MessageHeader>";

  @TempDir Path dir;
  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      byte[] body = "<!ENTITY leak 'LEAKED'>".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/x";
  }

  private EdxmlException refusal(String xml) {
    return refusal(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private EdxmlException refusal(InputStream in) {
    EdxmlReader reader = EdxmlReader.builder().attachmentDirectory(dir).build();
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> reader.read(in));
    assertThat(t).isInstanceOf(EdxmlException.class);
    return (EdxmlException) t;
  }

  private static String withDoctype(String doctype, String body) {
    return "<?xml version=\"1.0\"?>\n" + doctype + "\n" + body;
  }

  @Test
  void billionLaughsIsRefusedAsDoctype() {
    String bomb = "<!DOCTYPE edXML [<!ENTITY a \"ha\">"
        + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
        + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
        + "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">]>";
    String xml = withDoctype(bomb, STATUS.substring(STATUS.indexOf("<edXML ")).replace("Phong hanh chinh", "&g;"));
    assertThat(refusal(xml).code()).isEqualTo(ErrorCode.XML_DOCTYPE);
  }

  @Test
  void externalFileEntityIsRefusedAndNotRead() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
    String xml = withDoctype("<!DOCTYPE edXML [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>",
        STATUS.substring(STATUS.indexOf("<edXML ")).replace("Phong hanh chinh", "&xxe;"));
    EdxmlException e = refusal(xml);
    assertThat(e.code()).isEqualTo(ErrorCode.XML_DOCTYPE);
    assertThat(e.getMessage()).doesNotContain("TOP-SECRET");
  }

  @Test
  void externalHttpEntityIsRefusedAndNeverFetched() {
    String xml = withDoctype("<!DOCTYPE edXML [<!ENTITY xxe SYSTEM \"" + url() + "\">]>",
        STATUS.substring(STATUS.indexOf("<edXML ")).replace("Phong hanh chinh", "&xxe;"));
    assertThat(refusal(xml).code()).isEqualTo(ErrorCode.XML_DOCTYPE);
    assertThat(requests).hasValue(0);
  }

  @Test
  void externalDtdAndParameterEntityAreRefusedAndNeverFetched() {
    String xml = withDoctype("<!DOCTYPE edXML SYSTEM \"" + url() + "\">",
        STATUS.substring(STATUS.indexOf("<edXML ")));
    assertThat(refusal(xml).code()).isEqualTo(ErrorCode.XML_DOCTYPE);
    String param = withDoctype("<!DOCTYPE edXML [<!ENTITY % p SYSTEM \"" + url() + "\"> %p;]>",
        STATUS.substring(STATUS.indexOf("<edXML ")));
    assertThat(refusal(param).code()).isEqualTo(ErrorCode.XML_DOCTYPE);
    assertThat(requests).hasValue(0);
  }

  @Test
  void quadraticBlowupIsRefusedAsDoctypeWithinASecondWithoutExpanding() {
    // one 100 KB entity referenced 30 000 times: 3 GB if it were expanded
    String body = STATUS.substring(STATUS.indexOf("<edXML ")).replace("Phong hanh chinh", "&big;".repeat(30_000));
    String xml = withDoctype("<!DOCTYPE edXML [<!ENTITY big \"" + "x".repeat(100_000) + "\">]>", body);
    refusal(STATUS.replace("Phong hanh chinh", "&xxe;")); // warm-up: class loading is not what is measured
    long start = System.nanoTime();
    EdxmlException e = refusal(xml);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    assertThat(e.code()).isEqualTo(ErrorCode.XML_DOCTYPE);

    start = System.nanoTime();
    EdxmlException invalid = org.assertj.core.api.Assertions.catchThrowableOfType(EdxmlException.class,
        () -> EdxmlSchema.validate(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    assertThat(invalid.code()).isEqualTo(ErrorCode.XML_DOCTYPE);
  }

  @Test
  void externalEntitiesDtdAndXincludeNeverOpenTheFileTheyName() throws Exception {
    try (FifoTrap trap = FifoTrap.create(dir, "trap")) {
      String envelope = STATUS.substring(STATUS.indexOf("<edXML "));
      String[][] attacks = {
          {"general entity", withDoctype("<!DOCTYPE edXML [<!ENTITY xxe SYSTEM \"" + trap.uri() + "\">]>",
              envelope.replace("Phong hanh chinh", "&xxe;")), "XML_DOCTYPE"},
          {"parameter entity", withDoctype("<!DOCTYPE edXML [<!ENTITY % p SYSTEM \"" + trap.uri() + "\"> %p;]>",
              envelope), "XML_DOCTYPE"},
          {"external DTD", withDoctype("<!DOCTYPE edXML SYSTEM \"" + trap.uri() + "\">", envelope), "XML_DOCTYPE"},
          {"XInclude", STATUS.replace(HEADER_OPEN, HEADER_OPEN + "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\""
              + " href=\"" + trap.uri() + "\" parse=\"text\"/>"), "XML_XINCLUDE"}};
      for (String[] attack : attacks) {
        assertThat(refusal(attack[1]).code()).as(attack[0]).isEqualTo(ErrorCode.valueOf(attack[2]));
        trap.assertNotOpened("EdxmlReader, " + attack[0]);
        EdxmlException invalid = org.assertj.core.api.Assertions.catchThrowableOfType(EdxmlException.class,
            () -> EdxmlSchema.validate(new ByteArrayInputStream(attack[1].getBytes(StandardCharsets.UTF_8))));
        assertThat(invalid).as(attack[0]).isNotNull();
        trap.assertNotOpened("EdxmlSchema, " + attack[0]);
      }
    }
  }

  @Test
  void entityReferenceWithoutDoctypeIsRefused() {
    assertThat(refusal(STATUS.replace("Phong hanh chinh", "&xxe;")).code()).isEqualTo(ErrorCode.XML_ENTITY);
  }

  @Test
  void xincludeIsRefused() {
    String xml = STATUS.replace(HEADER_OPEN, HEADER_OPEN
        + "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"" + url() + "\" parse=\"text\"/>");
    assertThat(refusal(xml).code()).isEqualTo(ErrorCode.XML_XINCLUDE);
    assertThat(requests).hasValue(0);
  }

  @Test
  void tooDeepNestingIsRefused() {
    String deep = "<x>".repeat(100_000) + "</x>".repeat(100_000);
    assertThat(refusal(STATUS.replace(HEADER_OPEN, HEADER_OPEN + deep)).code()).isEqualTo(ErrorCode.XML_TOO_DEEP);
  }

  @Test
  void tooManyElementsAreRefused() {
    String many = "<edXML:Place>p</edXML:Place>".repeat(60_000);
    assertThat(refusal(STATUS.replace(HEADER_OPEN, HEADER_OPEN + many)).code())
        .isEqualTo(ErrorCode.XML_TOO_MANY_ELEMENTS);
  }

  @Test
  void tooManyAttributesAreRefused() {
    StringBuilder attrs = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      attrs.append(" a").append(i).append("=\"v\"");
    }
    String xml = STATUS.replace(HEADER_OPEN, "<edXML:MessageHeader" + attrs + ">");
    assertThat(refusal(xml).code()).isEqualTo(ErrorCode.XML_TOO_MANY_ATTRIBUTES);
  }

  @Test
  void hugeTextInTheEnvelopeIsRefusedWithoutReadingItAll() {
    String head = STATUS.substring(0, STATUS.indexOf("Phong hanh chinh"));
    InputStream endless = new InputStream() {
      @Override
      public int read() {
        return 'A';
      }
    };
    InputStream in = new SequenceInputStream(new ByteArrayInputStream(head.getBytes(StandardCharsets.UTF_8)), endless);
    assertThat(refusal(in).code()).isEqualTo(ErrorCode.XML_TEXT_TOO_LONG);
  }

  @Test
  @org.junit.jupiter.api.Timeout(20)
  void aHugeCommentAmongTheAttachmentsIsStoppedBeforeItIsBuffered() {
    String doc = new String(Samples.bytes("edoc_update.edxml"), StandardCharsets.UTF_8);
    String head = doc.substring(0, doc.indexOf("<AttachmentEncoded>") + "<AttachmentEncoded>".length()) + "<!--";
    InputStream endless = new InputStream() {
      @Override
      public int read() {
        return 'x';
      }
    };
    InputStream in = new SequenceInputStream(new ByteArrayInputStream(head.getBytes(StandardCharsets.UTF_8)), endless);
    assertThat(refusal(in).code()).isEqualTo(ErrorCode.XML_TEXT_TOO_LONG);
  }

  @Test
  void malformedXmlIsRefused() {
    assertThat(refusal(STATUS.substring(0, STATUS.length() / 2)).code()).isEqualTo(ErrorCode.XML_MALFORMED);
    assertThat(refusal(STATUS.replace("</edXML:From>", "</edXML:Frm>")).code()).isEqualTo(ErrorCode.XML_MALFORMED);
    assertThat(refusal("no xml here at all").code()).isEqualTo(ErrorCode.XML_MALFORMED);
    assertThat(refusal("").code()).isEqualTo(ErrorCode.XML_MALFORMED);
  }

  @Test
  void foreignRootIsNotEdxml() {
    assertThat(refusal("<html><body/></html>").code()).isEqualTo(ErrorCode.NOT_EDXML);
  }

  @Test
  void duplicatedMessageHeaderIsRefused() {
    int start = STATUS.indexOf(HEADER_OPEN);
    int end = STATUS.indexOf("</edXML:MessageHeader>") + "</edXML:MessageHeader>".length();
    String forged = STATUS.substring(start, end).replace("Phong hanh chinh", "Forged");
    EdxmlException e = refusal(STATUS.substring(0, start) + forged + STATUS.substring(start));
    assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_ELEMENT);
    assertThat(e.field()).isEqualTo("MessageHeader");
  }

  @Test
  void secondEnvelopeAndStrangersBesideItAreRefused() {
    int start = STATUS.indexOf("<edXML:edXMLEnvelope");
    int end = STATUS.indexOf("</edXML:edXMLEnvelope>") + "</edXML:edXMLEnvelope>".length();
    String envelope = STATUS.substring(start, end);
    EdxmlException twice = refusal(STATUS.substring(0, end) + envelope + STATUS.substring(end));
    assertThat(twice.code()).isEqualTo(ErrorCode.DUPLICATE_ELEMENT);
    assertThat(twice.field()).isEqualTo("edXML/edXMLEnvelope");
    EdxmlException stranger = refusal(STATUS.substring(0, end) + "<Header/>" + STATUS.substring(end));
    assertThat(stranger.code()).isEqualTo(ErrorCode.UNEXPECTED_ELEMENT);
    String foreign = STATUS.replace("<edXML:edXMLEnvelope xmlns:edXML=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">",
        "<f:edXMLEnvelope xmlns:f=\"urn:forged\" xmlns:edXML=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">")
        .replace("</edXML:edXMLEnvelope>", "</f:edXMLEnvelope>");
    assertThat(refusal(foreign).code()).isEqualTo(ErrorCode.UNEXPECTED_ELEMENT);
  }

  @Test
  void attachmentFilesOfARefusedEnvelopeAreDeleted() throws Exception {
    String doc = new String(Samples.bytes("edoc_update.edxml"), StandardCharsets.UTF_8);
    String broken = doc.replace("</AttachmentEncoded>", "<Attachment><ContentId>x</ContentId></Attachment></AttachmentEncoded>");
    assertThat(refusal(broken).code()).isEqualTo(ErrorCode.MISSING_ELEMENT);
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void invalidBase64IsRefused() {
    String doc = new String(Samples.bytes("edoc_update.edxml"), StandardCharsets.UTF_8);
    String broken = doc.replace("QCVN_102_2016\">UEsDB", "QCVN_102_2016\">UE*sDB");
    EdxmlException e = refusal(broken);
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ATTACHMENT);
    assertThat(e.field()).isEqualTo("AttachmentEncoded/Attachment[1]/ContentTransferEncoded");
  }

  @Test
  void attachmentsAreBoundedInSize() throws Exception {
    EdxmlReader small = EdxmlReader.builder().attachmentDirectory(dir).maxAttachmentBytes(1000).build();
    EdxmlException e = org.assertj.core.api.Assertions.catchThrowableOfType(EdxmlException.class,
        () -> small.read(Samples.open("edoc_update.edxml")));
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ATTACHMENT);
  }

  @Test
  void manySmallZipsCannotUnpackPastTheBoundTogether() throws Exception {
    // three attachments, each a 2 KB ZIP of 400 000 zeros: each fits a 1 000 000 byte bound, all three do not
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(zip)) {
      z.putNextEntry(new java.util.zip.ZipEntry("bom.pdf"));
      z.write(new byte[400_000]);
      z.closeEntry();
    }
    String b64 = java.util.Base64.getEncoder().encodeToString(zip.toByteArray());
    StringBuilder references = new StringBuilder();
    StringBuilder attachments = new StringBuilder();
    for (int i = 1; i <= 3; i++) {
      references.append("<edXML:Reference><edXML:ContentId>cid:").append(i).append("</edXML:ContentId>")
          .append("<edXML:ContentType>application/pdf</edXML:ContentType>")
          .append("<edXML:AttachmentName>bom-").append(i).append(".pdf</edXML:AttachmentName></edXML:Reference>");
      attachments.append("<Attachment><ContentId>cid:").append(i).append("</ContentId><AttachmentName>bom-").append(i)
          .append(".pdf</AttachmentName><ContentType>application/zip</ContentType>")
          .append("<edXML:ContentTransferEncoded xmlns:edXML=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">")
          .append(b64).append("</edXML:ContentTransferEncoded></Attachment>");
    }
    String doc = new String(Samples.bytes("edoc_new.edxml"), StandardCharsets.UTF_8);
    String bombs = doc.substring(0, doc.indexOf("<edXML:Reference>")) + references
        + doc.substring(doc.indexOf("</edXML:edXMLManifest>"), doc.indexOf("<AttachmentEncoded>") + "<AttachmentEncoded>".length())
        + attachments + doc.substring(doc.indexOf("</AttachmentEncoded>"));
    EdxmlReader bounded = EdxmlReader.builder().attachmentDirectory(dir).maxAttachmentBytes(1_000_000).build();
    EdxmlException e = org.assertj.core.api.Assertions.catchThrowableOfType(EdxmlException.class,
        () -> bounded.read(new java.io.ByteArrayInputStream(bombs.getBytes(StandardCharsets.UTF_8))));
    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ATTACHMENT);
    assertThat(e.field()).startsWith("AttachmentEncoded/Attachment[3]");
    try (var left = Files.list(dir)) {
      assertThat(left).as("what it unpacked is removed").isEmpty();
    }
  }

  @Test
  void readerRejectsNullInput() {
    EdxmlReader reader = EdxmlReader.builder().attachmentDirectory(dir).build();
    assertThatThrownBy(() -> reader.read((InputStream) null)).isInstanceOf(NullPointerException.class);
  }
}
