package vn.lienthong.core.edxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values the reader cannot accept are typed errors naming the field; liberal forms are accepted. */
class ReaderValuesTest {

  static final String STATUS = HostileXmlTest.STATUS;
  static final String UPDATE = new String(Samples.bytes("edoc_update.edxml"), StandardCharsets.UTF_8);

  @TempDir Path dir;

  private Envelope read(String xml) {
    return EdxmlReader.builder().attachmentDirectory(dir).build()
        .read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private EdxmlException refusal(String xml) {
    return catchThrowableOfType(EdxmlException.class, () -> read(xml));
  }

  @Test
  void anInvalidOrganIdIsNamedByItsPath() {
    String xml = UPDATE.replaceFirst("<edXML:OrganId>000.00.00.H14</edXML:OrganId>",
        "<edXML:OrganId>H14 with spaces</edXML:OrganId>");
    EdxmlException e = refusal(xml);
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ORGAN_ID);
    assertThat(e.field()).isEqualTo("MessageHeader/To[2]/OrganId");
    EdxmlException empty = refusal(STATUS.replace("<edXML:OrganId>000.00.00.H41</edXML:OrganId>", "<edXML:OrganId/>"));
    assertThat(empty.field()).isEqualTo("MessageHeader/From/OrganId");
  }

  @Test
  void unknownCodesAreRefused() {
    assertField(refusal(STATUS.replace(">01</edXML:StatusCode>", ">07</edXML:StatusCode>")),
        ErrorCode.INVALID_CODE, "MessageHeader/StatusCode");
    assertField(refusal(UPDATE.replace("<edXML:Priority>0<", "<edXML:Priority>9<")),
        ErrorCode.INVALID_CODE, "MessageHeader/OtherInfo/Priority");
    assertField(refusal(UPDATE.replace("<edXML:SteeringType>1<", "<edXML:SteeringType>x<")),
        ErrorCode.INVALID_CODE, "MessageHeader/SteeringType");
    assertField(refusal(UPDATE.replace("<edXML:BussinessDocType>2<", "<edXML:BussinessDocType>4<")),
        ErrorCode.INVALID_CODE, "TraceHeaderList/Bussiness/BussinessDocType");
    assertField(refusal(UPDATE.replace("<edXML:Paper>0<", "<edXML:Paper>2<")),
        ErrorCode.INVALID_CODE, "TraceHeaderList/Bussiness/Paper");
    assertField(refusal(UPDATE.replace("<edXML:ReceiverType>0<", "<edXML:ReceiverType>5<")),
        ErrorCode.INVALID_CODE, "TraceHeaderList/Bussiness/BussinessDocumentInfo/ReceiverList/Receiver[1]/ReceiverType");
  }

  @Test
  void unreadableValuesAreRefused() {
    assertField(refusal(UPDATE.replace("<edXML:PromulgationDate>2018/09/28<", "<edXML:PromulgationDate>28.09.2018<")),
        ErrorCode.INVALID_VALUE, "MessageHeader/PromulgationInfo/PromulgationDate");
    assertField(refusal(STATUS.replace("2015/09/20 11:08:36", "yesterday")),
        ErrorCode.INVALID_VALUE, "MessageHeader/Timestamp");
    assertField(refusal(UPDATE.replace("<edXML:PageAmount>22<", "<edXML:PageAmount>many<")),
        ErrorCode.INVALID_VALUE, "MessageHeader/OtherInfo/PageAmount");
  }

  @Test
  void missingRequiredPartsAreNamed() {
    assertField(refusal(STATUS.replace("<edXML:Timestamp>2015/09/20 11:08:36</edXML:Timestamp>", "")),
        ErrorCode.MISSING_ELEMENT, "MessageHeader/Timestamp");
    String noFrom = STATUS.substring(0, STATUS.indexOf("<edXML:From>"))
        + STATUS.substring(STATUS.indexOf("</edXML:From>") + "</edXML:From>".length());
    assertField(refusal(noFrom), ErrorCode.MISSING_ELEMENT, "MessageHeader/From");
  }

  @Test
  void isoDatesAndTimestampsReadAsTheStandardForms() {
    StatusMessage standard = (StatusMessage) read(STATUS).message();
    StatusMessage iso = (StatusMessage) read(STATUS.replace("2015/09/20 11:08:36", "2015-09-20T04:08:36Z")
        .replace("<edXML:PromulgationDate>2015/09/30<", "<edXML:PromulgationDate>2015-09-30<")).message();
    assertThat(iso).isEqualTo(standard);
    StatusMessage offset = (StatusMessage) read(STATUS.replace("2015/09/20 11:08:36", "2015-09-20T11:08:36+07:00")).message();
    assertThat(offset.timestamp()).isEqualTo(standard.timestamp());
    StatusMessage local = (StatusMessage) read(STATUS.replace("2015/09/20 11:08:36", "2015-09-20T11:08:36")).message();
    assertThat(local.timestamp()).isEqualTo(standard.timestamp());
  }

  @Test
  void utf16WithByteOrderMarkIsReadAsSuch() {
    String xml = STATUS.replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
    byte[] utf16 = xml.getBytes(StandardCharsets.UTF_16); // big-endian with a byte-order mark
    Envelope e = EdxmlReader.builder().attachmentDirectory(dir).build().read(new ByteArrayInputStream(utf16));
    assertThat(e.message()).isEqualTo(read(STATUS).message());
  }

  @Test
  void extraAttributesAndUnknownElementsAreIgnored() {
    String xml = UPDATE.replace("<edXML:TraceHeaderList>",
            "<edXML:TraceHeaderList id=\"t\" version=\"2\" mustUnderstand=\"1\" actor=\"x\">")
        .replace("<edXML:Reference>", "<edXML:Reference xmlns:xlink=\"http://www.w3.org/1999/xlink\" xlink:href=\"cid:209\">")
        .replace("<edXML:DueDate>", "<edXML:Unknown>?</edXML:Unknown><edXML:DueDate>");
    assertThat(read(xml).message()).isEqualTo(read(UPDATE).message());
  }

  @Test
  void aZipWrappedAttachmentIsUnpackedToItsAnnouncedType() throws Exception {
    byte[] pdf = "%PDF-1.7 a small pdf".getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(zip)) {
      z.putNextEntry(new ZipEntry("quyet-dinh.pdf"));
      z.write(pdf);
      z.closeEntry();
    }
    int start = UPDATE.indexOf("QCVN_102_2016\">", UPDATE.indexOf("<edXML:ContentTransferEncoded")) + "QCVN_102_2016\">".length();
    int end = UPDATE.indexOf("</edXML:ContentTransferEncoded>");
    String xml = UPDATE.substring(0, start) + Base64.getEncoder().encodeToString(zip.toByteArray()) + UPDATE.substring(end);
    xml = xml.replaceFirst("<edXML:ContentType>application/zip</edXML:ContentType>",
        "<edXML:ContentType>application/pdf</edXML:ContentType>");
    Envelope e = read(xml);
    Attachment a = e.attachments().get(0);
    assertThat(a.unwrapped()).isTrue();
    assertThat(a.contentType()).isEqualTo("application/pdf");
    assertThat(Files.readAllBytes(a.file())).isEqualTo(pdf);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EdxmlWriter.unsigned().write(e.message(), e.attachments(), out);
    String written = out.toString(StandardCharsets.UTF_8);
    assertThat(written).doesNotContain("application/zip")
        .contains(Base64.getEncoder().encodeToString(pdf));
  }

  private static void assertField(EdxmlException e, ErrorCode code, String field) {
    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(code);
    assertThat(e.field()).isEqualTo(field);
  }
}
