package vn.lienthong.client.dx;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.lienthong.client.Confirmation;
import vn.lienthong.client.ExchangeClient;

/** {@code dx confirm}: takes a fetched message out of the inbox (a document answers 01 to its sender). */
@Command(name = "confirm", mixinStandardHelpOptions = true,
    description = "Xác nhận đã nhận / confirm a message was received (after dx fetch).")
final class ConfirmCommand implements Callable<Integer> {

  @Mixin
  HubMixin hub;

  @Parameters(paramLabel = "REF", description = "the message's REF from dx inbox")
  long ref;

  @Option(names = "--lease", required = true, paramLabel = "TOKEN", description = "the lease token dx inbox printed")
  String lease;

  @Override
  public Integer call() throws Exception {
    try (ExchangeClient client = hub.connect()) {
      Confirmation c = client.confirm(ref, lease);
      hub.out().println("Đã xác nhận / confirmed at " + c.confirmedAt()
          + (c.alreadyConfirmed() ? " (already before)" : ""));
    }
    return 0;
  }
}
