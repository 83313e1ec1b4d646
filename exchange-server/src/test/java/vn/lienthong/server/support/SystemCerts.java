package vn.lienthong.server.support;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import vn.lienthong.sample.pki.CertRole;
import vn.lienthong.sample.pki.Credential;
import vn.lienthong.sample.pki.SamplePki;

/**
 * Unit system certificates (TLS client + WS-Security signing: digitalSignature, clientAuth, the
 * unit in {@code UID=ORGANID:…}) in states the sample PKI does not have for system certificates:
 * expired, not yet valid, or issued by any CA the test chooses (e.g. the untrusted rogue root).
 */
public final class SystemCerts {

  private SystemCerts() {}

  /** A system certificate of {@code organId} by {@code ca}, valid from {@code from} to {@code to}. */
  public static Credential issue(Credential ca, String organId, Instant from, Instant to, String ocspUrl) {
    return issue(ca, organId, from, to, ocspUrl, 0, "SHA256");
  }

  /**
   * As above with an RSA key of {@code rsaBits} (0: EC P-256) and the CA signing with
   * {@code digest} ({@code SHA256}, {@code SHA1}).
   */
  public static Credential issue(Credential ca, String organId, Instant from, Instant to, String ocspUrl,
      int rsaBits, String digest) {
    try {
      SecureRandom random = new SecureRandom();
      KeyPairGenerator g = KeyPairGenerator.getInstance(rsaBits > 0 ? "RSA" : "EC");
      if (rsaBits > 0) {
        g.initialize(rsaBits, random);
      } else {
        g.initialize(new ECGenParameterSpec("secp256r1"), random);
      }
      KeyPair keys = g.generateKeyPair();
      X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "VN")
          .addRDN(BCStyle.O, "Test unit").addRDN(BCStyle.UID, SamplePki.ORGAN_ID_PREFIX + organId)
          .addRDN(BCStyle.CN, "Test system " + organId).build();
      JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca.certificate(),
          new BigInteger(127, random).setBit(126), Date.from(from), Date.from(to), subject, keys.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
          | (rsaBits > 0 ? KeyUsage.keyEncipherment : KeyUsage.keyAgreement)));
      b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
      if (ocspUrl != null) {
        b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
            AccessDescription.id_ad_ocsp, new GeneralName(GeneralName.uniformResourceIdentifier, ocspUrl)));
      }
      String algorithm = digest + ("EC".equals(ca.privateKey().getAlgorithm()) ? "withECDSA" : "withRSA");
      X509Certificate cert = new JcaX509CertificateConverter()
          .getCertificate(b.build(new JcaContentSignerBuilder(algorithm).build(ca.privateKey())));
      List<X509Certificate> chain = new ArrayList<>();
      chain.add(cert);
      chain.addAll(ca.chain());
      return new Credential("test-system-" + organId, CertRole.UNIT_SYSTEM, ca.alias(), organId,
          "test system certificate", keys.getPrivate(), chain);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A CA certificate bearing {@code ca}'s subject name, with another issuer and a key of its own:
   * what a client can slip into the chain it presents.
   */
  public static X509Certificate junkCaNamed(X509Certificate ca) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair keys = g.generateKeyPair();
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("CN=Junk issuer"),
          BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minusSeconds(3600)),
          Date.from(now.plusSeconds(30L * 86_400)), X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
          keys.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      return new JcaX509CertificateConverter()
          .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
