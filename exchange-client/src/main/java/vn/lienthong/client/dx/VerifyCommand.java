package vn.lienthong.client.dx;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import vn.lienthong.core.validation.CheckResult;
import vn.lienthong.core.validation.Messages;
import vn.lienthong.core.validation.RevocationMode;
import vn.lienthong.core.validation.ShownText;
import vn.lienthong.core.validation.SignatureReport;
import vn.lienthong.core.validation.ValidationPolicy;
import vn.lienthong.core.validation.ValidationReport;
import vn.lienthong.core.validation.VerificationContext;
import vn.lienthong.core.validation.Verifier;

/**
 * {@code dx verify}: an auditor's offline-capable check of a signed PDF, edXML envelope or detached
 * CMS file against the roots given, and nothing else; prints the verdict of every signature and
 * writes the full report on request.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Kiểm tra chữ ký số của tệp (PDF, edXML, CMS) / verify the signatures of a file.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  dx verify sealed.pdf --trust roots.pem --sender 000.00.00.H49 --report report.html",
        "  dx verify message.edxml --trust roots.pem --offline --report report.json",
        "  dx verify contract.p7s --content contract.docx --trust roots.pem --report report.xml",
        "Exit code 0: valid (TOTAL_PASSED); 6: not valid (TOTAL_FAILED or INDETERMINATE)."})
final class VerifyCommand implements Callable<Integer> {

  /** The exit code of a file whose verdict is not TOTAL_PASSED. */
  static final int NOT_VALID = 6;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "the PDF, edXML envelope or .p7s to verify")
  Path file;

  @Option(names = "--trust", required = true, paramLabel = "PEM", defaultValue = "${env:DX_TRUST}",
      description = "the trusted roots, PEM; nothing else is trusted (default: $DX_TRUST)")
  Path trust;

  @Option(names = "--sender", paramLabel = "ORGANID",
      description = "the sending unit: Decree 30 then requires its seal")
  String sender;

  @Option(names = "--content", paramLabel = "FILE", description = "the signed content of a detached .p7s")
  Path content;

  @Option(names = "--offline", description = "use only the revocation data the file carries (no network)")
  boolean offline;

  @Option(names = "--policy", paramLabel = "PROPERTIES", description = "a validation policy file "
      + "(default: Decree 30)")
  Path policy;

  @Mixin
  ReportMixin report;

  @Override
  public Integer call() throws IOException, GeneralSecurityException {
    report.checkFormat();
    // a file that is not there is a mistake of the command (5), not a document found invalid (6)
    for (Path p : new Path[] {file, content}) {
      if (p != null && !Files.isRegularFile(p)) {
        throw new IllegalArgumentException("Không có tệp / no such file: " + p);
      }
    }
    Verifier.Builder b = Verifier.builder(HubOptions.roots(trust))
        .revocationMode(offline ? RevocationMode.OFFLINE : RevocationMode.ONLINE);
    if (policy != null) {
      try (InputStream in = Files.newInputStream(policy)) {
        b.policy(ValidationPolicy.load(in));
      }
    }
    VerificationContext context = VerificationContext.none();
    if (sender != null) {
      context = context.withSender(sender);
    }
    if (content != null) {
      context = context.withDetachedContent(content);
    }
    ValidationReport result = b.build().verify(file, context);
    print(result, spec.commandLine().getOut());
    report.write(result::writeHtml, result::writeJson, result::writeXml);
    return result.verdict().passed() ? 0 : NOT_VALID;
  }

  /** Prints the report; every text from the file goes through {@link ShownText#visible}. */
  private static void print(ValidationReport r, PrintWriter out) {
    shown(out, r.documentName() + " (" + r.documentType() + ", SHA-256 " + r.documentSha256() + ")");
    for (SignatureReport s : r.signatures()) {
      shown(out, "  " + s.id() + "  " + s.role() + "  " + s.format() + "  " + s.verdict());
      s.signerCertificate().ifPresent(c -> shown(out, "    " + c.subject()));
      s.checks().stream().filter(c -> c.isDecisive() || c.isWarning()).forEach(c -> shown(out, "    - " + both(c)));
    }
    r.documentChecks().stream().filter(c -> c.isDecisive()).forEach(c -> shown(out, "  - " + both(c)));
    out.println("Kết quả / result: " + r.verdict());
  }

  private static String both(CheckResult c) {
    return Messages.describe(c, Locale.forLanguageTag("vi")) + " / " + Messages.describe(c, Locale.ENGLISH);
  }

  /** One line of a console report: a line break or escape in a signer's name cannot forge another. */
  static void shown(PrintWriter out, String line) {
    out.println(ShownText.visible(line));
  }
}
