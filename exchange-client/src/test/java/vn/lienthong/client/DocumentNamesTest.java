package vn.lienthong.client;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.sample.pki.DemoSet.HOME_AFFAIRS;
import static vn.lienthong.sample.pki.DemoSet.PROVINCE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.edxml.EdxmlReader;

/** Files as clerks name them: Vietnamese, spaces, the same name twice. */
class DocumentNamesTest {

  @TempDir
  static Path dir;
  static TestHub hub;

  @BeforeAll
  static void start() {
    hub = TestHub.start(dir);
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  static Receipt sendWith(String documentId, Path... pdfs) {
    DocumentBuilder b = DocumentBuilder.from(PROVINCE, "Ủy ban nhân dân tỉnh Quảng Ninh", Clock.systemUTC())
        .to(HOME_AFFAIRS, "Sở Nội vụ").documentId(documentId).subject("Tên tệp " + documentId);
    for (Path p : pdfs) {
      b.attach(p, "application/pdf", "Tệp");
    }
    Path envelope = b.write(TestHub.signer(PROVINCE), dir.resolve(documentId + ".edxml"));
    try (ExchangeClient c = hub.client(PROVINCE)) {
      return c.send(envelope);
    }
  }

  @Test
  void aVietnameseFileNameWithSpacesGoesThrough() throws Exception {
    Path pdf = TestHub.signedPdf(dir.resolve("a"), "Công văn số 412 (bản chính).pdf", PROVINCE, 20_000);
    Receipt r = sendWith("NAMES-1", pdf);
    assertThat(r.recipients()).isNotNull();
  }

  @Test
  void twoFilesOfTheSameNameFromTwoFoldersGoThrough() throws Exception {
    Path one = TestHub.signedPdf(dir.resolve("b1"), "congvan.pdf", PROVINCE, 20_000);
    Path two = TestHub.signedPdf(dir.resolve("b2"), "congvan.pdf", PROVINCE, 21_000);
    Receipt r = sendWith("NAMES-2", one, two);
    assertThat(r.recipients()).isNotNull();
  }

  @Test
  void aFileNameWithAControlCharacterIsRefusedBeforeAnythingIsSent() throws Exception {
    Path pdf = TestHub.signedPdf(dir.resolve("c"), "bao\u0001cao.pdf", PROVINCE, 20_000);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> sendWith("NAMES-3", pdf))
        .hasMessageContaining("U+0001");
  }
}
