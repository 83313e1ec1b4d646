package vn.lienthong.client.dx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import vn.lienthong.client.ExchangeClient;
import vn.lienthong.core.pki.PkiException;
import vn.lienthong.core.pki.SigningKey;

/** Where the hub is and who the unit is: the options every hub command shares. */
final class HubOptions {

  @Option(names = "--hub", required = true, paramLabel = "URL", defaultValue = "${env:DX_HUB}",
      description = "the hub, e.g. https://127.0.0.1:8443/exchange (default: $DX_HUB)")
  String hub;

  @ArgGroup(exclusive = false, multiplicity = "1", heading = "The unit's system key:%n")
  KeyOptions key;

  @Option(names = "--trust", required = true, paramLabel = "PEM", defaultValue = "${env:DX_TRUST}",
      description = "the roots the hub's certificate chains to, PEM (default: $DX_TRUST)")
  Path trust;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "${env:DX_TIMEOUT:-600}",
      description = "how long one attempt waits for the hub's answer; five attempts are made "
          + "(default 600, or $DX_TIMEOUT)")
  long timeoutSeconds;

  /** The unit's key, loaded once per command. */
  SigningKey signingKey() throws PkiException {
    return key.load();
  }

  ExchangeClient connect(SigningKey unitKey) throws IOException, GeneralSecurityException {
    if (timeoutSeconds < 1) {
      throw new IllegalArgumentException("--timeout must be at least 1 second: " + timeoutSeconds);
    }
    return ExchangeClient.builder().hub(hub).identity(unitKey).trustedRoots(roots(trust))
        .timeouts(Duration.ofSeconds(Math.min(10, timeoutSeconds)), Duration.ofSeconds(timeoutSeconds))
        .progress(ProgressBar.onTerminal()).build();
  }

  static List<X509Certificate> roots(Path pem) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(pem)) {
      return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
          .map(X509Certificate.class::cast).toList();
    }
  }
}
