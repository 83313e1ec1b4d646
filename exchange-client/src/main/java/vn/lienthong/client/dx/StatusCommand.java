package vn.lienthong.client.dx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import vn.lienthong.client.ExchangeClient;
import vn.lienthong.client.Receipt;
import vn.lienthong.client.StatusBuilder;
import vn.lienthong.core.edxml.EnvelopeSigner;
import vn.lienthong.core.edxml.StatusCode;
import vn.lienthong.core.pki.SigningKey;

/** {@code dx status}: reports what became of a received document (02–06) or of a change (15, 16). */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Báo trạng thái xử lý / report a received document's status to its sender:",
        "  02 từ chối / refused, 03 đã tiếp nhận / accepted, 04 phân công / assigned,",
        "  05 đang xử lý / processing, 06 hoàn thành / finished,",
        "  15 đồng ý thu hồi, cập nhật / change accepted, 16 từ chối thu hồi / change refused."},
    footerHeading = "%nExample:%n",
    footer = "  dx status 03 --hub ... --key system.p12 --trust roots.pem --sender 000.00.00.H49 --id UBND-2026-0412 "
        + "--code 412/UBND-VP --date 2026-11-26 --clerk \"Nguyễn Thị Văn Thư\"")
final class StatusCommand implements Callable<Integer> {

  private static final Set<String> ALLOWED = Set.of("02", "03", "04", "05", "06", "15", "16");

  @Spec
  CommandSpec spec;

  @Mixin
  HubMixin hub;

  @Parameters(paramLabel = "CODE", description = "02, 03, 04, 05, 06, 15 or 16")
  String code;

  @Option(names = "--sender", required = true, paramLabel = "ORGANID", description = "who sent the document")
  String sender;

  @Option(names = "--id", required = true, description = "the document's identity")
  String documentId;

  @Option(names = "--code", required = true, paramLabel = "NUMBER/NOTATION", description = "the document's số/ký hiệu")
  String notation;

  @Option(names = "--date", required = true, description = "the document's promulgation date, YYYY-MM-DD")
  LocalDate date;

  @Option(names = "--clerk", defaultValue = "", description = "who reports")
  String clerk;

  @Option(names = "--department", defaultValue = "", description = "the clerk's department")
  String department;

  @Option(names = "--description", defaultValue = "", description = "what the sender reads (e.g. why refused)")
  String description;

  @Override
  public Integer call() throws Exception {
    if (!ALLOWED.contains(code)) {
      throw new ParameterException(spec.commandLine(), "a clerk reports 02–06, 15 or 16, not " + code);
    }
    SigningKey key = hub.options.signingKey();
    String from = Units.organId(key.certificate());
    Path file = Files.createTempFile("dx-status-", ".edxml");
    try (ExchangeClient client = hub.options.connect(key)) {
      StatusBuilder.from(from, client.unit(from).data().name(), Clock.systemUTC()).staff(department, clerk)
          .description(description).write(sender, documentId, notation, date, StatusCode.ofCode(code),
              EnvelopeSigner.of(key), file);
      Receipt r = client.sendStatus(file);
      spec.commandLine().getOut().printf("Đã báo / reported %s on %s: receipt %s%n", code, documentId, r.receiptId());
    } finally {
      Files.deleteIfExists(file);
    }
    return 0;
  }
}
