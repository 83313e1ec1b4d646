package vn.lienthong.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.core.validation.MiniPki.NOW;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.validation.MiniPki.Entity;
import vn.lienthong.core.validation.MiniPki.Spec;

/** RFC 5280 6.3.3 rules a CRL must meet before it may say anything about a certificate. */
class CrlRulesTest {

  @TempDir Path dir;

  private static ValidationReport verify(Entity root, Path p7s) {
    return Verifier.builder(List.of(root.cert())).policy(ValidationPolicy.basic())
        .revocationMode(RevocationMode.OFFLINE).build().verify(p7s);
  }

  private static List<CheckId> failed(ValidationReport report) {
    return report.signatures().get(0).checks().stream()
        .filter(c -> c.status() == CheckResult.Status.FAILED).map(CheckResult::id).toList();
  }

  /** 6.3.3 (f): the CRL issuer's key usage, when present, must allow cRLSign. */
  @Test
  void aCrlOfACaWhoseKeyUsageLacksCrlSignSaysNothing() throws Exception {
    Entity root = MiniPki.root("CN=CRL Root,C=VN");
    Entity ca = MiniPki.issue(root, new Spec("CN=No CRLSign CA,C=VN")
        .ext(Extension.basicConstraints, true, new BasicConstraints(true))
        .ext(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign)));
    Entity signer = MiniPki.issue(ca, new Spec("CN=Signer,C=VN").signer());
    Path p7s = MiniPki.sign(Files.writeString(dir.resolve("a.txt"), "a"), signer,
        List.of(ca.cert()), List.of(MiniPki.crl(ca, null, null), MiniPki.crl(root, null, null)));

    ValidationReport report = verify(root, p7s);

    assertThat(report.verdict().passed()).as("verdict %s", report.verdict()).isFalse();
    assertThat(failed(report)).contains(CheckId.REVOCATION_DATA_AUTHENTIC);
  }

  /**
   * RFC 5280 5.3: a CRL holding a critical entry extension the application cannot process must
   * not be used to determine the status of any certificate (here the entry is another's).
   */
  @Test
  void aCrlWithAnUnknownCriticalEntryExtensionSaysNothing() throws Exception {
    Entity root = MiniPki.root("CN=CRL Root,C=VN");
    Entity ca = MiniPki.issue(root, new Spec("CN=CRL CA,C=VN").ca());
    Entity other = MiniPki.issue(ca, new Spec("CN=Other,C=VN").signer());
    Entity signer = MiniPki.issue(ca, new Spec("CN=Signer,C=VN").signer());
    X509CRL odd = MiniPki.crl(ca, other.cert(), NOW.minusSeconds(7200), NOW.minusSeconds(3600),
        NOW.plusSeconds(86400), List.of(), List.of(new Extension(
            new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.7"), true,
            new DERUTF8String("x").getEncoded())));
    Path p7s = MiniPki.sign(Files.writeString(dir.resolve("b.txt"), "b"), signer,
        List.of(ca.cert()), List.of(odd, MiniPki.crl(root, null, null)));

    ValidationReport report = verify(root, p7s);

    assertThat(report.verdict().passed()).as("verdict %s", report.verdict()).isFalse();
    assertThat(failed(report)).contains(CheckId.REVOCATION_DATA_AVAILABLE);
  }

  /** Control: a known critical entry extension (invalidity date made critical) is read. */
  @Test
  void aCrlWhoseEntriesCarryKnownExtensionsIsUsed() throws Exception {
    Entity root = MiniPki.root("CN=CRL Root,C=VN");
    Entity ca = MiniPki.issue(root, new Spec("CN=CRL CA,C=VN").ca());
    Entity other = MiniPki.issue(ca, new Spec("CN=Other,C=VN").signer());
    Entity signer = MiniPki.issue(ca, new Spec("CN=Signer,C=VN").signer());
    X509CRL crl = MiniPki.crl(ca, other.cert(), NOW.minusSeconds(7200), NOW.minusSeconds(3600),
        NOW.plusSeconds(86400), List.of(), List.of(new Extension(Extension.invalidityDate, true,
            new org.bouncycastle.asn1.DERGeneralizedTime(java.util.Date.from(
                NOW.minusSeconds(9000))).getEncoded())));
    Path p7s = MiniPki.sign(Files.writeString(dir.resolve("c.txt"), "c"), signer,
        List.of(ca.cert()), List.of(crl, MiniPki.crl(root, null, null)));

    assertThat(verify(root, p7s).verdict()).isEqualTo(Verdict.PASSED);
  }
}
