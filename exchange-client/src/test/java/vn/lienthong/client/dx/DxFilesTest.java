package vn.lienthong.client.dx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.lienthong.client.dx.DxTest.dx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vn.lienthong.client.dx.DxTest.Run;
import vn.lienthong.sample.pki.DemoSet;

/**
 * Files {@code dx} writes and reads: the verification report replaced whole or not at all, a
 * signing that fails named by the output the clerk asked for, the key store's password from a file.
 */
class DxFilesTest extends DxHubTest {

  /** An auditor's report was truncated first and written in place: a run cut off left it half written. */
  @Test
  void aReportThatCannotBeFinishedLeavesTheOldOneWhole() throws Exception {
    Path reports = Files.createDirectories(dir.resolve("reports-failed"));
    Path old = Files.writeString(reports.resolve("report.html"), "the report kept last month");
    ReportMixin mixin = new ReportMixin();
    mixin.report = old;
    assertThatThrownBy(() -> mixin.write(out -> {
      out.write("<html><body>half a report".getBytes(StandardCharsets.UTF_8));
      throw new IOException("No space left on device");
    }, null, null)).hasMessageContaining(old.toString()).hasMessageContaining("No space left on device")
        .hasMessageNotContaining(".part");
    assertThat(old).hasContent("the report kept last month");
    assertThat(files(reports)).containsExactly(old);
  }

  @Test
  void aReportIsReplacedWholeWithTheUmasksModeAndNoPartFileIsLeft() throws Exception {
    Path reports = Files.createDirectories(dir.resolve("reports-ok"));
    Path reference = Files.writeString(reports.resolve("reference.txt"), "x");
    Path report = Files.writeString(reports.resolve("report.html"), "old ".repeat(100_000));
    Run run = dx("verify", blankPdf("unsigned.pdf").toString(), "--trust", roots().toString(), "--offline",
        "--report", report.toString());
    assertThat(run.exit()).as(run.err()).isEqualTo(VerifyCommand.NOT_VALID);
    assertThat(run.out()).contains("Báo cáo / report: " + report);
    assertThat(report).content(StandardCharsets.UTF_8).contains("Báo cáo kiểm tra chữ ký số")
        .doesNotContain("old ").endsWith("</html>\n");
    assertThat(Files.getPosixFilePermissions(report)).isEqualTo(Files.getPosixFilePermissions(reference));
    assertThat(files(reports)).containsExactlyInAnyOrder(reference, report);

    // a report that cannot be moved into place (a directory of that name): said for the report, nothing left
    Path taken = Files.createDirectories(reports.resolve("taken.json"));
    Run refused = dx("verify", dir.resolve("unsigned.pdf").toString(), "--trust", roots().toString(), "--offline",
        "--report", taken.toString());
    assertThat(refused.exit()).as(refused.err()).isEqualTo(Dx.LOCAL);
    assertThat(refused.err()).contains("cannot write " + taken).doesNotContain(".part");
    assertThat(files(reports)).containsExactlyInAnyOrder(reference, report, taken);
  }

  /** A signing that failed once its .part file was made said "… failed: /…/.ky.pdf-8311….part …". */
  @Test
  void aSigningThatFailsNamesTheOutputAskedForAndLeavesNoPartFile() throws Exception {
    Path outputs = Files.createDirectories(dir.resolve("sign-failed"));
    // the PDF signed into its .part file, which cannot be moved onto a directory
    Path directory = Files.createDirectories(outputs.resolve("ky.pdf"));
    Run moved = sign(directory, "--password", "test");
    assertThat(moved.exit()).as(moved.err()).isEqualTo(Dx.LOCAL);
    assertThat(moved.err()).startsWith("dx: IO_ERROR").contains("into " + directory + " failed")
        .contains("Is a directory").doesNotContain(".part");
    assertThat(files(outputs)).containsExactly(directory);
    assertThat(files(directory)).isEmpty();
    // the .part file cannot be made: a directory that does not exist
    Path nowhere = outputs.resolve("khong-co").resolve("ky.pdf");
    Run unmade = sign(nowhere, "--password", "test");
    assertThat(unmade.exit()).as(unmade.err()).isEqualTo(Dx.LOCAL);
    assertThat(unmade.err()).contains("into " + nowhere + " failed").doesNotContain(".part");
    assertThat(files(outputs)).containsExactly(directory);
  }

