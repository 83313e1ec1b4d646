package vn.lienthong.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.core.validation.MiniPki.NOW;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.core.validation.MiniPki.Entity;
import vn.lienthong.core.validation.MiniPki.Spec;

/**
 * The online revocation cache must tell apart two CAs of the same name (a CA's key rollover:
 * the renewed CA keeps its name and starts its serials again): an answer about serial 77 of the
 * old key is not an answer about serial 77 of the new one.
 */
class RevocationCacheIssuerKeyTest {

  @TempDir Path dir;

  private static Entity signer(Entity ca, String subject, BigInteger serial, String crlUrl)
      throws Exception {
    KeyPair kp = MiniPki.keys();
    var b = new JcaX509v3CertificateBuilder(ca.name(), serial,
        Date.from(NOW.minusSeconds(86400)), Date.from(NOW.plusSeconds(86400)),
        new X500Name(subject), kp.getPublic());
    b.addExtension(Extension.keyUsage, true,
        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
    b.addExtension(FetchTrap.cdp(crlUrl));
    X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.key())));
    return new Entity(cert, kp.getPrivate(), new X500Name(subject));
  }

  @Test
  void aGoodAnswerAboutTheOldKeysSerialDoesNotCoverTheNewKeysSerial() throws Exception {
    try (FetchTrap trap = new FetchTrap()) {
      Entity root = MiniPki.root("CN=Cache Root,C=VN");
      Spec caSpec = new Spec("CN=Unit CA,C=VN").ca();
      caSpec.extensions.add(FetchTrap.cdp(trap.url("/root.crl")));
      Entity oldCa = MiniPki.issue(root, caSpec);
      Entity newCa = MiniPki.issue(root, caSpec); // same name, new key
      BigInteger serial = BigInteger.valueOf(77);
      Entity good = signer(oldCa, "CN=Good Signer,C=VN", serial, trap.url("/old.crl"));
      Entity revoked = signer(newCa, "CN=Revoked Signer,C=VN", serial, trap.url("/new.crl"));
      trap.bodies.put("/root.crl", MiniPki.crl(root, null, null).getEncoded());
      trap.bodies.put("/old.crl", MiniPki.crl(oldCa, null, null).getEncoded());
      trap.bodies.put("/new.crl",
          MiniPki.crl(newCa, revoked.cert(), NOW.minusSeconds(7200)).getEncoded());
      Path goodP7s = MiniPki.sign(Files.writeString(dir.resolve("good.txt"), "g"), good,
          List.of(oldCa.cert()), List.of());
      Path revokedP7s = MiniPki.sign(Files.writeString(dir.resolve("revoked.txt"), "r"), revoked,
          List.of(newCa.cert()), List.of());
      Verifier verifier = Verifier.builder(List.of(root.cert())).policy(ValidationPolicy.basic())
          .revocationMode(RevocationMode.ONLINE).build();

      // control: a verifier that has not seen the other CA's answer finds the revocation
      ValidationReport alone = Verifier.builder(List.of(root.cert()))
          .policy(ValidationPolicy.basic()).revocationMode(RevocationMode.ONLINE).build()
          .verify(revokedP7s);
      assertThat(alone.verdict().passed()).as("alone: %s", alone.verdict()).isFalse();

      ValidationReport first = verifier.verify(goodP7s);
      assertThat(first.verdict().passed()).as("good: %s", first.verdict()).isTrue();
      ValidationReport second = verifier.verify(revokedP7s);

      assertThat(second.verdict().passed()).as("revoked after the other CA's answer was cached: %s",
          second.verdict()).isFalse();
      assertThat(second.verdict().subIndication()).isEqualTo(alone.verdict().subIndication());
    }
  }
}
