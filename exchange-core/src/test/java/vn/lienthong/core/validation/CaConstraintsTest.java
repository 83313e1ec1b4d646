package vn.lienthong.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.core.validation.MiniPki.NOW;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.validation.MiniPki.Entity;
import vn.lienthong.core.validation.MiniPki.Spec;

/** Crafted certificate paths through the {@link Verifier} (detached CMS, offline). */
class CaConstraintsTest {

  @TempDir Path dir;

  private Entity root;
  private Entity ca;

  private void pki() throws Exception {
    root = MiniPki.root("CN=Probe Root,O=Ban Co yeu,C=VN");
    ca = MiniPki.issue(root, new Spec("CN=Probe CA,O=Ban Co yeu,C=VN").ca());
  }

  private Path content(String name) throws Exception {
    return Files.writeString(dir.resolve(name), "noi dung " + name);
  }

  private ValidationReport verify(Path p7s) {
    return Verifier.builder(List.of(root.cert())).policy(ValidationPolicy.basic())
        .revocationMode(RevocationMode.OFFLINE).build().verify(p7s);
  }

  private List<X509CRL> noRevocations() throws Exception {
    return List.of(MiniPki.crl(ca, null, null), MiniPki.crl(root, null, null));
  }

  private static List<CheckId> failed(ValidationReport report) {
    return report.signatures().get(0).checks().stream()
        .filter(c -> c.status() == CheckResult.Status.FAILED).map(CheckResult::id).toList();
  }

  private static String details(ValidationReport report) {
    return report.signatures().get(0).checks().stream()
        .filter(c -> c.status() == CheckResult.Status.FAILED)
        .map(c -> c.id() + c.arguments().toString()).toList().toString();
  }

  @Test
  void aCorrectChainWithCrlsPasses() throws Exception {
    pki();
    Entity signer = MiniPki.issue(ca, new Spec("CN=Nguyen Van A,C=VN").signer());
    Path p7s = MiniPki.sign(content("ok.txt"), signer, List.of(ca.cert()), noRevocations());

    ValidationReport report = verify(p7s);

    assertThat(report.verdict()).as(details(report)).isEqualTo(Verdict.PASSED);
  }

  /**
   * Whoever holds a signer's key (stolen, then revoked) makes a "TSA" certificate with that key
   * as its issuer and stamps the signature at a time before the revocation: the TSA's path is
   * only checked for being anchored and in validity, so an end-entity certificate issued it.
   */
  @Test
  void aTimestampFromATsaThatAnEndEntityCertificateIssuedProvesNothing() throws Exception {
    pki();
    Entity signer = MiniPki.issue(ca, new Spec("CN=Nguyen Van A,C=VN").signer());
    Entity fakeTsa = MiniPki.issue(signer, new Spec("CN=Fake TSA,C=VN").tsa());
    List<X509CRL> crls = List.of(
        MiniPki.crl(ca, signer.cert(), NOW.minusSeconds(10 * 86400)), // revoked ten days ago
        MiniPki.crl(root, null, null));
    Path p7s = MiniPki.sign(content("stolen.txt"), signer, List.of(ca.cert()), crls);
    byte[] imprint = MessageDigest.getInstance("SHA-256").digest(DetachedCms.signatureValue(p7s));
    DetachedCms.addUnsigned(p7s, DetachedCms.timestamp(MiniPki.timestamp(fakeTsa,
        List.of(signer.cert(), ca.cert()), imprint, NOW.minusSeconds(30 * 86400))));

    ValidationReport report = verify(p7s);

    assertThat(report.verdict().passed()).as("verdict %s", report.verdict()).isFalse();
    assertThat(report.signatures().get(0).timestamps()).singleElement()
        .matches(t -> !t.verdict().passed(), "the forged timestamp fails");
  }

