package vn.lienthong.client.dx;

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

  SigningKey load() throws PkiException {
    char[] secret = password;
    if (secret == null || secret.length == 0) {
      String env = System.getenv("DX_PASSWORD");
      secret = env == null ? new char[0] : env.toCharArray();
    }
    return source.pkcs12 != null ? SigningKey.fromPkcs12(source.pkcs12, secret, alias)
        : SigningKey.fromPkcs11(source.pkcs11, secret, alias);
  }
}
