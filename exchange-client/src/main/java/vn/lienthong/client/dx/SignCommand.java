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

/** {@code dx sign}: the signer's own signature (Decree 30: handwritten image, name, position, time). */
@Command(name = "sign", mixinStandardHelpOptions = true,
    description = "Ký số của người có thẩm quyền / the signer's signature on a PDF.",
    footerHeading = "%nExample:%n",
    footer = "  dx sign to-trinh.pdf -o signed.pdf --key chu-tich.p12 --image chu-ky.png --name \"Phạm Văn Mẫu\" "
        + "--position \"Chủ tịch\" --anchor \"[[CHU_KY]]\"")
final class SignCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  PdfMixin pdf;

  @Option(names = "--image", required = true, paramLabel = "PNG", description = "the handwritten signature image")
  Path image;

  @Option(names = "--name", required = true, description = "the signer's full name")
  String name;

  @Option(names = "--position", required = true, description = "the signer's position, e.g. Chủ tịch")
  String position;

  @Option(names = "--anchor", paramLabel = "TEXT", description = "centre the signature on this text of the page")
  String anchor;

  @Option(names = "--page", defaultValue = "1", description = "without --anchor: the page (default 1, -1: last)")
  int page;

  @Override
  public Integer call() throws Exception {
    Placement where = anchor != null ? Placement.atAnchor(anchor, 180, 110)
        : Placement.onPage(page, 330, 90, 180, 110);
    pdf.options.sign(SignatureOptions.builder()
        .appearance(new Appearance.Signer(Files.readAllBytes(image), name, position), where), Clock.systemUTC());
    spec.commandLine().getOut().println("Đã ký / signed: " + pdf.options.out);
    return 0;
  }
}
