package vn.lienthong.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableFile;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 5 KB detached CMS whose certificates all share one subject name and one key, so that every
 * one "issued" every other: a depth-first search without memory tried every ordering of them up
 * to depth 8 (n!/(n-8)! paths, minutes for 15). Chain building follows each certificate once.
 */
class ChainBuildingBoundsTest {

  @TempDir Path dir;

  @Test
  void certificatesThatAllIssueEachOtherDoNotMakeChainBuildingExplode() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    KeyPair loopKey = g.generateKeyPair();
    KeyPair signerKey = g.generateKeyPair();
    KeyPair anchorKey = g.generateKeyPair();
    X509Certificate anchor = cert("CN=Some Trusted Root", "CN=Some Trusted Root",
        anchorKey.getPublic(), anchorKey.getPrivate(), 1);
    List<X509Certificate> loop = new ArrayList<>();
    for (int i = 0; i < 15; i++) { // same subject, same issuer, same key, other serials
      loop.add(cert("CN=Loop CA", "CN=Loop CA", loopKey.getPublic(), loopKey.getPrivate(), 100 + i));
    }
    X509Certificate signer = cert("CN=Forger", "CN=Loop CA", signerKey.getPublic(),
        loopKey.getPrivate(), 2);

    Path content = Files.writeString(dir.resolve("content.txt"), "hello");
    CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
    generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
        new JcaDigestCalculatorProviderBuilder().build())
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(signerKey.getPrivate()), signer));
    List<X509Certificate> all = new ArrayList<>(loop);
    all.add(0, signer);
    generator.addCertificates(new JcaCertStore(all));
    CMSSignedData data = generator.generate(new CMSProcessableFile(content.toFile()), false);
    Path p7s = Files.write(dir.resolve("content.txt.p7s"), data.getEncoded("DER"));
    assertThat(Files.size(p7s)).isLessThan(8_000);

    Verifier verifier = Verifier.builder(List.of(anchor)).policy(ValidationPolicy.basic())
        .revocationMode(RevocationMode.OFFLINE).build();
    // followed once each, the fifteen take a fraction of a second; every ordering took minutes
    ValidationReport report = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> verifier.verify(p7s));
    assertThat(report.verdict().passed()).isFalse();
  }

  private static X509Certificate cert(String subject, String issuer, PublicKey key,
      PrivateKey issuerKey, long serial) throws Exception {
    Instant now = Instant.now();
    var builder = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(serial),
        Date.from(now.minusSeconds(3600)), Date.from(now.plusSeconds(86400)), new X500Name(subject),
        key);
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
  }
}
