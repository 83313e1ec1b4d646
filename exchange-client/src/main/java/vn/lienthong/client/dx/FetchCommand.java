package vn.lienthong.client.dx;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.lienthong.client.ExchangeClient;
import vn.lienthong.client.FetchedMessage;

/** {@code dx fetch}: downloads a message's envelope (streamed to a file). */
@Command(name = "fetch", mixinStandardHelpOptions = true,
    description = "Tải văn bản đến / download a message's edXML envelope to a file.")
final class FetchCommand implements Callable<Integer> {

  @Mixin
  HubMixin hub;

  @Parameters(paramLabel = "REF", description = "the message's REF from dx inbox")
  long ref;

  @Option(names = {"-o", "--output"}, defaultValue = ".", paramLabel = "PATH",
      description = "a file, or a directory for message-REF.edxml (default: here)")
  String output;

  @Override
  public Integer call() throws Exception {
    Path target = HubMixin.target(output, "message-" + ref + ".edxml");
    try (ExchangeClient client = hub.connect()) {
      FetchedMessage m = client.fetch(ref, target);
      Dx.line(hub.out(), "%s (%d bytes) from %s: %s", m.envelope(), m.bytes(), m.info().from(),
          m.info().subject());
    }
    return 0;
  }
}
