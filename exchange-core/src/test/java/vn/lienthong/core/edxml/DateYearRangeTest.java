package vn.lienthong.core.edxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * edXML dates are yyyy/MM/dd (QCVN 102:2016 and the XSD: four digits). A year outside 1..9999 (a
 * clerk's typo, 20265 for 2026) was written as "+20265/12/01", which the edXML XSD refuses and which
 * no peer reads as a date, and the reader accepted it: the hub passed it on to the recipients.
 */
class DateYearRangeTest {

  @TempDir Path dir;

  private static DocumentMessage withDates(LocalDate promulgated, LocalDate due, Instant trace) {
    DocumentHeader h = Messages.header();
    DocumentHeader changed = new DocumentHeader(h.from(), h.to(), h.documentId(), h.code(),
        new Promulgation("Quảng Ninh", promulgated), h.documentType(), h.subject(), h.content(), h.signer(), due,
        h.toPlaces(), h.otherInfo(), h.responseFor(), h.steeringType());
    return new DocumentMessage(changed, List.of(new TraceHeader(Messages.SENDER.organId(), trace)),
        Messages.newDocument(), List.of());
  }

  private static EdxmlException writeRefusal(DocumentMessage m) {
    return catchThrowableOfType(EdxmlException.class,
        () -> EdxmlWriter.signing(TestKeys.EC.envelopeSigner()).write(m, new ByteArrayOutputStream()));
  }

  @Test
  void theWriterRefusesAYearThatIsNotFourDigitsNamingTheField() {
    Instant ok = Instant.parse("2026-11-26T01:00:00Z");
    EdxmlException due = writeRefusal(withDates(LocalDate.of(2026, 11, 26), LocalDate.of(20265, 12, 1), ok));
    assertThat(due).isNotNull();
    assertThat(due.code()).isEqualTo(ErrorCode.INVALID_VALUE);
    assertThat(due.field()).isEqualTo("MessageHeader/DueDate");

    EdxmlException promulgated = writeRefusal(withDates(LocalDate.of(-1, 1, 1), null, ok));
    assertThat(promulgated).isNotNull();
    assertThat(promulgated.field()).isEqualTo("MessageHeader/PromulgationInfo/PromulgationDate");

    EdxmlException trace = writeRefusal(withDates(LocalDate.of(2026, 11, 26), null,
        Instant.parse("+10000-01-01T00:00:00Z")));
    assertThat(trace).isNotNull();
    assertThat(trace.field()).isEqualTo("TraceHeaderList/TraceHeader/Timestamp");
  }

  @Test
  void whatTheWriterWritesValidatesAgainstTheSchemaAtTheEdgesOfTheRange() {
    for (LocalDate d : List.of(LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      EdxmlWriter.signing(TestKeys.EC.envelopeSigner()).write(withDates(d, d, Instant.parse("2026-11-26T01:00:00Z")),
          out);
      EdxmlSchema.validate(new ByteArrayInputStream(out.toByteArray()));
    }
  }

  @Test
  void theReaderRefusesAYearOfFiveDigits() {
    String update = new String(Samples.bytes("edoc_update.edxml"), StandardCharsets.UTF_8);
    String xml = update.replaceFirst("<edXML:PromulgationDate>(\\d{4})/", "<edXML:PromulgationDate>+2$1/");
    assertThat(xml).contains("<edXML:PromulgationDate>+2");
    EdxmlException e = catchThrowableOfType(EdxmlException.class, () -> EdxmlReader.builder()
        .attachmentDirectory(dir).build().read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE);
    assertThat(e.field()).endsWith("PromulgationDate");
  }
}
