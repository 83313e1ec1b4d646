package vn.lienthong.client.dx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.lienthong.client.DocumentBuilder;
import vn.lienthong.client.ExchangeClient;
import vn.lienthong.client.Receipt;
import vn.lienthong.core.edxml.EnvelopeSigner;
import vn.lienthong.core.edxml.Priority;
import vn.lienthong.core.pki.SigningKey;

/** {@code dx send}: writes the edXML envelope of the given files, signs it with the unit's key and sends it. */
@Command(name = "send", mixinStandardHelpOptions = true,
    description = "Gửi văn bản / send a document with its files (an edXML envelope signed with the unit's key).",
    footerHeading = "%nExample:%n",
    footer = "  dx send --hub https://127.0.0.1:8443/exchange --key system.p12 --trust roots.pem --to 000.00.03.H49 "
        + "--to 000.00.04.H49 --id UBND-2026-0412 --code 412/UBND-VP --subject \"V/v triển khai ...\" sealed.pdf")
final class SendCommand implements Callable<Integer> {

  @Mixin
  HubMixin hub;

  @Option(names = "--to", required = true, paramLabel = "ORGANID", description = "a recipient (repeat for more)")
  List<String> to;

  @Option(names = "--address", paramLabel = "ADDR", description = "extra routing: ORGANID/*, ORGANID/**, group:NAME")
  List<String> addresses = new ArrayList<>();

  @Option(names = "--id", required = true, description = "the document's identity (a resend with it is safe)")
  String documentId;

  @Option(names = "--code", defaultValue = "", paramLabel = "NUMBER/NOTATION", description = "số/ký hiệu, e.g. 412/UBND-VP")
  String code;

  @Option(names = "--subject", required = true, description = "trích yếu")
  String subject;

  @Option(names = "--type", defaultValue = "Công văn", description = "document type name (default: ${DEFAULT-VALUE})")
  String type;

  @Option(names = "--signer", paramLabel = "NAME", defaultValue = "", description = "who signed the document")
  String signerName;

  @Option(names = "--signer-position", defaultValue = "", description = "the signer's position")
  String signerPosition;

  @Option(names = "--priority", defaultValue = "NORMAL", description = "${COMPLETION-CANDIDATES}")
  Priority priority;

  @Option(names = "--due", description = "due date, YYYY-MM-DD")
  LocalDate due;

  @Option(names = "--envelope", paramLabel = "FILE", description = "where to keep the envelope (default: a temporary file)")
  Path envelope;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "the files (PDFs) of the document")
  List<Path> files;

  @Override
  public Integer call() throws Exception {
    SigningKey key = hub.options.signingKey();
    String from = Units.organId(key.certificate());
    Clock clock = Clock.systemUTC();
    try (ExchangeClient client = hub.options.connect(key)) {
      DocumentBuilder doc = DocumentBuilder.from(from, client.unit(from).data().name(), clock).documentId(documentId)
          .subject(subject).type(1, type).signer("", signerPosition, signerName).priority(priority).due(due);
      int slash = code.indexOf('/');
      doc.code(slash < 0 ? code : code.substring(0, slash), slash < 0 ? "" : code.substring(slash + 1));
      for (String unit : to) {
        doc.to(unit, client.unit(unit).data().name());
      }
      for (Path f : files) {
        doc.attach(f, f.toString().toLowerCase(Locale.ROOT).endsWith(".pdf") ? "application/pdf" : "application/octet-stream",
            f.getFileName().toString());
      }
      Path target = envelope != null ? envelope : Files.createTempFile("dx-", ".edxml");
      try {
        doc.write(EnvelopeSigner.of(key), target);
        Receipt r = client.send(target, addresses);
        hub.out().printf("Đã gửi / sent %s: receipt %s, message %d, %d recipients%s%n",
            r.documentId(), r.receiptId(), r.messageId(), r.recipients(), r.duplicate() ? " (already sent before)" : "");
      } finally {
        if (envelope == null) {
          Files.deleteIfExists(target);
        }
      }
    }
    return 0;
  }
}
