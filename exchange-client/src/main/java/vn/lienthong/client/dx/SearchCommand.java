package vn.lienthong.client.dx;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.lienthong.client.ExchangeClient;
import vn.lienthong.client.MessageHit;
import vn.lienthong.client.MessageKind;
import vn.lienthong.client.MessagePage;
import vn.lienthong.client.MessageQuery;

/** {@code dx search}: the unit's sent and received messages together, where each stands, its evidence. */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = "Tra cứu văn bản đi và đến / the unit's sent and received messages, newest first, with where "
        + "each stands and the evidence the hub holds (MESSAGE-ID is what dx evidence takes).")
final class SearchCommand implements Callable<Integer> {

  @Mixin
  HubMixin hub;

  @Option(names = "--unit", paramLabel = "ORGANID", description = "another unit's messages (auditors)")
  String unit;

  @Option(names = "--direction", description = "${COMPLETION-CANDIDATES} (default: both)")
  MessageHit.Direction direction;

  @Option(names = "--kind", description = "${COMPLETION-CANDIDATES} (default: both)")
  MessageKind kind;

  @Option(names = "--with", paramLabel = "ORGANID", description = "exchanged with this unit (its sender or a recipient)")
  String counterpart;

  @Option(names = "--id", paramLabel = "DOCUMENT-ID", description = "this document only")
  String documentId;

  @Option(names = "--text", description = "in the subject or the code (2–200 characters, any case)")
  String text;

  @Option(names = "--from", paramLabel = "DAY|INSTANT", description = "accepted on or after (2026-11-01, or an instant)")
  String from;

  @Option(names = "--until", paramLabel = "DAY|INSTANT", description = "accepted before (a day: up to its end)")
  String until;

  @Option(names = "--max", defaultValue = "50", description = "hits a page (1–200)")
  int max;

  @Option(names = "--all", description = "every page, not only the first")
  boolean all;

  @Override
  public Integer call() throws Exception {
    MessageQuery query = MessageQuery.builder().unit(unit).direction(direction).kind(kind).counterpart(counterpart)
        .documentId(documentId).text(text).received(instant(from, false), instant(until, true)).max(max).build();
    try (ExchangeClient client = hub.connect()) {
      PrintWriter out = hub.out();
      out.printf("%-10s %-8s %-8s %-15s %-24s %-20s %-11s %-14s %s%n", "MESSAGE-ID", "DIR", "KIND", "FROM",
          "DOCUMENT", "ACCEPTED", "STATE", "EVIDENCE", "SUBJECT");
      int shown = 0;
      MessagePage page = client.search(query);
      while (true) {
        for (MessageHit h : page.hits()) {
          print(out, h);
        }
        shown += page.hits().size();
        if (!all || !page.more()) {
          break;
        }
        query = query.next(page);
        page = client.search(query);
      }
      out.println(shown + " message(s)" + (page.more() ? ", more: --all" : ""));
    }
    return 0;
  }

  private static void print(PrintWriter out, MessageHit h) {
    String state = h.direction() == MessageHit.Direction.SENT ? h.confirmed() + "/" + h.recipients() + " confirmed"
        : h.delivery();
    String kind = h.kind() == MessageKind.STATUS ? "STATUS " + h.statusCode() : h.kind().name();
    Dx.line(out, "%-10d %-8s %-8s %-15s %-24s %-20s %-11s %-14s %s%s", h.messageId(), h.direction(), kind, h.from(),
        h.documentId(), h.receivedAt().toString().replaceFirst("\\.\\d+Z$", "Z"), state,
        h.receipt() + (h.deliveryEvidence() > 0 ? "+" + h.deliveryEvidence() : ""), h.revoked() ? "[thu hồi] " : "",
        h.subject());
  }

  /** Vietnam's time (UTC+07:00): what a day means, wherever dx runs. */
  static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);

  /** A day (its start, or with {@code end} the next day's start, in Vietnam's time) or an instant. */
  static Instant instant(String text, boolean end) {
    if (text == null) {
      return null;
    }
    try {
      LocalDate day = LocalDate.parse(text);
      return (end ? day.plusDays(1) : day).atStartOfDay(VIETNAM).toInstant();
    } catch (DateTimeParseException notADay) {
      return Instant.parse(text);
    }
  }
}
