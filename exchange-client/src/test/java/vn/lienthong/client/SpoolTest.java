package vn.lienthong.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.lienthong.sample.pki.DemoSet.HOME_AFFAIRS;
import static vn.lienthong.sample.pki.DemoSet.PROVINCE;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Large incoming envelopes are spooled to disk while they arrive: the spool is emptied whatever happens. */
class SpoolTest {

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

  static List<Path> files(Path d) throws Exception {
    try (var s = Files.list(d)) {
      return s.toList();
    }
  }

  @Test
  void aFetchThatCannotWriteItsTargetLeavesNothingInTheSpool() throws Exception {
    Path pdf = TestHub.signedPdf(dir.resolve("in"), "lon.pdf", PROVINCE, 600_000);
    Path envelope = DocumentBuilder.from(PROVINCE, "Ủy ban nhân dân tỉnh Quảng Ninh", Clock.systemUTC())
        .to(HOME_AFFAIRS, "Sở Nội vụ").documentId("SPOOL-1").subject("Tệp lớn")
        .attach(pdf, "application/pdf", "Tệp").write(TestHub.signer(PROVINCE), dir.resolve("spool-1.edxml"));
    try (ExchangeClient c = hub.client(PROVINCE)) {
      c.send(envelope);
    }
    Path spool = Files.createDirectories(dir.resolve("spool"));
    Path plain = Files.writeString(dir.resolve("plain"), "not a directory");
    try (ExchangeClient c = hub.builder(HOME_AFFAIRS).spoolDirectory(spool).build()) {
      InboxMessage m = c.pending(10).messages().get(0);
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> c.fetch(m.messageRef(), plain.resolve("x.edxml")))
            .isInstanceOf(UncheckedIOException.class);
      }
      System.out.println("SPOOL after failures " + files(spool));
      assertThat(files(spool)).isEmpty();
      FetchedMessage f = c.fetch(m.messageRef(), dir.resolve("ok").resolve("x.edxml"));
      assertThat(f.bytes()).isGreaterThan(600_000);
      System.out.println("SPOOL after success " + files(spool));
      assertThat(files(spool)).isEmpty();
    }
  }
}
