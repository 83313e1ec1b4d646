package vn.lienthong.client.dx;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.lienthong.client.ExchangeClient;
import vn.lienthong.client.InboxMessage;
import vn.lienthong.client.MessageKind;
import vn.lienthong.client.PendingPage;

/** {@code dx inbox}: what waits for the unit (handed out under a lease: fetch, then confirm). */
@Command(name = "inbox", mixinStandardHelpOptions = true,
    description = "Văn bản đến đang chờ / messages waiting for the unit, with the lease token to confirm them.")
final class InboxCommand implements Callable<Integer> {

  @Mixin
  HubMixin hub;

  @Option(names = "--max", defaultValue = "50", description = "at most this many (1–500)")
  int max;

  @Option(names = "--kind", description = "${COMPLETION-CANDIDATES}")
  MessageKind kind;

  @Override
  public Integer call() throws Exception {
    try (ExchangeClient client = hub.connect()) {
      PendingPage page = client.pending(max, kind);
      PrintWriter out = hub.out();
      out.printf("%-8s %-8s %-15s %-24s %-6s %s%n", "REF", "KIND", "FROM", "DOCUMENT", "STATUS", "SUBJECT / LEASE");
      for (InboxMessage m : page.messages()) {
        Dx.line(out, "%-8d %-8s %-15s %-24s %-6s %s%s", m.messageRef(), m.kind(), m.from(), m.documentId(),
            m.status().orElse(m.revoked() ? "thu hồi" : ""), m.subject(), "  lease " + m.leaseToken());
      }
      out.println(page.messages().size() + " message(s)" + (page.more() ? ", more waiting" : ""));
    }
    return 0;
  }
}
