package vn.lienthong.client.dx;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.lienthong.client.AuditLogCheck;
import vn.lienthong.client.AuditLogPage;
import vn.lienthong.client.AuditLogVerification;
import vn.lienthong.client.ExchangeClient;

/** {@code dx audit}: the hub's audit log, for auditors: list its entries, verify it. */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "Nhật ký kiểm tra của trục (kiểm tra viên) / the hub's audit log (auditors).",
    subcommands = {AuditCommand.List.class, AuditCommand.Verify.class})
final class AuditCommand {

  /** {@code dx audit list}: entries from a sequence number. */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Liệt kê các mục / list entries: sequence, time, event, actor, subject, details, hash.")
  static final class List implements Callable<Integer> {

    @Mixin
    HubMixin hub;

    @Option(names = "--from", paramLabel = "SEQ", defaultValue = "1", description = "first sequence (default 1)")
    long from;

    @Option(names = "--max", paramLabel = "N", defaultValue = "100", description = "at most N entries (1-1000)")
    int max;

    @Override
    public Integer call() throws Exception {
      try (ExchangeClient client = hub.connect()) {
        AuditLogPage page = client.auditLog(from, max);
        PrintWriter out = hub.out();
        for (AuditLogPage.Entry e : page.entries()) {
          Dx.line(out, "%6d  %s  %-20s %-15s %-8s %s  %s", e.sequence(), e.time(), e.event(), e.actor(),
              e.subject() == null ? "-" : e.subject(), e.details(), e.hash().substring(0, 16));
        }
        for (AuditLogPage.Anchor a : page.anchors()) {
          out.printf("anchor %d  %s  %s (RFC 3161, %d bytes)%n", a.sequence(), a.anchoredAt(), a.headHash(),
              a.token().length);
        }
        // a page is the range from..from+max-1 (an empty one is a gap in the log): the next one follows it
        out.println("head " + page.headSequence() + (page.more() ? "; more: --from " + (from + max) : ""));
      }
      return 0;
    }
  }

  /** {@code dx audit verify}: the hub's verdict and one's own over every entry. */
  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Kiểm tra chuỗi băm / verify the hash chain: the hub's verdict, then the whole log fetched and "
          + "checked here (links, hashes, time-stamp anchors, whose TSA must chain to the --trust roots). Exit 6 "
          + "when either finds it broken.")
  static final class Verify implements Callable<Integer> {

    @Mixin
    HubMixin hub;

    @Override
    public Integer call() throws Exception {
      try (ExchangeClient client = hub.connect()) {
        AuditLogVerification byHub = client.verifyAuditLog();
        java.util.List<AuditLogPage.Entry> entries = new ArrayList<>();
        java.util.List<AuditLogPage.Anchor> anchors = new ArrayList<>();
        AuditLogPage page = client.auditLog(1, 1000);
        long head = page.headSequence();
        entries.addAll(page.entries());
        anchors.addAll(page.anchors());
        // pages are ranges of sequence numbers: one without entries is a gap, read on past it (the
        // reading stopped there, and the entries before it were found OK)
        for (long from = 1001; page.more() && from <= head; from += 1000) {
          page = client.auditLog(from, 1000);
          entries.addAll(page.entries());
          anchors.addAll(page.anchors());
        }
        AuditLogVerification here = AuditLogCheck.check(entries, anchors, head, HubOptions.roots(hub.options.trust));
        PrintWriter out = hub.out();
        print(out, "hub / theo trục", byHub);
        print(out, "here / tại đây", here);
        return byHub.ok() && here.ok() ? 0 : VerifyCommand.NOT_VALID;
      }
    }

    private static void print(PrintWriter out, String who, AuditLogVerification v) {
      Dx.line(out, "%-16s %s, %d entries%s", who, v.outcome(), v.entries(),
          v.ok() ? "" : "; broken at " + v.brokenSequence() + ": " + v.reason());
    }
  }

  private AuditCommand() {}
}
