package vn.lienthong.client.dx;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import vn.lienthong.core.pki.PkiException;
import vn.lienthong.core.pki.SigningKey;

/** A key: a PKCS#12 file or a PKCS#11 token, its password or PIN from an option, the environment or a prompt. */
final class KeyOptions {

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(names = "--password", description = "password or PIN (default: $DX_PASSWORD, else asked)",
      interactive = true, arity = "0..1")
  char[] password;

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
    char[] secret = password;
    if (secret == null || secret.length == 0) {
      String env = System.getenv("DX_PASSWORD");
      secret = env != null ? env.toCharArray() : ask(source.pkcs12 != null ? source.pkcs12 : source.pkcs11);
    }
    return source.pkcs12 != null ? SigningKey.fromPkcs12(source.pkcs12, secret, alias)
        : SigningKey.fromPkcs11(source.pkcs11, secret, alias);
  }
}
