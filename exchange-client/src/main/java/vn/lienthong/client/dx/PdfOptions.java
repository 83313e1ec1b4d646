package vn.lienthong.client.dx;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.lienthong.core.pdf.PadesLevel;
import vn.lienthong.core.pdf.PdfSigner;
import vn.lienthong.core.pdf.PdfSigningException;
import vn.lienthong.core.pdf.SignatureOptions;
import vn.lienthong.core.pki.PkiException;

/** What {@code dx sign} and {@code dx seal} share: input, output, key, level, time stamp authority. */
final class PdfOptions {

  @Parameters(index = "0", paramLabel = "PDF", description = "the PDF to sign")
  Path in;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "PDF", description = "the signed PDF to write")
  Path out;

  @ArgGroup(exclusive = false, multiplicity = "1", heading = "The signing key:%n")
  KeyOptions key;

  @Option(names = "--level", defaultValue = "B_B", description = "PAdES level: ${COMPLETION-CANDIDATES} "
      + "(B_T and above need --tsa)")
  PadesLevel level;

  @Option(names = "--tsa", paramLabel = "URL", description = "RFC 3161 time stamp authority")
  URI tsa;

  @Option(names = "--trust", paramLabel = "PEM", defaultValue = "${env:DX_TRUST}",
      description = "roots the time stamp authority's certificate must chain to, and that end the chains of B_LT "
          + "(default: $DX_TRUST; none: a time stamp is accepted on its own checks)")
  Path trust;

  void sign(SignatureOptions.Builder options, Clock clock)
      throws PkiException, PdfSigningException, IOException, GeneralSecurityException {
    PdfSigner.Builder b = PdfSigner.builder().clock(clock).random(new SecureRandom());
    if (tsa != null) {
      b.timeStampAuthority(tsa);
    }
    if (trust != null) {
      b.trustAnchors(HubOptions.roots(trust));
    }
    b.build().sign(in, out, key.load(), options.level(level).build());
  }
}
