package vn.lienthong.client.dx;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import vn.lienthong.core.pki.PkiException;
import vn.lienthong.core.pki.SigningKey;

/**
 * A key: a PKCS#12 file or a PKCS#11 token, its password or PIN from an option, the environment or a
 * prompt, in this order (see {@link #secret}).
 */
final class KeyOptions {

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(names = "--password", description = "password or PIN (default: --password-file, else $DX_PASSWORD or "
      + "$DX_PASSWORD_FILE, else asked: an option beats the environment; both options, or both variables, "
      + "are refused)",
      interactive = true, arity = "0..1")
  char[] password;

  @Option(names = "--password-file", paramLabel = "FILE", description = "read the password or PIN from the "
      + "first line of FILE (UTF-8; the line ending is not part of it): a file only its owner reads, where "
      + "$DX_PASSWORD would show in the process's environment")
  Path passwordFile;

  @Option(names = "--alias", description = "the key's alias when the store holds several")
  String alias;

  static final class Source {
    @Option(names = "--key", paramLabel = "FILE", description = "PKCS#12 file (.p12) with the key and its chain")
    Path pkcs12;

    @Option(names = "--pkcs11", paramLabel = "CONFIG", description = "SunPKCS11 configuration of the token")
    Path pkcs11;
  }

  /**
   * The password asked for, as the option's help says ("else asked"): on the terminal without echo, or
   * without one a line of standard input (as picocli reads {@code --password} given without a value).
   */
  static char[] ask(Path what) {
    Console console = System.console();
    if (console != null) {
      char[] typed = console.readPassword("Mật khẩu / password (%s): ", what);
      return typed == null ? new char[0] : typed;
    }
    try {
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      return line == null ? new char[0] : line.toCharArray();
    } catch (IOException e) {
      return new char[0];
    }
  }

  SigningKey load() throws PkiException {
    char[] secret = secret(System.getenv());
    try {
      return source.pkcs12 != null ? SigningKey.fromPkcs12(source.pkcs12, secret, alias)
          : SigningKey.fromPkcs11(source.pkcs11, secret, alias);
    } finally {
      java.util.Arrays.fill(secret, '\0');
    }
  }

  /**
   * The password or PIN: the command line before the environment, and the environment before a
   * prompt. {@code --password} (not empty) or {@code --password-file}, not both; else
   * {@code $DX_PASSWORD} (even empty, as before) or {@code $DX_PASSWORD_FILE} (an empty one counts
   * as unset), not both; else asked. Two at one level is a usage error: which one was meant cannot
   * be told.
   */
  char[] secret(Map<String, String> environment) {
    boolean typed = password != null && password.length > 0;
    if (typed && passwordFile != null) {
      throw new Dx.UsageError("--password and --password-file: give one of them");
    }
    if (typed) {
      return password.clone();
    }
    if (passwordFile != null) {
      return PasswordFile.read(passwordFile);
    }
    String value = environment.get("DX_PASSWORD");
    String file = environment.get("DX_PASSWORD_FILE");
    boolean hasFile = file != null && !file.isEmpty();
    if (value != null && hasFile) {
      throw new Dx.UsageError("$DX_PASSWORD and $DX_PASSWORD_FILE are both set: unset one of them");
    }
    if (value != null) {
      return value.toCharArray();
    }
    if (hasFile) {
      return PasswordFile.read(Path.of(file));
    }
    return ask(source.pkcs12 != null ? source.pkcs12 : source.pkcs11);
  }
}
