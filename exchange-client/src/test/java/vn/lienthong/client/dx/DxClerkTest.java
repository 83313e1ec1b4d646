package vn.lienthong.client.dx;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.client.dx.DxTest.dx;
import static vn.lienthong.sample.pki.DemoSet.FINANCE;
import static vn.lienthong.sample.pki.DemoSet.HOME_AFFAIRS;
import static vn.lienthong.sample.pki.DemoSet.PROVINCE;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import vn.lienthong.client.TestHubAccess;
import vn.lienthong.client.dx.DxTest.Run;
import vn.lienthong.sample.pki.DemoSet;

/** dx as clerks and auditors run it: text from other units, passwords, missing files, what the files written look like. */
class DxClerkTest extends DxHubTest {

  @Test
  void aSendersSubjectCannotForgeALineOfTheRecipientsInbox() throws Exception {
    Path pdf = TestHubAccess.signedPdf(pki, ca.urls().tsa(), dir, "cong-van.pdf", PROVINCE, 20_000);
    String forged = "V/v họp\n777      DOCUMENT 000.00.01.H49   GIA-MAO                         V/v giả  lease abc\n"
        + "\u202Eabc";
    Run send = dx(hubArgs(PROVINCE, "send", "--to", HOME_AFFAIRS, "--id", "TEXT-1", "--subject", forged,
        pdf.toString()));
    assertThat(send.exit()).as(send.err()).isZero();

    Run inbox = dx(hubArgs(HOME_AFFAIRS, "inbox"));
    assertThat(inbox.exit()).as(inbox.err()).isZero();
    // header, one message, the count: a line break in the subject makes no line of its own
    assertThat(inbox.out().lines().filter(l -> l.startsWith("777")).toList()).as(inbox.out()).isEmpty();
    assertThat(inbox.out()).doesNotContain("\u202E");

    Run search = dx(hubArgs(PROVINCE, "search", "--id", "TEXT-1"));
    assertThat(search.exit()).as(search.err()).isZero();
    assertThat(search.out().lines().filter(l -> l.startsWith("777")).toList()).as(search.out()).isEmpty();
  }

  @Test
  void aRecipientsDescriptionCannotForgeAnotherRecipientsTrace() throws Exception {
    Path pdf = TestHubAccess.signedPdf(pki, ca.urls().tsa(), dir, "cong-van-2.pdf", PROVINCE, 20_000);
    Run send = dx(hubArgs(PROVINCE, "send", "--to", HOME_AFFAIRS, "--to", FINANCE, "--id", "TEXT-2", "--code",
        "9/UBND", "--subject", "V/v báo cáo", pdf.toString()));
    assertThat(send.exit()).as(send.err()).isZero();
    Run status = dx(hubArgs(HOME_AFFAIRS, "status", "02", "--sender", PROVINCE, "--id", "TEXT-2", "--code", "9/UBND",
        "--date", java.time.LocalDate.now(java.time.ZoneOffset.ofHours(7)).toString(),
        "--description", "thiếu phụ lục\n  " + FINANCE + "   CONFIRMED\n      06  2026-11-26T00:00:00Z  x  xong"));
    assertThat(status.exit()).as(status.err()).isZero();

    Run traces = dx(hubArgs(PROVINCE, "traces", "TEXT-2"));
    assertThat(traces.exit()).as(traces.err()).isZero();
    // Finance has confirmed nothing: only the hub's own line for it, PENDING
    assertThat(traces.out().lines().filter(l -> l.strip().startsWith(FINANCE)).toList()).as(traces.out())
        .singleElement().asString().contains("PENDING");
  }

