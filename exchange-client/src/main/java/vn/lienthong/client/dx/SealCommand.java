package vn.lienthong.client.dx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import vn.lienthong.core.pdf.Appearance;
import vn.lienthong.core.pdf.Placement;
import vn.lienthong.core.pdf.SignatureOptions;

/** {@code dx seal}: the organization's seal, a second signature over the signer's. */
@Command(name = "seal", mixinStandardHelpOptions = true,
    description = "Đóng dấu số của cơ quan, chồng lên chữ ký / the organization's seal over the signature.",
    footerHeading = "%nExample:%n",
    footer = "  dx seal signed.pdf -o sealed.pdf --key con-dau.p12 --image con-dau.png "
        + "--organization \"Ủy ban nhân dân tỉnh Quảng Ninh\"")
final class SealCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  PdfMixin pdf;

  @Option(names = "--image", required = true, paramLabel = "PNG", description = "the red seal image")
  Path image;

  @Option(names = "--organization", required = true, description = "the organization's name")
  String organization;

  @Override
  public Integer call() throws Exception {
    pdf.options.sign(SignatureOptions.builder().appearance(
        new Appearance.Seal(Files.readAllBytes(image), organization), Placement.overSignerImage()), Clock.systemUTC());
    spec.commandLine().getOut().println("Đã đóng dấu / sealed: " + pdf.options.out);
    return 0;
  }
}
