package vn.lienthong.server;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.server.support.Calls.send;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.core.evidence.EvidenceSeal;
import vn.lienthong.core.evidence.ReceiptDocument;
import vn.lienthong.sample.interop.ExternalTool;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.SamplePki;
import vn.lienthong.server.demo.Demo;
import vn.lienthong.server.evidence.EvidenceHook;
import vn.lienthong.server.support.Envelopes;
import vn.lienthong.server.support.HubClient;

/**
 * The README's first command, assembled as {@code Main} does on its demo defaults (the committed
 * demo PKI, its CA services on port 18600, the sample units): a demo unit's document is accepted
 * and its receipt sealed and time-stamped by the demo TSA, which chains to the demo roots the hub
 * trusts. Skipped with the reason when port 18600 is taken (a demo hub already running here);
 * failed instead under CI=true.
 */
class DemoHubTest {

  @TempDir Path dir;

  @Test
  void theDemoHubSealsAndTimeStampsWhatItAccepts() throws Exception {
    Settings settings = Settings.read(new String[] {"--port=0", "--data.dir=" + dir.resolve("data")}, Map.of());
    try (Demo demo = Demo.start(Clock.systemUTC())) {
      ByteArrayOutputStream summary = new ByteArrayOutputStream();
      demo.printSummary(new PrintStream(summary, true, StandardCharsets.UTF_8));
      ExternalTool.requireAvailable(summary.toString(StandardCharsets.UTF_8).contains("Sample CA services: "),
          "the demo's CA services cannot bind port 18600 (a demo hub running here?): " + summary);
      try (Hub hub = Hub.start(settings.config(), demo.tls(), settings.security(), Clock.systemUTC(),
          new SecureRandom(), EvidenceHook.NONE, Main.evidenceSetup(settings, demo))) {
        demo.loadUnits(hub.registry());
        SamplePki pki = SamplePki.demo();
        Path note = Files.writeString(dir.resolve("ghi-chu.txt"), "Văn bản thử nghiệm trên trục demo");
        Attachment a = Attachment.of("cid:ghi-chu", "ghi-chu.txt", "Ghi chú", "text/plain", note);
        var receipt = send(HubClient.connect(hub.address(), pki.system(DemoSet.PROVINCE), pki.trustAnchors()),
            Envelopes.signed(Envelopes.document(DemoSet.PROVINCE, "DEMO-1", List.of(DemoSet.HA_LONG), List.of(a)),
                List.of(a), pki.system(DemoSet.PROVINCE)));
        assertThat(EvidenceSeal.isTimestamped(receipt.getSignedReceipt()))
            .as("sealed and time-stamped at once: the demo TSA chains to the demo roots").isTrue();
        assertThat(ReceiptDocument.parse(EvidenceSeal.content(receipt.getSignedReceipt())).recipients())
            .containsExactly(DemoSet.HA_LONG);
        assertThat(hub.evidence().orElseThrow().pendingTimestamps()).isZero();
      }
    }
  }
}
