package vn.lienthong.client.dx;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import vn.lienthong.client.ExchangeClient;
import vn.lienthong.core.pki.PkiException;

/**
 * Holds {@link HubOptions} as a group for every hub command, with what those commands share: the
 * connection as the unit, the command's output and where a download goes.
 */
final class HubMixin {

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @ArgGroup(exclusive = false, multiplicity = "1", heading = "The hub:%n")
  HubOptions options;

  /** A client of the hub, authenticated with the unit's key. */
  ExchangeClient connect() throws IOException, GeneralSecurityException, PkiException {
    return options.connect(options.signingKey());
  }

  /** Where the command prints. */
  PrintWriter out() {
    return command.commandLine().getOut();
  }

  /**
   * Where a download goes: {@code output} itself, or {@code fileName} in it when it is a directory:
   * one that exists, or one written as such ({@code den/}: created if missing).
   */
  static Path target(String output, String fileName) {
    Path path = Path.of(output);
    boolean directory = output.endsWith("/") || output.endsWith(java.io.File.separator) || Files.isDirectory(path);
    return directory ? path.resolve(fileName) : path;
  }
}