  /** The password's first line, CRLF or LF or none; the option beats $DX_PASSWORD (which is wrong here). */
  @Test
  void thePasswordIsReadFromTheFirstLineOfAFile() throws Exception {
    Path crlf = Files.writeString(dir.resolve("password-crlf.txt"), "test\r\nsecond line\r\n");
    Path signed = dir.resolve("ky-mat-khau-tep.pdf");
    Run run = sign(signed, "--password-file", crlf.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(signed).isNotEmptyFile();

    Path wrong = Files.writeString(dir.resolve("password-wrong.txt"), "bi-mat-sai-0412\n");
    Run refused = sign(dir.resolve("ky-sai.pdf"), "--password-file", wrong.toString());
    assertThat(refused.exit()).isEqualTo(Dx.LOCAL);
    assertThat(refused.err()).startsWith("dx: Sai mật khẩu / Wrong password for");
    assertThat(refused.out() + refused.err()).doesNotContain("bi-mat-sai-0412");
    assertThat(dir.resolve("ky-sai.pdf")).doesNotExist();
  }

  @Test
  void aMissingPasswordFileOrTwoPasswordsAreUsageErrors() throws Exception {
    Path missing = dir.resolve("khong-co-mat-khau.txt");
    Run run = sign(dir.resolve("ky-khong-co.pdf"), "--password-file", missing.toString());
    assertThat(run.exit()).as(run.err()).isEqualTo(Dx.USAGE);
    assertThat(run.err()).contains("password file").contains(missing.toString()).doesNotContain("Exception");
    assertThat(dir.resolve("ky-khong-co.pdf")).doesNotExist();

    Path file = Files.writeString(dir.resolve("password-both.txt"), "test\n");
    Run both = sign(dir.resolve("ky-hai.pdf"), "--password", "test", "--password-file", file.toString());
    assertThat(both.exit()).as(both.err()).isEqualTo(Dx.USAGE);
    assertThat(both.err()).contains("--password").contains("--password-file");
  }

  /** {@code $DX_PASSWORD_FILE} in dx's own JVM (an environment a test cannot set in its own). */
  @Test
  void thePasswordFileMayComeFromTheEnvironment() throws Exception {
    Path file = Files.writeString(dir.resolve("password-env.txt"), "test");
    Path signed = dir.resolve("ky-env.pdf");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Dx.class.getName()));
    command.addAll(signArgs(signed));
    ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().remove("DX_PASSWORD");
    pb.environment().put("DX_PASSWORD_FILE", file.toString());
    Process p = pb.start();
    p.getOutputStream().close(); // a password asked for reads the end of input, not a pipe left open
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(err).isZero();
    assertThat(signed).isNotEmptyFile();
  }

  private static Run sign(Path output, String... password) throws Exception {
    List<String> args = signArgs(output);
    args.addAll(List.of(password));
    return dx(args.toArray(new String[0]));
  }

  /** {@code dx sign} of a blank draft by the chairman, without a password. */
  private static List<String> signArgs(Path output) throws Exception {
    Path draft = Files.exists(dir.resolve("draft.pdf")) ? dir.resolve("draft.pdf") : blankPdf("draft.pdf");
    return new ArrayList<>(List.of("sign", draft.toString(), "-o", output.toString(), "--key",
        hub.pkcs12(pki.credential(DemoSet.CHAIRMAN), dir.resolve("chairman.p12")).toString(), "--image",
        resource("sample-signature.png").toString(), "--name", "Phạm Văn Mẫu", "--position", "Chủ tịch"));
  }

  private static Path roots() throws Exception {
    return hub.pem(dir.resolve("roots.pem"));
  }

  private static List<Path> files(Path directory) throws IOException {
    try (Stream<Path> s = Files.list(directory)) {
      return s.sorted().toList();
    }
  }
}