  /** The same with an intermediate that is no CA under the TSA: the TSA path's CA constraints. */
  @Test
  void aTimestampWhoseTsaPathBreaksCaConstraintsProvesNothing() throws Exception {
    pki();
    Entity signer = MiniPki.issue(ca, new Spec("CN=Nguyen Van A,C=VN").signer());
    // some unit's seal certificate (not a CA) used as the TSA's issuer
    Entity seal = MiniPki.issue(ca, new Spec("CN=Seal,UID=ORGANID:000.00.00.H49,C=VN").signer());
    Entity fakeTsa = MiniPki.issue(seal, new Spec("CN=Fake TSA,C=VN").tsa());
    Path p7s = MiniPki.sign(content("tsa-under-seal.txt"), signer, List.of(ca.cert()),
        noRevocations());
    byte[] imprint = MessageDigest.getInstance("SHA-256").digest(DetachedCms.signatureValue(p7s));
    DetachedCms.addUnsigned(p7s, DetachedCms.timestamp(MiniPki.timestamp(fakeTsa,
        List.of(seal.cert(), ca.cert()), imprint, NOW.minusSeconds(60))));

    ValidationReport report = verify(p7s);

    assertThat(report.signatures().get(0).timestamps()).singleElement()
        .matches(t -> !t.verdict().passed(), "the timestamp fails");
    assertThat(report.verdict().passed()).isFalse();
  }

  /** A TSA certificate with an unknown critical extension. */
  @Test
  void aTimestampWhoseTsaCertificateHasAnUnknownCriticalExtensionProvesNothing() throws Exception {
    pki();
    Entity signer = MiniPki.issue(ca, new Spec("CN=Nguyen Van A,C=VN").signer());
    Entity tsa = MiniPki.issue(ca, new Spec("CN=Odd TSA,C=VN").tsa()
        .ext(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), true, new DERUTF8String("x")));
    Path p7s = MiniPki.sign(content("odd-tsa.txt"), signer, List.of(ca.cert()), noRevocations());
    byte[] imprint = MessageDigest.getInstance("SHA-256").digest(DetachedCms.signatureValue(p7s));
    DetachedCms.addUnsigned(p7s, DetachedCms.timestamp(MiniPki.timestamp(tsa,
        List.of(ca.cert()), imprint, NOW.minusSeconds(60))));

    ValidationReport report = verify(p7s);

