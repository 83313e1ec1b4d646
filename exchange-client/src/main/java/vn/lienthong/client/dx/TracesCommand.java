package vn.lienthong.client.dx;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import vn.lienthong.client.ExchangeClient;
import vn.lienthong.client.Traces;

/** {@code dx traces}: what became of a sent document at each recipient. */
@Command(name = "traces", mixinStandardHelpOptions = true,
    description = "Theo dõi văn bản đã gửi / what became of a sent document, per recipient.")
final class TracesCommand implements Callable<Integer> {

  @Mixin
  HubMixin hub;

  @Parameters(paramLabel = "DOCUMENT-ID", description = "the document's identity")
  String documentId;

  @picocli.CommandLine.Option(names = "--sender", paramLabel = "ORGANID",
      description = "the unit that sent it (default: yours; another unit's needs the auditor role)")
  String sender;

  @Override
  public Integer call() throws Exception {
    try (ExchangeClient client = hub.connect()) {
      Traces traces = sender == null ? client.traces(documentId) : client.traces(sender, documentId);
      PrintWriter out = hub.out();
      Dx.line(out, "Văn bản / document %s", traces.documentId());
      for (Traces.Recipient r : traces.recipients()) {
        Dx.line(out, "  %-15s %-10s", r.organId(), r.delivery());
        for (Traces.Event e : r.history()) {
          Dx.line(out, "      %s  %s  %s  %s", e.statusCode(), e.at(), e.reportedBy(), e.description());
        }
      }
    }
    return 0;
  }
}
