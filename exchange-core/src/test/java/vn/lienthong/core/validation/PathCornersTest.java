package vn.lienthong.core.validation;

import static vn.lienthong.core.validation.MiniPki.NOW;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.validation.MiniPki.Entity;
import vn.lienthong.core.validation.MiniPki.Spec;

/**
 * Crafted paths the verifier already judges right (regression guard from a review): CA
 * constraints, unknown critical extensions, validity, revocation of the CA, CRL and OCSP
 * authenticity and freshness, the signer's key usage. Soft assertions: every wrong verdict of a
 * group is listed at once.
 */
class PathCornersTest {

  static final ASN1ObjectIdentifier ODD = new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.7");

  @TempDir Path dir;
  Entity root;
  Entity ca;
  X509CRL rootCrl;
  X509CRL caCrl;
  final SoftAssertions soft = new SoftAssertions();
  int n;

  @BeforeEach
  void pki() throws Exception {
    root = MiniPki.root("CN=Probe Root,C=VN");
    ca = MiniPki.issue(root, new Spec("CN=Probe CA,C=VN").ca());
    rootCrl = okCrl(root);
    caCrl = okCrl(ca);
  }

  @AfterEach
  void allVerdicts() {
    soft.assertAll();
  }

  private Path file() throws Exception {
    return Files.writeString(dir.resolve("f" + (++n) + ".txt"), "noi dung " + n);
  }

  private ValidationReport verify(Path p7s) {
    return Verifier.builder(List.of(root.cert())).policy(ValidationPolicy.basic())
        .revocationMode(RevocationMode.OFFLINE).build().verify(p7s);
  }

  private String run(Entity signer, List<X509Certificate> certs, List<X509CRL> crls,
      List<byte[]> ocsps) throws Exception {
    Path p7s = MiniPki.sign(file(), signer, certs, crls);
    if (!ocsps.isEmpty()) {
      DetachedCms.addUnsigned(p7s, DetachedCms.revocationValues(ocsps));
    }
    ValidationReport r = verify(p7s);
    return r.verdict() + " " + r.signatures().get(0).checks().stream()
        .filter(c -> c.status() == CheckResult.Status.FAILED)
        .map(c -> c.id() + c.arguments().toString()).toList();
  }

  private X509CRL okCrl(Entity issuer) throws Exception {
    return MiniPki.crl(issuer, null, null);
  }

  @Test
  void caConstraintsAndCriticalExtensions() throws Exception {
    // intermediate without CA=true
    Entity notCa = MiniPki.issue(root, new Spec("CN=Not CA,C=VN")
        .ext(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)));
    Entity s1 = MiniPki.issue(notCa, new Spec("CN=S1,C=VN").signer());
    soft.assertThat(run(s1, List.of(notCa.cert()), List.of(okCrl(notCa), rootCrl), List.of()))
        .as("intermediate not CA").doesNotStartWith("TOTAL_PASSED");

    // CA=true, keyUsage lacking keyCertSign
    Entity noKcs = MiniPki.issue(root, new Spec("CN=No KCS,C=VN")
        .ext(Extension.basicConstraints, true, new BasicConstraints(true))
        .ext(Extension.keyUsage, true, new KeyUsage(KeyUsage.cRLSign | KeyUsage.digitalSignature)));
    Entity s2 = MiniPki.issue(noKcs, new Spec("CN=S2,C=VN").signer());
    soft.assertThat(run(s2, List.of(noKcs.cert()), List.of(okCrl(noKcs), rootCrl), List.of()))
        .as("no keyCertSign").doesNotStartWith("TOTAL_PASSED");

