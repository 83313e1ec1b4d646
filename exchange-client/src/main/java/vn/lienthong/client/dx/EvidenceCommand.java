package vn.lienthong.client.dx;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.lienthong.client.ExchangeClient;

/** {@code dx evidence}: downloads a message's evidence bundle (streamed to a ZIP file). */
@Command(name = "evidence", mixinStandardHelpOptions = true,
    description = "Tải gói chứng cứ của thông điệp / download a message's evidence bundle (ZIP).",
    footerHeading = "%nExamples:%n",
    footer = {"  dx evidence 42 -o chung-cu-42.zip --key system.p12",
        "  dx verify-evidence chung-cu-42.zip --trust roots.pem --report bao-cao.html"})
final class EvidenceCommand implements Callable<Integer> {

  @Mixin
  HubMixin hub;

  @Parameters(paramLabel = "MESSAGE_ID", description = "the message id from the receipt (dx send) or dx inbox")
  long messageId;

  @Option(names = {"-o", "--output"}, defaultValue = ".", paramLabel = "PATH",
      description = "a file, or a directory for evidence-MESSAGE_ID.zip (default: here)")
  String output;

  @Override
  public Integer call() throws Exception {
    Path target = HubMixin.target(output, "evidence-" + messageId + ".zip");
    try (ExchangeClient client = hub.connect()) {
      long bytes = client.evidence(messageId, target);
      hub.out().printf("Gói chứng cứ / evidence bundle: %s (%d bytes)%n", target, bytes);
    }
    return 0;
  }
}
