package vn.lienthong.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.validation.MiniPki.Entity;
import vn.lienthong.core.validation.MiniPki.Spec;

/**
 * A certificate "issued" by an end-entity certificate under a configured root makes a path that
 * ends at the anchor (names and signatures link) but breaks the CA rules. Anyone holding any
 * signer's key can mint one naming any URL: the verifier (the hub's intake runs it ONLINE) must
 * not fetch what such a certificate names.
 */
class RevocationFetchOnInvalidPathTest {

  @TempDir Path dir;

  @Test
  void urlsOfACertificateAnEndEntityMintedAreNotFetched() throws Exception {
    try (FetchTrap trap = new FetchTrap()) {
      Entity root = MiniPki.root("CN=Fetch Root,C=VN");
      Entity ca = MiniPki.issue(root, new Spec("CN=Fetch CA,C=VN").ca());
      Entity signer = MiniPki.issue(ca, new Spec("CN=Any Signer,C=VN").signer());
      Spec evilSpec = new Spec("CN=Minted By A Signer,C=VN").signer();
      evilSpec.extensions.add(FetchTrap.ocspAia(trap.url("/admin/ocsp")));
      evilSpec.extensions.add(FetchTrap.cdp(trap.url("/latest/meta-data/crl")));
      Entity evil = MiniPki.issue(signer, evilSpec);
      Path p7s = MiniPki.sign(Files.writeString(dir.resolve("a.txt"), "a"), evil,
          List.of(signer.cert(), ca.cert()), List.of());

      ValidationReport report = Verifier.builder(List.of(root.cert()))
          .policy(ValidationPolicy.basic()).revocationMode(RevocationMode.ONLINE)
          .timeout(java.time.Duration.ofSeconds(2)).build().verify(p7s);

      assertThat(report.verdict().passed()).as("verdict %s", report.verdict()).isFalse();
      assertThat(trap.requests).as("requests the verifier made for an invalid path").isEmpty();
    }
  }
}
