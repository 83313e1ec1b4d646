package vn.lienthong.core.interop;

import vn.lienthong.sample.interop.ExternalTool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import vn.lienthong.sample.pki.SamplePki;

/**
 * Poppler's {@code pdfsig}, a PDF signature validator we did not write, with an NSS database
 * that trusts the given roots (as {@code certutil -t "CT,C,C"}).
 */
public final class Pdfsig {

  private final Path nssDir;

  private Pdfsig(Path nssDir) {
    this.nssDir = nssDir;
  }

  /** Skips (or fails under CI) without pdfsig and certutil; builds the NSS database. */
  public static Pdfsig trusting(Path dir, List<X509Certificate> roots)
      throws IOException, InterruptedException {
    ExternalTool.require("pdfsig", "poppler-utils");
    ExternalTool.require("certutil", "libnss3-tools");
    Path nss = Files.createDirectories(dir.resolve("nssdb"));
    ExternalTool.Result created = ExternalTool.run(dir, "certutil", "-N", "-d", "sql:" + nss,
        "--empty-password");
    assertThat(created.exitCode()).as(created.output()).isZero();
    int i = 0;
    for (X509Certificate root : roots) {
      Path pem = dir.resolve("root-" + i + ".pem");
      Files.writeString(pem, SamplePki.pem(root));
      ExternalTool.Result added = ExternalTool.run(dir, "certutil", "-A", "-d", "sql:" + nss,
          "-n", "root-" + i++, "-t", "CT,C,C", "-i", pem.toString());
      assertThat(added.exitCode()).as(added.output()).isZero();
    }
    return new Pdfsig(nss);
  }

  /** What pdfsig prints about a file. */
  public String check(Path pdf) throws IOException, InterruptedException {
    return ExternalTool.run(pdf.getParent(), "pdfsig", "-nssdir", "sql:" + nssDir,
        pdf.toString()).output();
  }

  /**
   * Asserts pdfsig finds {@code approvals} approval signatures, each valid with a trusted
   * certificate, then {@code timeStamps} document time stamps (which pdfsig lists, signed by the
   * TSA, but cannot validate: "Signature has not yet been verified"), the last covering the whole
   * file.
   */
  public String assertAllValid(Path pdf, int approvals, int timeStamps)
      throws IOException, InterruptedException {
    String out = check(pdf);
    assertThat(out).as(out).contains("Digital Signature Info of: ");
    assertThat(occurrences(out, "Signature #")).as(out).isEqualTo(approvals + timeStamps);
    assertThat(occurrences(out, "Signature Validation: Signature is Valid.")).as(out)
        .isEqualTo(approvals);
    assertThat(occurrences(out, "Certificate Validation: Certificate is Trusted.")).as(out)
        .isEqualTo(approvals);
    assertThat(occurrences(out, "Signature Type: ETSI.CAdES.detached")).as(out)
        .isEqualTo(approvals);
    assertThat(occurrences(out, "Signer Certificate Common Name: Dịch vụ cấp dấu thời gian"))
        .as(out).isEqualTo(timeStamps);
    return out;
  }

  static int occurrences(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      n++;
    }
    return n;
  }
}
