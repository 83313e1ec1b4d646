package vn.lienthong.client.dx;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import vn.lienthong.core.evidence.EvidenceReport;
import vn.lienthong.core.evidence.EvidenceVerifier;

/**
 * {@code dx verify-evidence}: an auditor's offline check of a message's evidence bundle against
 * the roots given, and nothing else (core's {@link EvidenceVerifier}); prints every failed check
 * and the verdict, and writes the full report on request.
 */
@Command(name = "verify-evidence", mixinStandardHelpOptions = true,
    description = "Kiểm tra gói chứng cứ (ngoại tuyến) / verify a message's evidence bundle, offline.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  dx verify-evidence evidence-42.zip --trust roots.pem",
        "  dx verify-evidence evidence-42.zip --trust roots.pem --report report.html",
        "Exit code 0: valid; 6: not valid (a check failed: changed file, untrusted seal, ...)."})
final class VerifyEvidenceCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "BUNDLE", description = "the evidence bundle (ZIP) from dx evidence")
  Path bundle;

  @Option(names = "--trust", required = true, paramLabel = "PEM", defaultValue = "${env:DX_TRUST}",
      description = "the trusted roots, PEM: the hub's seal and its TSA must chain to them (default: $DX_TRUST)")
  Path trust;

  @Mixin
  ReportMixin report;

  @Override
  public Integer call() throws IOException, GeneralSecurityException {
    report.checkFormat();
    if (!Files.isRegularFile(bundle)) {
      throw new IllegalArgumentException("Không có tệp / no such file: " + bundle);
    }
    EvidenceReport result = EvidenceVerifier.builder(HubOptions.roots(trust)).build().verify(bundle);
    print(result, spec.commandLine().getOut());
    report.write(result::writeHtml, result::writeJson, result::writeXml);
    return result.valid() ? 0 : VerifyCommand.NOT_VALID;
  }

  private static void print(EvidenceReport r, PrintWriter out) {
    VerifyCommand.shown(out, r.bundleName() + " (SHA-256 " + r.bundleSha256() + "), thông điệp / message " + r.messageId());
    out.println("  " + r.results().size() + " kiểm tra / checks, " + r.failures().size() + " không đạt / failed");
    for (EvidenceReport.Result x : r.failures()) {
      VerifyCommand.shown(out, "  - " + (x.status() == EvidenceReport.Status.INDETERMINATE ? "[chưa xác định / indeterminate] " : "")
          + x.check().vietnamese() + " / " + x.check().english()
          + (x.subject().isEmpty() ? "" : " [" + x.subject() + "]") + (x.detail().isEmpty() ? "" : ": " + x.detail()));
    }
    out.println("Kết quả / result: " + (r.valid() ? "HỢP LỆ / VALID" : "KHÔNG HỢP LỆ / NOT VALID"));
  }
}
