package vn.lienthong.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static vn.lienthong.sample.pki.DemoSet.FINANCE;
import static vn.lienthong.sample.pki.DemoSet.HOME_AFFAIRS;
import static vn.lienthong.sample.pki.DemoSet.PROVINCE;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A PDF the hub's policy refuses comes back as PDF_SIGNATURE_INVALID with the hub's validation report. */
class PdfRefusalTest {

  @TempDir Path dir;

  @Test
  void aPdfSealedByAnotherUnitIsRefusedWithTheReport() throws Exception {
    Path pdf = TestHub.signedPdf(dir, "congvan.pdf", FINANCE, 20_000); // the province sends Finance's seal
    try (TestHub hub = TestHub.start(dir.resolve("hub")); ExchangeClient province = hub.client(PROVINCE)) {
      Path envelope = DocumentBuilder.from(PROVINCE, "UBND tỉnh", Clock.systemUTC()).to(HOME_AFFAIRS, "Sở Nội vụ")
          .documentId("SEAL-1").subject("V/v con dấu của đơn vị khác").attach(pdf, "application/pdf", "Công văn")
          .write(TestHub.signer(PROVINCE), dir.resolve("e.edxml"));
      ExchangeException e = catchThrowableOfType(() -> province.send(envelope), ExchangeException.class);
      assertThat(e.code()).isEqualTo(FaultCode.PDF_SIGNATURE_INVALID);
      assertThat(e.code().transientFailure()).isFalse();
      assertThat(e.getMessage()).contains("congvan.pdf").contains("DECREE30_SEAL_OF_SENDER");
      assertThat(e.field()).contains("Attachment[1]");
      String report = new String(e.report().orElseThrow(), StandardCharsets.UTF_8);
      assertThat(report).contains("urn:lienthong:validation-report:1").contains("DECREE30_SEAL_OF_SENDER");
    }
  }
}
