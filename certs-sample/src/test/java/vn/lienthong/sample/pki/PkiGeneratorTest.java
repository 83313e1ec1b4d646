package vn.lienthong.sample.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkiGeneratorTest {

  private static final CaUrls URLS = CaUrls.loopback(19999);
  private static SamplePki pki;

  @BeforeAll
  static void generate() {
    pki = TestPkis.small(URLS, Clock.systemUTC());
  }

  @Test
  void everyGoodCertificateChainsToATrustedRootWithTheJdkValidator() throws Exception {
    for (Credential c : pki.credentials()) {
      if (c.alias().startsWith("bad-") || c.alias().equals(SamplePki.ROGUE_ROOT)) {
        continue;
      }
      validate(c.chain(), new Date()); // throws if the JDK's PKIX validator refuses it
    }
  }

  @Test
  void theChainFromTheRogueRootIsNotTrusted() {
    assertThatThrownBy(() -> validate(pki.credential(SamplePki.BAD_UNTRUSTED).chain(), new Date()))
        .isInstanceOf(CertPathValidatorException.class)
        .hasMessageContaining("anchor");
    assertThat(pki.trustAnchors()).doesNotContain(pki.certificate(SamplePki.ROGUE_ROOT));
  }

  @Test
  void theExpiredCertificateIsReportedExpired() {
    assertThatThrownBy(() -> validate(pki.credential(SamplePki.BAD_EXPIRED).chain(), new Date()))
        .isInstanceOfSatisfying(CertPathValidatorException.class,
            e -> assertThat(e.getReason()).isEqualTo(BasicReason.EXPIRED));
  }

  @Test
  void theNotYetValidCertificateIsReportedNotYetValid() {
    assertThatThrownBy(() -> validate(pki.credential(SamplePki.BAD_NOT_YET_VALID).chain(), new Date()))
        .isInstanceOfSatisfying(CertPathValidatorException.class,
            e -> assertThat(e.getReason()).isEqualTo(BasicReason.NOT_YET_VALID));
  }

  @Test
  void theOtherBadCertificatesHaveTheirDefect() {
    boolean[] usage = pki.certificate(SamplePki.BAD_NO_SIGNING_USAGE).getKeyUsage();
    assertThat(usage[0]).as("digitalSignature").isFalse();
    assertThat(usage[1]).as("nonRepudiation").isFalse();
    assertThat(usage[2]).as("keyEncipherment").isTrue();
    assertThat(((RSAPublicKey) pki.certificate(SamplePki.BAD_RSA_1024).getPublicKey())
        .getModulus().bitLength()).isEqualTo(1024);
    assertThat(pki.certificate(SamplePki.BAD_SHA1).getSigAlgName()).startsWith("SHA1");
    assertThat(pki.revocations()).containsKey(SamplePki.BAD_REVOKED);
    assertThat(pki.revocations().get(SamplePki.BAD_REVOKED).reason())
        .isEqualTo(RevocationReason.KEY_COMPROMISE);
  }

  @Test
  void everyIssuedCertificateCarriesAiaAndCrlDistributionPointOfItsIssuer() throws Exception {
    for (Credential c : pki.credentials()) {
      if (c.role() == CertRole.ROOT_CA) {
        assertThat(c.certificate().getExtensionValue(Extension.authorityInfoAccess.getId())).isNull();
        continue;
      }
      X509Certificate cert = c.certificate();
      var aia = AuthorityInformationAccess.getInstance(extension(cert, Extension.authorityInfoAccess));
      Set<String> aiaUris = java.util.Arrays.stream(aia.getAccessDescriptions())
          .map(d -> d.getAccessMethod().getId() + " " + d.getAccessLocation().getName())
          .collect(Collectors.toSet());
      assertThat(aiaUris).as(c.alias()).containsExactlyInAnyOrder(
          AccessDescription.id_ad_ocsp.getId() + " " + URLS.ocsp(),
          AccessDescription.id_ad_caIssuers.getId() + " " + URLS.caCertificate(c.issuerAlias()));
      var dp = CRLDistPoint.getInstance(extension(cert, Extension.cRLDistributionPoints));
      GeneralNames names = (GeneralNames) dp.getDistributionPoints()[0].getDistributionPoint().getName();
      assertThat(names.getNames()[0].getTagNo()).isEqualTo(GeneralName.uniformResourceIdentifier);
      assertThat(names.getNames()[0].getName().toString()).isEqualTo(URLS.crl(c.issuerAlias()).toString());
    }
  }

  @Test
  void unitCertificatesNameTheirOrganIdAndHaveTheRightUsages() throws Exception {
    Credential seal = pki.seal(TestPkis.PROVINCE);
    Credential system = pki.system(TestPkis.PROVINCE);
    assertThat(SamplePki.organIdOf(seal.certificate())).contains(TestPkis.PROVINCE);
    assertThat(SamplePki.organIdOf(system.certificate())).contains(TestPkis.PROVINCE);
    assertThat(seal.certificate().getSubjectX500Principal().getName())
        .contains("UID=ORGANID:000.00.00.H49");
    assertThat(seal.certificate().getKeyUsage()[1]).as("nonRepudiation").isTrue();
    assertThat(system.certificate().getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.2");
    assertThat(SamplePki.organIdOf(pki.certificate("person-chairman"))).isEmpty();
    assertThat(pki.certificate("person-chairman").getSubjectX500Principal().getName())
        .contains("CCCD:022080000001");
    assertThat(pki.credential("person-director").issuerAlias()).isEqualTo(SamplePki.PUBLIC_CA);
  }

  @Test
  void serviceCertificatesHaveTheirProfiles() throws Exception {
    X509Certificate tsa = pki.certificate(SamplePki.TSA);
    assertThat(tsa.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.8");
    assertThat(tsa.getCriticalExtensionOIDs()).contains(Extension.extendedKeyUsage.getId());
    X509Certificate ocsp = pki.certificate(SamplePki.OCSP_GOV_CA);
    assertThat(ocsp.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.9");
    assertThat(ocsp.getExtensionValue(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck.getId())).isNotNull();
    X509Certificate tls = pki.certificate(SamplePki.HUB_TLS);
    assertThat(tls.getSubjectAlternativeNames()).extracting(l -> l.get(1).toString())
        .contains("localhost", "127.0.0.1");
    assertThat(tls.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
  }

  @Test
  void keysMatchTheirCertificates() throws Exception {
    for (Credential c : pki.credentials()) {
      String alg = "EC".equals(c.privateKey().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
      Signature s = Signature.getInstance(alg);
      s.initSign(c.privateKey());
      s.update(c.alias().getBytes());
      byte[] sig = s.sign();
      s.initVerify(c.certificate().getPublicKey());
      s.update(c.alias().getBytes());
      assertThat(s.verify(sig)).as(c.alias()).isTrue();
    }
  }

  @Test
  void savedPkiLoadsBackIdentical(@TempDir Path dir) {
    pki.save(dir, "pw".toCharArray());
    SamplePki loaded = SamplePki.load(dir, "pw".toCharArray());
    assertThat(loaded.credentials()).extracting(Credential::alias)
        .containsExactlyElementsOf(pki.credentials().stream().map(Credential::alias).toList());
    for (Credential c : pki.credentials()) {
      Credential l = loaded.credential(c.alias());
      assertThat(l.chain()).isEqualTo(c.chain());
      assertThat(l.privateKey().getEncoded()).isEqualTo(c.privateKey().getEncoded());
      assertThat(l.role()).isEqualTo(c.role());
      assertThat(l.organId()).isEqualTo(c.organId());
    }
    assertThat(loaded.revocations()).isEqualTo(pki.revocations());
    assertThat(loaded.urls()).isEqualTo(pki.urls());
    assertThat(dir.resolve("trusted-roots.pem")).content().contains("BEGIN CERTIFICATE");
  }

  @Test
  void unknownAliasIsRefusedByName() {
    assertThatThrownBy(() -> pki.credential("nobody"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nobody'");
  }

  @Test
  void theGeneratorRefusesNonsense() {
    assertThatThrownBy(() -> PkiGenerator.builder().keyKind(KeyKind.RSA_1024))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PkiGenerator.builder().units(List.of(
        new UnitSpec("000.00.00.H49", "A"), new UnitSpec("000.00.00.H49", "B"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate");
    assertThatThrownBy(() -> new UnitSpec(" ", "A")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PkiGenerator.builder().units(List.of())
        .persons(List.of(new PersonSpec(SamplePki.TSA, "A", "B", "", "C", "1", false)))
        .build().generate())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Duplicate alias tsa");
  }

  private static void validate(List<X509Certificate> chain, Date at) throws Exception {
    PkiGeneratorTestSupport.validate(pki, chain, at);
  }

  private static byte[] extension(X509Certificate cert, org.bouncycastle.asn1.ASN1ObjectIdentifier oid) {
    return ASN1OctetString.getInstance(cert.getExtensionValue(oid.getId())).getOctets();
  }
}
