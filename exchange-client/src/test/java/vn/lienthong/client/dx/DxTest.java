package vn.lienthong.client.dx;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.sample.pki.DemoSet.FINANCE;
import static vn.lienthong.sample.pki.DemoSet.HOME_AFFAIRS;
import static vn.lienthong.sample.pki.DemoSet.PROVINCE;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vn.lienthong.client.TestHubAccess;
import vn.lienthong.sample.pki.DemoSet;
import vn.lienthong.sample.pki.KeyKind;
import vn.lienthong.sample.pki.SamplePki;

/** The clerk's walk-through with {@code dx}: sign, seal, send, inbox, fetch, confirm, status, traces, units. */
class DxTest extends DxHubTest {

  record Run(int exit, String out, String err) {}

  static Run dx(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Dx.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
        StandardCharsets.UTF_8), args);
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theClerksWalkThrough() throws Exception {
    Path draft = blankPdf("to-trinh.pdf");
    Run sign = dx("sign", draft.toString(), "-o", dir.resolve("signed.pdf").toString(), "--key",
        hub.pkcs12(pki.credential(DemoSet.CHAIRMAN), dir.resolve("chairman.p12")).toString(), "--password", "test",
        "--image", resource("sample-signature.png").toString(), "--name", "Phạm Văn Mẫu", "--position", "Chủ tịch");
    assertThat(sign.exit()).as(sign.err()).isZero();
    Run seal = dx("seal", dir.resolve("signed.pdf").toString(), "-o", dir.resolve("sealed.pdf").toString(), "--key",
        hub.pkcs12(pki.seal(PROVINCE), dir.resolve("seal.p12")).toString(), "--password", "test", "--image",
        resource("sample-seal.png").toString(), "--organization", "Ủy ban nhân dân tỉnh Quảng Ninh");
    assertThat(seal.exit()).as(seal.err()).isZero();
    assertThat(new String(Files.readAllBytes(dir.resolve("sealed.pdf")), StandardCharsets.ISO_8859_1))
        .contains("/ByteRange").containsPattern("(?s)/ByteRange.*/ByteRange");

    Run send = dx(hubArgs(PROVINCE, "send", "--to", HOME_AFFAIRS, "--to", FINANCE, "--id", "DX-1", "--code",
        "7/UBND-VP", "--subject", "V/v thử nghiệm dòng lệnh dx", dir.resolve("sealed.pdf").toString()));
    assertThat(send.exit()).as(send.err()).isZero();
    assertThat(send.out()).contains("DX-1").contains("2 recipients");

    Run inbox = dx(hubArgs(HOME_AFFAIRS, "inbox"));
    assertThat(inbox.out()).contains("DX-1").contains("V/v thử nghiệm dòng lệnh dx");
    Matcher m = Pattern.compile("(?m)^(\\d+)\\s+DOCUMENT.*lease (\\w+)$").matcher(inbox.out());
    assertThat(m.find()).as(inbox.out()).isTrue();
    // "-o den/": a directory, created (it did not exist), the file named after the message
    Run fetch = dx(hubArgs(HOME_AFFAIRS, "fetch", m.group(1), "-o", dir.resolve("den") + "/"));
    assertThat(fetch.exit()).as(fetch.err()).isZero();
    assertThat(dir.resolve("den").resolve("message-" + m.group(1) + ".edxml")).isNotEmptyFile();
    // a place that cannot be written is a local failure (5), not the hub unreachable after retries (3)
    Path plainFile = Files.writeString(dir.resolve("plain-file"), "x");
    Run unwritable = dx(hubArgs(HOME_AFFAIRS, "fetch", m.group(1), "-o", plainFile.resolve("in.edxml").toString()));
    assertThat(unwritable.exit()).as(unwritable.err()).isEqualTo(5);
    assertThat(unwritable.err()).contains("cannot write");
    assertThat(dx(hubArgs(HOME_AFFAIRS, "confirm", m.group(1), "--lease", m.group(2))).exit()).isZero();
    Run status = dx(hubArgs(HOME_AFFAIRS, "status", "03", "--sender", PROVINCE, "--id", "DX-1", "--code", "7/UBND-VP",
        "--date", java.time.LocalDate.now(java.time.ZoneOffset.ofHours(7)).toString(), "--clerk", "Nguyễn Thị Văn Thư"));
    assertThat(status.exit()).as(status.err()).isZero();

    Run traces = dx(hubArgs(PROVINCE, "traces", "DX-1"));
    assertThat(traces.out()).containsPattern("(?s)" + Pattern.quote(HOME_AFFAIRS) + " +CONFIRMED.*01.*03");
    assertThat(traces.out()).containsPattern(Pattern.quote(FINANCE) + " +PENDING");

    Run search = dx(hubArgs(PROVINCE, "search", "--id", "DX-1", "--from",
        java.time.LocalDate.now(java.time.ZoneOffset.ofHours(7)).minusDays(1).toString()));
    assertThat(search.exit()).as(search.err()).isZero();
    // the province's sent document (1 of 2 confirmed) and Home Affairs' statuses 01 and 03 back to it
    assertThat(search.out()).containsPattern("(?m)^\\d+ +SENT +DOCUMENT +" + Pattern.quote(PROVINCE)
        + " +DX-1 .* 1/2 confirmed .*V/v thử nghiệm dòng lệnh dx$");
    assertThat(search.out()).containsPattern("(?m)^\\d+ +RECEIVED +STATUS 03 +" + Pattern.quote(HOME_AFFAIRS));
    assertThat(search.out()).contains("3 message(s)");
    Run refused = dx(hubArgs(FINANCE, "search", "--unit", PROVINCE));
    assertThat(refused.exit()).isEqualTo(4);
    assertThat(refused.err()).contains("NOT_AUTHORIZED");

    Run unit = dx(hubArgs(PROVINCE, "units", HOME_AFFAIRS));
    assertThat(unit.out()).contains("Sở Nội vụ");
  }

  @Test
  void signingWithATimeStampChecksTheTsaAgainstTheGivenRoots() throws Exception {
    Path draft = blankPdf("bao-cao.pdf");
    String[] common = {"--key", hub.pkcs12(pki.credential(DemoSet.CHAIRMAN), dir.resolve("chairman.p12")).toString(),
        "--password", "test", "--image", resource("sample-signature.png").toString(), "--name", "Phạm Văn Mẫu",
        "--position", "Chủ tịch", "--level", "B_T", "--tsa", ca.urls().tsa().toString()};
    Path stamped = dir.resolve("bao-cao-ky.pdf");
    Run ok = dx(concat(new String[] {"sign", draft.toString(), "-o", stamped.toString(), "--trust",
        hub.pem(dir.resolve("roots.pem")).toString()}, common));
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(stamped).exists();

    Path otherRoots = dir.resolve("other-roots.pem");
    SamplePki other = DemoSet.generator(KeyKind.EC_P256, ca.urls()).units(List.of()).build().generate();
    Files.writeString(otherRoots, other.trustAnchors().stream().map(SamplePki::pem).reduce("", String::concat));
    Path refusedOut = dir.resolve("bao-cao-khong-ky.pdf");
    Run refused = dx(concat(new String[] {"sign", draft.toString(), "-o", refusedOut.toString(), "--trust",
        otherRoots.toString()}, common));
    assertThat(refused.exit()).isEqualTo(Dx.LOCAL);
    assertThat(refused.err()).contains("TSA_UNAVAILABLE").contains("does not chain to a trusted root");
    assertThat(refusedOut).doesNotExist();
  }

  static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void exitCodesTellRefusalsFromUsageErrors() throws Exception {
    assertThat(dx(hubArgs(HOME_AFFAIRS, "status", "07", "--sender", PROVINCE, "--id", "X", "--code", "1/X", "--date",
        "2026-11-26")).exit()).isEqualTo(Dx.USAGE);
    Run refused = dx(hubArgs(HOME_AFFAIRS, "confirm", "987654", "--lease", "nope"));
    assertThat(refused.exit()).isEqualTo(Dx.REFUSED);
    assertThat(refused.err()).startsWith("dx: UNKNOWN_MESSAGE");
    assertThat(dx("sign").exit()).isEqualTo(Dx.USAGE);
    Run help = dx("--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("Exit codes:").contains("Examples:").contains("Trục liên thông");
  }

  @Test
  void anAuditorListsAndVerifiesTheAuditLogAUnitMayNot() throws Exception {
    Run list = dx(audit(TestHubAccess.AUDITOR, "list", "--from", "1", "--max", "5"));
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out()).containsPattern("(?m)^ +1  \\S+  REGISTRY_").contains("head ");
    Run verify = dx(audit(TestHubAccess.AUDITOR, "verify"));
    assertThat(verify.exit()).as(verify.err()).isZero();
    assertThat(verify.out()).containsPattern("hub / theo trục +OK").containsPattern("here / tại đây +OK");
    Run refused = dx(audit(HOME_AFFAIRS, "verify"));
    assertThat(refused.exit()).isEqualTo(Dx.NOT_ALLOWED);
    assertThat(refused.err()).startsWith("dx: NOT_AUTHORIZED");
  }

  /** {@code dx audit SUBCOMMAND --hub … ARGS…}. */
  static String[] audit(String unit, String subcommand, String... rest) throws Exception {
    List<String> all = new ArrayList<>(List.of("audit"));
    all.addAll(List.of(hubArgs(unit, subcommand, rest)));
    return all.toArray(new String[0]);
  }
}