    // pathLen 0 exceeded
    Entity len0 = MiniPki.issue(root, new Spec("CN=Len0,C=VN")
        .ext(Extension.basicConstraints, true, new BasicConstraints(0))
        .ext(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)));
    Entity sub = MiniPki.issue(len0, new Spec("CN=Sub,C=VN").ca());
    Entity s3 = MiniPki.issue(sub, new Spec("CN=S3,C=VN").signer());
    soft.assertThat(run(s3, List.of(sub.cert(), len0.cert()),
        List.of(okCrl(sub), okCrl(len0), rootCrl), List.of()))
        .as("pathLen exceeded").doesNotStartWith("TOTAL_PASSED");

    // end-entity used as issuer
    Entity ee = MiniPki.issue(ca, new Spec("CN=EE,C=VN").signer());
    Entity s4 = MiniPki.issue(ee, new Spec("CN=S4,C=VN").signer());
    soft.assertThat(run(s4, List.of(ee.cert(), ca.cert()),
        List.of(okCrl(ee), caCrl, rootCrl), List.of()))
        .as("end entity as issuer").doesNotStartWith("TOTAL_PASSED");

    // unknown critical extension on the leaf and on the intermediate
    Entity s5 = MiniPki.issue(ca, new Spec("CN=S5,C=VN").signer()
        .ext(ODD, true, new DERUTF8String("x")));
    soft.assertThat(run(s5, List.of(ca.cert()), List.of(caCrl, rootCrl), List.of()))
        .as("unknown critical on leaf").doesNotStartWith("TOTAL_PASSED");
    Entity oddCa = MiniPki.issue(root, new Spec("CN=Odd CA,C=VN").ca()
        .ext(ODD, true, new DERUTF8String("x")));
    Entity s6 = MiniPki.issue(oddCa, new Spec("CN=S6,C=VN").signer());
    soft.assertThat(run(s6, List.of(oddCa.cert()), List.of(okCrl(oddCa), rootCrl), List.of()))
        .as("unknown critical on CA").doesNotStartWith("TOTAL_PASSED");
  }

  @Test
  void validity() throws Exception {
    // expired intermediate
    Entity oldCa = MiniPki.issue(root, new Spec("CN=Old CA,C=VN").ca()
        .valid(NOW.minusSeconds(400L * 86400), NOW.minusSeconds(86400)));
    Entity s7 = MiniPki.issue(oldCa, new Spec("CN=S7,C=VN").signer());
    soft.assertThat(run(s7, List.of(oldCa.cert()), List.of(okCrl(oldCa), rootCrl), List.of()))
        .as("expired CA").doesNotStartWith("TOTAL_PASSED");
    // not yet valid leaf
    Entity s8 = MiniPki.issue(ca, new Spec("CN=S8,C=VN").signer()
        .valid(NOW.plusSeconds(86400), NOW.plusSeconds(300L * 86400)));
    soft.assertThat(run(s8, List.of(ca.cert()), List.of(caCrl, rootCrl), List.of()))
        .as("not yet valid").startsWith("TOTAL_FAILED/NOT_YET_VALID");
  }

  @Test
  void crls() throws Exception {
    // revoked intermediate
    Entity s9 = MiniPki.issue(ca, new Spec("CN=S9,C=VN").signer());
    soft.assertThat(run(s9, List.of(ca.cert()), List.of(caCrl,
        MiniPki.crl(root, ca.cert(), NOW.minusSeconds(3600))), List.of()))
        .as("revoked CA").doesNotStartWith("TOTAL_PASSED");

    // CRL by another CA with the same name
    Entity twin = MiniPki.issue(root, new Spec("CN=Probe CA,C=VN").ca());
    Entity s11 = MiniPki.issue(ca, new Spec("CN=S11,C=VN").signer());
    soft.assertThat(run(s11, List.of(ca.cert()), List.of(okCrl(twin), rootCrl), List.of()))
        .as("CRL of the twin CA").doesNotStartWith("TOTAL_PASSED");

    // expired CRL
    Entity s12 = MiniPki.issue(ca, new Spec("CN=S12,C=VN").signer());
    soft.assertThat(run(s12, List.of(ca.cert()), List.of(MiniPki.crl(ca, null, null,
        NOW.minusSeconds(10 * 86400), NOW.minusSeconds(3 * 86400), List.of(), List.of()), rootCrl),
        List.of())).as("expired CRL").doesNotStartWith("TOTAL_PASSED");

    // CRL with an unknown critical extension
    Entity s13 = MiniPki.issue(ca, new Spec("CN=S13,C=VN").signer());
    soft.assertThat(run(s13, List.of(ca.cert()), List.of(MiniPki.crl(ca, null, null,
        NOW.minusSeconds(3600), NOW.plusSeconds(86400),
        List.of(new Extension(ODD, true, new DERUTF8String("x").getEncoded())), List.of()),
        rootCrl), List.of())).as("CRL unknown critical").doesNotStartWith("TOTAL_PASSED");

    // delta CRL
    Entity s15 = MiniPki.issue(ca, new Spec("CN=S15,C=VN").signer());
    soft.assertThat(run(s15, List.of(ca.cert()), List.of(MiniPki.crl(ca, null, null,
        NOW.minusSeconds(3600), NOW.plusSeconds(86400),
        List.of(new Extension(Extension.deltaCRLIndicator, true,
            new ASN1Integer(5).getEncoded())), List.of()), rootCrl), List.of()))
        .as("delta CRL").doesNotStartWith("TOTAL_PASSED");
  }

  @Test
  void signersKeyUsage() throws Exception {
    // signer without signing key usage; signer with serverAuth only
    Entity s16 = MiniPki.issue(ca, new Spec("CN=S16,C=VN")
        .ext(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyEncipherment)));
    soft.assertThat(run(s16, List.of(ca.cert()), List.of(caCrl, rootCrl), List.of()))
        .as("no signing usage").doesNotStartWith("TOTAL_PASSED");
    Entity s17 = MiniPki.issue(ca, new Spec("CN=S17,C=VN").signer()
        .ext(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth)));
    soft.assertThat(run(s17, List.of(ca.cert()), List.of(caCrl, rootCrl), List.of()))
        .as("serverAuth only").doesNotStartWith("TOTAL_PASSED");
  }

  @Test
  void ocspAnswers() throws Exception {
    // OCSP: responder without id-kp-OCSPSigning
    Entity noEku = MiniPki.issue(ca, new Spec("CN=Resp NoEKU,C=VN").signer());
    Entity s18 = MiniPki.issue(ca, new Spec("CN=S18,C=VN").signer());
    byte[] rootOk = MiniPki.ocsp(root, root.cert(), ca.cert().getSerialNumber(),
        CertificateStatus.GOOD, NOW.minusSeconds(60), NOW.plusSeconds(86400), NOW.minusSeconds(60));
    soft.assertThat(run(s18, List.of(ca.cert()), List.of(), List.of(MiniPki.ocsp(noEku, ca.cert(),
        s18.cert().getSerialNumber(), CertificateStatus.GOOD, NOW.minusSeconds(60),
        NOW.plusSeconds(86400), NOW.minusSeconds(60)), rootOk)))
        .as("OCSP responder without EKU").doesNotStartWith("TOTAL_PASSED");
    // responder with EKU issued by the root, answering for the CA's certificate
    Entity foreignResp = MiniPki.issue(root, new Spec("CN=Root Resp,C=VN").signer()
        .ext(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning)));
    Entity s19 = MiniPki.issue(ca, new Spec("CN=S19,C=VN").signer());
    soft.assertThat(run(s19, List.of(ca.cert()), List.of(), List.of(MiniPki.ocsp(foreignResp,
        ca.cert(), s19.cert().getSerialNumber(), CertificateStatus.GOOD, NOW.minusSeconds(60),
        NOW.plusSeconds(86400), NOW.minusSeconds(60)), rootOk)))
        .as("OCSP responder of another CA").doesNotStartWith("TOTAL_PASSED");
    // good for another serial
    Entity other = MiniPki.issue(ca, new Spec("CN=Other,C=VN").signer());
    Entity s20 = MiniPki.issue(ca, new Spec("CN=S20,C=VN").signer());
    soft.assertThat(run(s20, List.of(ca.cert()), List.of(), List.of(MiniPki.ocsp(ca, ca.cert(),
        other.cert().getSerialNumber(), CertificateStatus.GOOD, NOW.minusSeconds(60),
        NOW.plusSeconds(86400), NOW.minusSeconds(60)), rootOk)))
        .as("OCSP about another serial").doesNotStartWith("TOTAL_PASSED");
    // thisUpdate in the future
    Entity s21 = MiniPki.issue(ca, new Spec("CN=S21,C=VN").signer());
    soft.assertThat(run(s21, List.of(ca.cert()), List.of(), List.of(MiniPki.ocsp(ca, ca.cert(),
        s21.cert().getSerialNumber(), CertificateStatus.GOOD, NOW.plusSeconds(86400),
        NOW.plusSeconds(2 * 86400), NOW.minusSeconds(60)), rootOk)))
        .as("OCSP thisUpdate in the future").doesNotStartWith("TOTAL_PASSED");
    // nextUpdate past
    Entity s22 = MiniPki.issue(ca, new Spec("CN=S22,C=VN").signer());
    soft.assertThat(run(s22, List.of(ca.cert()), List.of(), List.of(MiniPki.ocsp(ca, ca.cert(),
        s22.cert().getSerialNumber(), CertificateStatus.GOOD, NOW.minusSeconds(5 * 86400),
        NOW.minusSeconds(4 * 86400), NOW.minusSeconds(5 * 86400)), rootOk)))
        .as("OCSP nextUpdate past").doesNotStartWith("TOTAL_PASSED");
    // revoked intermediate by OCSP
    Entity s23 = MiniPki.issue(ca, new Spec("CN=S23,C=VN").signer());
    soft.assertThat(run(s23, List.of(ca.cert()), List.of(), List.of(MiniPki.ocsp(ca, ca.cert(),
        s23.cert().getSerialNumber(), CertificateStatus.GOOD, NOW.minusSeconds(60),
        NOW.plusSeconds(86400), NOW.minusSeconds(60)), MiniPki.ocsp(root, root.cert(),
        ca.cert().getSerialNumber(), new RevokedStatus(Date.from(NOW.minusSeconds(7200)),
            1), NOW.minusSeconds(60), NOW.plusSeconds(86400), NOW.minusSeconds(60)))))
        .as("CA revoked by OCSP").doesNotStartWith("TOTAL_PASSED");
    // OCSP responder, delegated, expired when it answered
    Entity oldResp = MiniPki.issue(ca, new Spec("CN=Old Resp,C=VN").signer()
        .ext(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning))
        .valid(NOW.minusSeconds(100L * 86400), NOW.minusSeconds(10L * 86400)));
    Entity s24 = MiniPki.issue(ca, new Spec("CN=S24,C=VN").signer());
    soft.assertThat(run(s24, List.of(ca.cert()), List.of(), List.of(MiniPki.ocsp(oldResp,
        ca.cert(), s24.cert().getSerialNumber(), CertificateStatus.GOOD, NOW.minusSeconds(60),
        NOW.plusSeconds(86400), NOW.minusSeconds(60)), rootOk)))
        .as("expired OCSP responder").doesNotStartWith("TOTAL_PASSED");
    // control: a delegated responder that is fine
    Entity goodResp = MiniPki.issue(ca, new Spec("CN=Good Resp,C=VN").signer()
        .ext(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning)));
    Entity s25 = MiniPki.issue(ca, new Spec("CN=S25,C=VN").signer());
    soft.assertThat(run(s25, List.of(ca.cert()), List.of(), List.of(MiniPki.ocsp(goodResp,
        ca.cert(), s25.cert().getSerialNumber(), CertificateStatus.GOOD, NOW.minusSeconds(60),
        NOW.plusSeconds(86400), NOW.minusSeconds(60)), rootOk)))
        .as("good delegated responder").startsWith("TOTAL_PASSED");
  }

  @Test
  void aTwinCaWithTheSameNameAndBothCarried() throws Exception {
    Entity twin = MiniPki.issue(root, new Spec("CN=Probe CA,C=VN").ca());
    Entity s26 = MiniPki.issue(twin, new Spec("CN=S26,C=VN").signer());
    soft.assertThat(run(s26, List.of(ca.cert(), twin.cert()), List.of(okCrl(twin), rootCrl),
        List.of())).as("twin CA, both carried").startsWith("TOTAL_PASSED");
  }
}
