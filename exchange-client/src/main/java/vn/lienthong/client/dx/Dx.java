package vn.lienthong.client.dx;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import vn.lienthong.client.ExchangeException;
import vn.lienthong.core.pdf.PdfSigningException;
import vn.lienthong.core.pki.PkiException;
import vn.lienthong.core.validation.ShownText;

/** {@code dx}: the clerk's command line of the Liên Thông exchange. */
@Command(name = "dx", mixinStandardHelpOptions = true, version = "dx 0.1.0",
    description = "Trục liên thông văn bản: ký, đóng dấu, gửi, nhận và theo dõi văn bản điện tử.%n"
        + "The Liên Thông exchange from the command line: sign, seal, send, receive and track documents.",
    subcommands = {SignCommand.class, SealCommand.class, SendCommand.class, InboxCommand.class, FetchCommand.class,
        ConfirmCommand.class, StatusCommand.class, TracesCommand.class, SearchCommand.class, UnitsCommand.class,
        VerifyCommand.class, AuditCommand.class, EvidenceCommand.class, VerifyEvidenceCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:done",
        "1:refused by the hub (the reason is printed: a fault code and its message)",
        "2:wrong usage (unknown option, missing argument)",
        "3:the hub could not be reached, after the retries",
        "4:not authenticated or not authorized (key, certificate, role)",
        "5:a local failure (file, key, PDF signing)",
        "6:dx verify: the file is not valid (TOTAL_FAILED or INDETERMINATE); dx verify-evidence: the bundle is "
            + "not valid; dx audit verify: the log is broken"},
    footerHeading = "%nExamples:%n",
    footer = {
        "  dx sign to-trinh.pdf -o signed.pdf --key chu-tich.p12 --image chu-ky.png --name \"Phạm Văn Mẫu\" "
            + "--position \"Chủ tịch\" --anchor \"[[CHU_KY]]\"",
        "  dx seal signed.pdf -o sealed.pdf --key con-dau.p12 --image con-dau.png --organization \"UBND tỉnh Quảng Ninh\"",
        "  dx send --hub https://hub:8443/exchange --key system.p12 --trust roots.pem --to 000.00.03.H49 "
            + "--id UBND-2026-0412 --subject \"V/v ...\" sealed.pdf",
        "  dx inbox --hub ... ;  dx fetch 42 -o in/ ;  dx confirm 42 --lease TOKEN",
        "  dx status 03 --hub ... --sender 000.00.00.H49 --id UBND-2026-0412 --code 412/UBND-VP --date 2026-11-26",
        "  dx traces UBND-2026-0412 --hub ... ;  dx units --hub ...",
        "  dx search --hub ... --direction SENT --text \"kế hoạch\" --from 2026-11-01",
        "  dx search --hub ... --key system-000.00.01.H49.p12 --unit 000.00.00.H49 --all",
        "  dx verify sealed.pdf --trust roots.pem --sender 000.00.00.H49 --report report.html",
        "  dx audit verify --hub ... --key system-000.00.01.H49.p12 ;  dx audit list --from 1 --max 50",
        "  dx evidence 42 -o evidence-42.zip --hub ... ;  dx verify-evidence evidence-42.zip --trust roots.pem"})
public final class Dx {

  static final int REFUSED = 1;
  static final int USAGE = 2;
  static final int UNREACHABLE = 3;
  static final int NOT_ALLOWED = 4;
  static final int LOCAL = 5;

  /**
   * CXF's own logging, off: without an SLF4J binding (dx.jar has none) it goes through java.util.logging to the
   * terminal, an INFO line for every command and a WARNING with a stack trace for every failed attempt, while dx
   * says in one line what failed. Held here: java.util.logging keeps its loggers weakly.
   */
  private static final Logger CXF_LOG = Logger.getLogger("org.apache.cxf");

  private Dx() {}

  /**
   * A mistake in how dx was called that only running finds (a password file that cannot be read, two
   * passwords given): exit 2 as picocli's own usage errors, said in one line.
   */
  static final class UsageError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UsageError(String message) {
      super(message);
    }
  }

  /** Runs {@code dx} and exits with its code. */
  public static void main(String[] args) {
    // SLF4J's "no providers were found" (CXF looks for a binding), three lines on every command
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "ERROR");
    }
    CXF_LOG.setLevel(Level.OFF);
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    System.exit(run(out, err, args));
  }

  /** Runs {@code dx} with these streams (UTF-8), answers the exit code. */
  public static int run(PrintStream out, PrintStream err, String... args) {
    CommandLine cl = new CommandLine(Dx.class);
    cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cl.setExitCodeExceptionMapper(Dx::exitCode);
    cl.setExecutionExceptionHandler((e, line, parsed) -> {
      line.getErr().println("dx: " + ShownText.visible(describe(e)));
      return exitCode(e);
    });
    return cl.execute(args);
  }

  /**
   * Prints one line made of {@code format} and {@code args}: text the hub hands on from other units (a subject, a
   * status's description, a name) cannot break it into lines of its own, nor hide or reorder what follows.
   */
  static void line(PrintWriter out, String format, Object... args) {
    out.println(ShownText.visible(String.format(format, args)));
  }

  static int exitCode(Throwable e) {
    if (e instanceof ExchangeException x) {
      return switch (x.code()) {
        case TRANSPORT, UNAVAILABLE -> UNREACHABLE;
        case NOT_AUTHENTICATED, NOT_AUTHORIZED -> NOT_ALLOWED;
        default -> REFUSED;
      };
    }
    if (e instanceof CommandLine.ParameterException || e instanceof UsageError) {
      return USAGE;
    }
    return LOCAL;
  }

  static String describe(Throwable e) {
    if (e instanceof ExchangeException x) {
      return x.code() + ": " + x.getMessage() + x.field().map(f -> " [" + f + "]").orElse("");
    }
    if (e instanceof PdfSigningException p) {
      return p.code() + ": " + p.getMessage();
    }
    if (e instanceof NoSuchFileException f) {
      return "Không có tệp / no such file: " + f.getFile();
    }
    if (e instanceof AccessDeniedException f) {
      return "Không được phép đọc hoặc ghi / access denied: " + f.getFile();
    }
    if (e instanceof PkiException p) {
      return switch (p.reason()) {
        case WRONG_PASSWORD -> "Sai mật khẩu / ";
        case KEY_NOT_FOUND -> "Không có khóa / ";
        case KEYSTORE_UNAVAILABLE -> "Không đọc được kho khóa / ";
        default -> "Khóa hoặc chứng thư số không dùng được / ";
      } + p.getMessage();
    }
    if (e instanceof UncheckedIOException || e instanceof IllegalArgumentException
        || e instanceof IllegalStateException) {
      return e.getMessage();
    }
    return e.toString();
  }
}
