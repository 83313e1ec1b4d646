package vn.lienthong.client;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.sample.pki.DemoSet.HOME_AFFAIRS;
import static vn.lienthong.sample.pki.DemoSet.PROVINCE;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.client.example.AgencyIntegration;

/** The README's Java example is this module's test source, quoted verbatim, and it runs against a real hub. */
class ReadmeExampleTest {

  @TempDir
  Path dir;

  static String quoted() throws Exception {
    String source = Files.readString(Path.of("src/test/java/vn/lienthong/client/example/AgencyIntegration.java"));
    String body = source.substring(source.indexOf("// README:begin\n") + "// README:begin\n".length(),
        source.indexOf("    // README:end"));
    return body.lines().map(l -> l.length() >= 4 ? l.substring(4) : l).reduce("", (a, b) -> a + b + "\n");
  }

  @Test
  void theReadmeQuotesTheExampleVerbatim() throws Exception {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    assertThat(readme).contains(quoted());
  }

  @Test
  void theExampleSendsReceivesAndTraces() throws Exception {
    try (TestHub hub = TestHub.start(dir)) {
      try (ExchangeClient homeAffairs = hub.client(HOME_AFFAIRS)) {
        // something waits for the province: a status 01 comes after the department confirms
        Path p12 = TestHub.pkcs12(TestHub.PKI.system(PROVINCE), dir.resolve("system.p12"));
        Path pdf = EndToEndTest.pdfIn(dir, "congvan.pdf", 50_000);
        List<Path> none = AgencyIntegration.run(hub.address(), p12, TestHub.PASSWORD, TestHub.PKI.trustAnchors(), pdf,
            dir);
        assertThat(none).isEmpty();
        InboxMessage m = homeAffairs.pending(10).messages().get(0);
        assertThat(m.documentId()).isEqualTo("UBND-2026-0412");
        homeAffairs.fetch(m.messageRef(), dir.resolve("in.edxml"));
        homeAffairs.confirm(m);
        List<Path> received = AgencyIntegration.run(hub.address(), p12, TestHub.PASSWORD,
            TestHub.PKI.trustAnchors(), pdf, dir);
        assertThat(received).singleElement().satisfies(p -> assertThat(p).isNotEmptyFile());
        try (ExchangeClient province = hub.client(PROVINCE)) {
          assertThat(province.pending(10).messages()).isEmpty();   // the poller confirmed the 01
          assertThat(province.traces("UBND-2026-0412").of(HOME_AFFAIRS).orElseThrow().delivery())
              .isEqualTo("CONFIRMED");
        }
      }
    }
  }

}
