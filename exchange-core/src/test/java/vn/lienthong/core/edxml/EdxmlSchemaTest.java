package vn.lienthong.core.edxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class EdxmlSchemaTest {

  @TempDir Path dir;

  private static void validate(String xml) {
    EdxmlSchema.validate(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest
  @FieldSource("vn.lienthong.core.edxml.Samples#ALL")
  void everySampleIsValid(String name) {
    assertThatCode(() -> EdxmlSchema.validate(Samples.open(name))).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @FieldSource("vn.lienthong.core.edxml.Samples#ALL")
  void whatTheWriterWritesIsValidSignedOrNot(String name) throws Exception {
    Envelope e;
    try (InputStream in = Samples.open(name)) {
      e = EdxmlReader.builder().attachmentDirectory(dir).build().read(in);
    }
    for (EdxmlWriter writer : new EdxmlWriter[] {EdxmlWriter.unsigned(), EdxmlWriter.signing(TestKeys.EC.envelopeSigner())}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      writer.write(e.message(), e.attachments(), out);
      assertThatCode(() -> EdxmlSchema.validate(new ByteArrayInputStream(out.toByteArray())))
          .doesNotThrowAnyException();
    }
  }

  @Test
  void violationsNameTheirPlace() {
    String status = HostileXmlTest.STATUS;
    EdxmlException code = catchThrowableOfType(EdxmlException.class,
        () -> validate(status.replace(">01</edXML:StatusCode>", ">07</edXML:StatusCode>")));
    assertThat(code.code()).isEqualTo(ErrorCode.SCHEMA_INVALID);
    assertThat(code.field()).startsWith("line 28");
    EdxmlException subject = catchThrowableOfType(EdxmlException.class, () -> validate(
        new String(Samples.bytes("edoc_update.edxml"), StandardCharsets.UTF_8)
            .replaceFirst("<edXML:Subject>[^<]*<", "<edXML:Subject>" + "x".repeat(501) + "<")));
    assertThat(subject.code()).isEqualTo(ErrorCode.SCHEMA_INVALID);
    EdxmlException order = catchThrowableOfType(EdxmlException.class, () -> validate(
        status.replace("<edXML:StatusCode>01</edXML:StatusCode>", "")));
    assertThat(order.code()).isEqualTo(ErrorCode.SCHEMA_INVALID);
  }

  @Test
  void hostileXmlIsRefusedBeforeValidation() {
    EdxmlException e = catchThrowableOfType(EdxmlException.class,
        () -> validate("<!DOCTYPE edXML [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><edXML>&x;</edXML>"));
    assertThat(e.code()).isEqualTo(ErrorCode.XML_DOCTYPE);
  }
}
