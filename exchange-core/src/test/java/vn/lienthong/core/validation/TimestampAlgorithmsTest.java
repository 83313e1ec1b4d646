package vn.lienthong.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.core.validation.MiniPki.NOW;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.validation.MiniPki.Entity;
import vn.lienthong.core.validation.MiniPki.Spec;

/**
 * The algorithm policy (Circular 15/2025: no MD5, no SHA-1 for new signatures) holds for the
 * time-stamp tokens that prove a signature's time, not only for the signature: a token with an
 * MD5 imprint, or signed with SHA-1 today, proved a signing time.
 */
class TimestampAlgorithmsTest {

  @TempDir Path dir;

  private SignatureReport stamped(String imprintAlgorithm, ASN1ObjectIdentifier imprintOid,
      String tokenSignature) throws Exception {
    Entity root = MiniPki.root("CN=TS Root,C=VN");
    Entity ca = MiniPki.issue(root, new Spec("CN=TS CA,C=VN").ca());
    Entity tsa = MiniPki.issue(ca, new Spec("CN=TSA,C=VN").tsa());
    Entity signer = MiniPki.issue(ca, new Spec("CN=Signer,C=VN").signer());
    Path p7s = MiniPki.sign(Files.writeString(dir.resolve("x.txt"), "x"), signer,
        List.of(ca.cert()), List.of(MiniPki.crl(ca, null, null), MiniPki.crl(root, null, null)));
    byte[] imprint = MessageDigest.getInstance(imprintAlgorithm)
        .digest(DetachedCms.signatureValue(p7s));
    var digests = new JcaDigestCalculatorProviderBuilder().build();
    var generator = new TimeStampTokenGenerator(new JcaSignerInfoGeneratorBuilder(digests)
        .build(new JcaContentSignerBuilder(tokenSignature).build(tsa.key()), tsa.cert()),
        digests.get(new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1)),
        new ASN1ObjectIdentifier("1.2.3.4.5"));
    generator.addCertificates(new JcaCertStore(List.of(tsa.cert(), ca.cert())));
    TimeStampRequestGenerator requests = new TimeStampRequestGenerator();
    requests.setCertReq(true);
    byte[] token = generator.generate(requests.generate(imprintOid, imprint), BigInteger.TEN,
        Date.from(NOW.minusSeconds(60))).getEncoded();
    DetachedCms.addUnsigned(p7s, DetachedCms.timestamp(token));
    return Verifier.builder(List.of(root.cert())).policy(ValidationPolicy.basic())
        .revocationMode(RevocationMode.OFFLINE).build().verify(p7s).signatures().get(0);
  }

  @Test
  void aTokenWithAnMd5ImprintProvesNothing() throws Exception {
    SignatureReport signature = stamped("MD5", PKCSObjectIdentifiers.md5, "SHA256withECDSA");

    assertThat(signature.timestamps()).singleElement()
        .matches(t -> !t.verdict().passed(), "the MD5 token fails");
    assertThat(signature.verdict()).isEqualTo(Verdict.of(Indication.INDETERMINATE,
        SubIndication.NO_POE));
  }

  @Test
  void aTokenSignedWithSha1TodayProvesNothing() throws Exception {
    SignatureReport signature = stamped("SHA-256", NISTObjectIdentifiers.id_sha256,
        "SHA1withECDSA");

    assertThat(signature.timestamps()).singleElement()
        .matches(t -> !t.verdict().passed(), "the SHA-1 token fails");
  }

  @Test
  void aSha256TokenStillPasses() throws Exception {
    SignatureReport signature = stamped("SHA-256", NISTObjectIdentifiers.id_sha256,
        "SHA256withECDSA");

    assertThat(signature.timestamps()).singleElement().matches(t -> t.verdict().passed());
    assertThat(signature.verdict()).isEqualTo(Verdict.PASSED);
  }
}