  /** The README: "--password, else $DX_PASSWORD", and the option's help: "else asked". */
  @Test
  void withoutPasswordOptionNorEnvironmentThePasswordIsAsked() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("DX_PASSWORD") == null, "DX_PASSWORD is set");
    java.io.InputStream stdin = System.in;
    System.setIn(new java.io.ByteArrayInputStream("test\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    try {
      Run units = dx("units", HOME_AFFAIRS, "--hub", hub.address(), "--key",
          hub.pkcs12(pki.system(PROVINCE), dir.resolve("system-" + PROVINCE + ".p12")).toString(),
          "--trust", hub.pem(dir.resolve("roots.pem")).toString());
      assertThat(units.exit()).as(units.err()).isZero();
      assertThat(units.out()).contains("Sở Nội vụ");
    } finally {
      System.setIn(stdin);
    }
    // a wrong one is said in Vietnamese too, as the rest of dx's refusals
    Run wrong = dx("units", HOME_AFFAIRS, "--hub", hub.address(), "--key",
        dir.resolve("system-" + PROVINCE + ".p12").toString(), "--password", "sai", "--trust",
        dir.resolve("roots.pem").toString());
    assertThat(wrong.exit()).isEqualTo(Dx.LOCAL);
    assertThat(wrong.err()).startsWith("dx: Sai mật khẩu / Wrong password for");
  }

  /** dx verify-evidence says so for a missing bundle (5); dx verify called a missing file "not valid" (6). */
  @Test
  void aMissingFileIsALocalFailureNotAnInvalidDocument() throws Exception {
    Path roots = hub.pem(dir.resolve("roots.pem"));
    Path report = dir.resolve("missing-report.html");
    Run verify = dx("verify", dir.resolve("khong-co.pdf").toString(), "--trust", roots.toString(), "--offline",
        "--report", report.toString());
    assertThat(verify.exit()).as(verify.out() + verify.err()).isEqualTo(Dx.LOCAL);
    assertThat(verify.err()).contains("no such file").contains("khong-co.pdf");
    assertThat(report).doesNotExist();
    Run evidence = dx("verify-evidence", dir.resolve("khong-co.zip").toString(), "--trust", roots.toString());
    assertThat(evidence.exit()).isEqualTo(Dx.LOCAL);
    // a missing --trust file: said in words, not as a Java exception
    Run noRoots = dx("verify", blankPdf("blank.pdf").toString(), "--trust", dir.resolve("khong-co.pem").toString());
    assertThat(noRoots.exit()).isEqualTo(Dx.LOCAL);
    assertThat(noRoots.err()).contains("no such file").contains("khong-co.pem").doesNotContain("java.");
  }

  /** A signed PDF, a fetched envelope and an evidence bundle are created as any file is (the umask), not 0600. */
  @Test
  void filesDxWritesAreReadableAsTheUmaskAllows() throws Exception {
    Path reference = java.nio.file.Files.writeString(dir.resolve("reference.txt"), "x");
    java.util.Set<java.nio.file.attribute.PosixFilePermission> expected =
        java.nio.file.Files.getPosixFilePermissions(reference);
    org.junit.jupiter.api.Assumptions.assumeTrue(expected.contains(
        java.nio.file.attribute.PosixFilePermission.OTHERS_READ), "a umask that lets others read");
    Path signed = dir.resolve("to-trinh-ky.pdf");
    Run sign = dx("sign", blankPdf("to-trinh.pdf").toString(), "-o", signed.toString(), "--key",
        hub.pkcs12(pki.credential(DemoSet.CHAIRMAN), dir.resolve("chairman.p12")).toString(), "--password", "test",
        "--image", resource("sample-signature.png").toString(), "--name", "Phạm Văn Mẫu", "--position", "Chủ tịch");
    assertThat(sign.exit()).as(sign.err()).isZero();
    assertThat(java.nio.file.Files.getPosixFilePermissions(signed)).isEqualTo(expected);

    Path pdf = TestHubAccess.signedPdf(pki, ca.urls().tsa(), dir, "cong-van-3.pdf", PROVINCE, 20_000);
    Path kept = dir.resolve("kept.edxml");
    Run send = dx(hubArgs(PROVINCE, "send", "--to", FINANCE, "--id", "PERM-1", "--subject", "V/v quyền tệp",
        "--envelope", kept.toString(), pdf.toString()));
    assertThat(send.exit()).as(send.err()).isZero();
    assertThat(java.nio.file.Files.getPosixFilePermissions(kept)).isEqualTo(expected);
    Run inbox = dx(hubArgs(FINANCE, "inbox"));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^(\\d+)\\s+DOCUMENT\\s+\\S+\\s+PERM-1")
        .matcher(inbox.out());
    assertThat(m.find()).as(inbox.out()).isTrue();
    Path fetched = dir.resolve("den-perm").resolve("m.edxml");
    Run fetch = dx(hubArgs(FINANCE, "fetch", m.group(1), "-o", fetched.toString()));
    assertThat(fetch.exit()).as(fetch.err()).isZero();
    assertThat(java.nio.file.Files.getPosixFilePermissions(fetched)).isEqualTo(expected);
  }

  /**
   * A hub that is down, as {@code java -jar dx.jar} runs (its own JVM, no SLF4J binding, so CXF logs through
   * java.util.logging to the terminal): one line saying so and exit 3; CXF printed "INFO: Creating Service" and a
   * WARNING with a 60-line stack trace for each of the five attempts.
   */
  @Test
  void aHubThatIsDownIsOneLineNotFiveStackTraces() throws Exception {
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    // dx.jar's class path: this one without the tests' SLF4J binding, nor the hub (in a reactor build its
    // exchange-server.jar names lib/slf4j-simple in its manifest's Class-Path, which java follows)
    String classPath = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .filter(e -> !e.contains("slf4j-simple") && !java.nio.file.Path.of(e).getFileName().toString()
            .startsWith("exchange-server") && !e.contains("exchange-server" + java.io.File.separator + "target"))
        .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
        Dx.class.getName(), "units", HOME_AFFAIRS, "--hub", "https://127.0.0.1:" + closed + "/exchange", "--key",
        hub.pkcs12(pki.system(PROVINCE), dir.resolve("system-" + PROVINCE + ".p12")).toString(), "--password",
        "test", "--trust", hub.pem(dir.resolve("roots.pem")).toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(err).isEqualTo(Dx.UNREACHABLE);
    assertThat(err.lines().toList()).as(err).singleElement().asString().startsWith("dx: TRANSPORT");
  }

  /**
   * An insider removes a thousand entries of the audit log in a row: the auditor's own check read
   * page after page until one came back empty, and said "OK, 1000 entries" over what it had read
   * (only the hub's verdict, which a hub's operator controls, said otherwise).
   */
  @Test
  void aThousandEntriesRemovedInARowAreFoundHereToo() throws Exception {
    vn.lienthong.server.audit.AuditTrail trail = new vn.lienthong.server.audit.AuditTrail(hub.database(),
        java.time.Clock.systemUTC());
    while (hub.client(TestHubAccess.AUDITOR).auditLog(1, 1).headSequence() < 2100) {
      for (int i = 0; i < 100; i++) {
        trail.recordRead(TestHubAccess.AUDITOR, "AUDIT_READ", null, "filler " + i);
      }
    }
    hub.database().autoCommit(c -> {
      try (var ps = c.prepareStatement("DELETE FROM audit_event WHERE seq BETWEEN 1001 AND 2000")) {
        return ps.executeUpdate();
      }
    });
    Run verify = dx(DxTest.audit(TestHubAccess.AUDITOR, "verify"));
    assertThat(verify.exit()).as(verify.err()).isEqualTo(VerifyCommand.NOT_VALID);
    assertThat(verify.out().lines().filter(l -> l.startsWith("here")).toList()).as(verify.out()).singleElement()
        .asString().contains("REMOVED").contains("1001");
  }

  /**
   * A hub that takes the connection and never answers: each of the five attempts waited the
   * library's 10-minute receive timeout (about 50 minutes for the clerk); {@code --timeout} bounds it.
   */
  @Test
  void aHubThatNeverAnswersIsGivenUpAfterTheTimeoutAsked() throws Exception {
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      long t0 = System.nanoTime();
      Run units = dx("units", HOME_AFFAIRS, "--hub", "https://127.0.0.1:" + silent.getLocalPort() + "/exchange",
          "--key", hub.pkcs12(pki.system(PROVINCE), dir.resolve("system-" + PROVINCE + ".p12")).toString(),
          "--password", "test", "--trust", hub.pem(dir.resolve("roots.pem")).toString(), "--timeout", "1");
      long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
      assertThat(units.exit()).as(units.err()).isEqualTo(Dx.UNREACHABLE);
      assertThat(seconds).as("seconds until dx gave up").isLessThan(30);
    }
  }
}
