package vn.lienthong.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.core.validation.MiniPki.NOW;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.validation.MiniPki.Entity;
import vn.lienthong.core.validation.MiniPki.Spec;

/**
 * The verifier sends a nonce with its OCSP request and reports OCSP_NONCE_MATCHES: a response
 * that carries no nonce (a pre-produced or replayed answer) does not answer our request, and the
 * report must not say it does.
 */
class OnlineOcspNonceTest {

  @TempDir Path dir;

  @Test
  void aResponseWithoutOurNonceIsNotReportedAsMatchingIt() throws Exception {
    try (FetchTrap trap = new FetchTrap()) {
      Entity root = MiniPki.root("CN=Nonce Root,C=VN");
      Spec spec = new Spec("CN=Nonce Signer,C=VN").signer();
      spec.extensions.add(FetchTrap.ocspAia(trap.url("/ocsp")));
      Entity signer = MiniPki.issue(root, spec);
      // genuine, current, signed by the CA: only the nonce is missing
      trap.bodies.put("/ocsp", MiniPki.ocsp(root, root.cert(), signer.cert().getSerialNumber(),
          CertificateStatus.GOOD, NOW.minusSeconds(60), NOW.plusSeconds(3600), NOW.minusSeconds(60)));
      Path p7s = MiniPki.sign(Files.writeString(dir.resolve("a.txt"), "a"), signer, List.of(),
          List.of());

      ValidationReport report = Verifier.builder(List.of(root.cert()))
          .policy(ValidationPolicy.basic()).revocationMode(RevocationMode.ONLINE).build()
          .verify(p7s);

      assertThat(trap.requests).containsExactly("POST /ocsp");
      CheckResult nonce = report.signatures().get(0).checks().stream()
          .filter(c -> c.id() == CheckId.OCSP_NONCE_MATCHES).findFirst().orElseThrow();
      assertThat(nonce.status()).as("OCSP_NONCE_MATCHES for a response without a nonce")
          .isNotEqualTo(CheckResult.Status.PASSED);
    }
  }
}
