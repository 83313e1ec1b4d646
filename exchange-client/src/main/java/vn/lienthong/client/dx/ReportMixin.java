package vn.lienthong.client.dx;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vn.lienthong.core.files.PartFiles;

/** The {@code --report} option of {@code dx verify} and {@code dx verify-evidence}: the full report as a file. */
final class ReportMixin {

  /** One way of writing a report to a stream: {@code writeHtml}, {@code writeJson} or {@code writeXml}. */
  @FunctionalInterface
  interface Writer {
    void write(OutputStream out) throws IOException;
  }

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--report", paramLabel = "FILE", description = "write the full report: .html, .json or .xml")
  Path report;

  /** Refuses a report file that is neither .html, .json nor .xml, before anything is verified. */
  void checkFormat() {
    if (report != null && !format().matches("html|json|xml")) {
      throw new IllegalArgumentException("--report must end in .html, .json or .xml: " + report);
    }
  }

  /**
   * Writes the report, when asked for, with the writer its file name asks for, and says where: whole
   * or not at all ({@link PartFiles#write}), an earlier report of that name kept until the new one is done.
   */
  void write(Writer html, Writer json, Writer xml) {
    if (report == null) {
      return;
    }
    Writer writer = switch (format()) {
      case "html" -> html;
      case "json" -> json;
      default -> xml;
    };
    try {
      PartFiles.write(report, writer::write);
    } catch (IOException e) {
      throw new UncheckedIOException("Không ghi được / " + e.getMessage(), e);
    }
    command.commandLine().getOut().println("Báo cáo / report: " + report);
  }

  private String format() {
    String name = report.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