    assertThat(report.signatures().get(0).timestamps()).singleElement()
        .matches(t -> !t.verdict().passed(), "the timestamp fails");
  }

  /** Control: a genuine TSA the CA issued gives a passing timestamp in this harness. */
  @Test
  void aTimestampFromAGenuineTsaPasses() throws Exception {
    pki();
    Entity signer = MiniPki.issue(ca, new Spec("CN=Nguyen Van A,C=VN").signer());
    Entity tsa = MiniPki.issue(ca, new Spec("CN=Real TSA,C=VN").tsa());
    Path p7s = MiniPki.sign(content("real-tsa.txt"), signer, List.of(ca.cert()), noRevocations());
    byte[] imprint = MessageDigest.getInstance("SHA-256").digest(DetachedCms.signatureValue(p7s));
    DetachedCms.addUnsigned(p7s, DetachedCms.timestamp(MiniPki.timestamp(tsa,
        List.of(ca.cert()), imprint, NOW.minusSeconds(60))));

    ValidationReport report = verify(p7s);

    assertThat(report.verdict()).as(details(report)).isEqualTo(Verdict.PASSED);
    assertThat(report.signatures().get(0).timestamps()).singleElement()
        .matches(t -> t.verdict().passed(), "the genuine timestamp passes");
  }

  /*
   * Names below are written C first: BouncyCastle encodes RDNs in the order written, and a
   * directoryName subtree matches the leading RDNs of the encoding (as in real certificates).
   */

  /**
   * A CA constrained (critical nameConstraints, RFC 5280 4.2.1.10) to one province's names issues
   * a certificate outside them: the constraint was accepted as "known" and never applied.
   */
  @Test
  void aCertificateOutsideItsCasNameConstraintsIsRefused() throws Exception {
    pki();
    Entity constrained = MiniPki.issue(root, new Spec("C=VN,O=Tinh Quang Ninh,CN=Quang Ninh CA")
        .ca().ext(Extension.nameConstraints, true, new NameConstraints(new GeneralSubtree[] {
            new GeneralSubtree(new GeneralName(new X500Name("C=VN,O=Tinh Quang Ninh")))},
            null)));
    Entity outside = MiniPki.issue(constrained,
        new Spec("C=VN,O=Bo Tai Chinh,CN=Bo Truong").signer());
    Path p7s = MiniPki.sign(content("nc-out.txt"), outside, List.of(constrained.cert()),
        List.of(MiniPki.crl(constrained, null, null), MiniPki.crl(root, null, null)));

    ValidationReport report = verify(p7s);

    assertThat(report.verdict().passed()).as("verdict %s", report.verdict()).isFalse();
    assertThat(failed(report)).contains(CheckId.CHAIN_CA_CONSTRAINTS);
  }

  /** Control for the above: a certificate inside the constraints passes. */
  @Test
  void aCertificateInsideItsCasNameConstraintsPasses() throws Exception {
    pki();
    Entity constrained = MiniPki.issue(root, new Spec("C=VN,O=Tinh Quang Ninh,CN=Quang Ninh CA")
        .ca().ext(Extension.nameConstraints, true, new NameConstraints(new GeneralSubtree[] {
            new GeneralSubtree(new GeneralName(new X500Name("C=VN,O=Tinh Quang Ninh")))},
            null)));
    Entity inside = MiniPki.issue(constrained,
        new Spec("C=VN,O=Tinh Quang Ninh,CN=Chu tich").signer());
    Path p7s = MiniPki.sign(content("nc-in.txt"), inside, List.of(constrained.cert()),
        List.of(MiniPki.crl(constrained, null, null), MiniPki.crl(root, null, null)));

    ValidationReport report = verify(p7s);

    assertThat(report.verdict()).as(details(report)).isEqualTo(Verdict.PASSED);
  }

  /** An excluded subtree on an intermediate. */
  @Test
  void aCertificateInAnExcludedSubtreeIsRefused() throws Exception {
    pki();
    Entity constrained = MiniPki.issue(root, new Spec("C=VN,O=VNPT,CN=Public CA")
        .ca().ext(Extension.nameConstraints, true, new NameConstraints(null,
            new GeneralSubtree[] {new GeneralSubtree(new GeneralName(
                new X500Name("C=VN,O=Ban Co yeu")))})));
    Entity excluded = MiniPki.issue(constrained,
        new Spec("C=VN,O=Ban Co yeu,CN=Impostor").signer());
    Path p7s = MiniPki.sign(content("nc-ex.txt"), excluded, List.of(constrained.cert()),
        List.of(MiniPki.crl(constrained, null, null), MiniPki.crl(root, null, null)));

    ValidationReport report = verify(p7s);

    assertThat(report.verdict().passed()).as("verdict %s", report.verdict()).isFalse();
  }

  /**
   * A CA requiring an explicit policy (critical policyConstraints, requireExplicitPolicy 0, RFC
   * 5280 4.2.1.11) issues a signer certificate without certificatePolicies: the constraint was
   * accepted as "known" and had no effect.
   */
  @Test
  void aSignerWithoutThePolicyItsCaRequiresIsRefused() throws Exception {
    pki();
    Entity policyCa = policyCa();
    Entity signer = MiniPki.issue(policyCa, new Spec("CN=Nguyen Van B,C=VN").signer());
    Path p7s = MiniPki.sign(content("policy-none.txt"), signer, List.of(policyCa.cert()),
        List.of(MiniPki.crl(policyCa, null, null), MiniPki.crl(root, null, null)));

    ValidationReport report = verify(p7s);

    assertThat(report.verdict().passed()).as("verdict %s", report.verdict()).isFalse();
    assertThat(failed(report)).contains(CheckId.CHAIN_CA_CONSTRAINTS)
        .doesNotContain(CheckId.CHAIN_TO_TRUST_ANCHOR, CheckId.CHAIN_SIGNATURES_VALID);
    assertThat(details(report)).contains("CN=Nguyen Van B").contains("explicit policy");
  }

  /** Control for the above: the signer carrying the CA's policy passes. */
  @Test
  void aSignerWithThePolicyItsCaRequiresPasses() throws Exception {
    pki();
    Entity policyCa = policyCa();
    Spec spec = new Spec("CN=Nguyen Van B,C=VN").signer();
    PolicyChains.policies(PolicyChains.P1).addTo(spec);
    Entity signer = MiniPki.issue(policyCa, spec);
    Path p7s = MiniPki.sign(content("policy-p1.txt"), signer, List.of(policyCa.cert()),
        List.of(MiniPki.crl(policyCa, null, null), MiniPki.crl(root, null, null)));

    ValidationReport report = verify(p7s);

    assertThat(report.verdict()).as(details(report)).isEqualTo(Verdict.PASSED);
  }

  private Entity policyCa() throws Exception {
    Spec spec = new Spec("CN=Policy CA,O=Ban Co yeu,C=VN").ca();
    PolicyChains.policies(PolicyChains.P1).addTo(spec);
    PolicyChains.requireExplicit(0).addTo(spec);
    return MiniPki.issue(root, spec);
  }
}
