package vn.lienthong.sample.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Issues one certificate: subject, validity, profile extensions and the CA service URLs. */
final class CertIssuer {

  private final SecureRandom random;
  private final CaUrls urls;

  CertIssuer(SecureRandom random, CaUrls urls) {
    this.random = random;
    this.urls = urls;
  }

  /** What to issue. {@code issuerAlias} names the CA whose URLs go into AIA and CRL DP. */
  record Request(
      X500Name subject,
      PublicKey subjectKey,
      CertProfile profile,
      Instant notBefore,
      Instant notAfter,
      String hash) {}

  /** Issues a self-signed root. */
  X509Certificate selfSigned(Request request, PrivateKey key) {
    return build(request, request.subject(), request.subjectKey(), key, null);
  }

  /** Issues a certificate signed by {@code issuer}. */
  X509Certificate issue(Request request, Credential issuer) {
    return build(request, X500Name.getInstance(issuer.certificate().getSubjectX500Principal()
        .getEncoded()), issuer.certificate().getPublicKey(), issuer.privateKey(), issuer.alias());
  }

  private X509Certificate build(Request r, X500Name issuerName, PublicKey issuerKey,
      PrivateKey signingKey, String issuerAlias) {
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName, serial(),
          Date.from(r.notBefore()), Date.from(r.notAfter()), r.subject(), r.subjectKey());
      CertProfile p = r.profile();
      b.addExtension(Extension.basicConstraints, true,
          p.ca() ? (p.pathLength() >= 0 ? new BasicConstraints(p.pathLength())
              : new BasicConstraints(true)) : new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(p.keyUsage()));
      if (!p.extendedKeyUsage().isEmpty()) {
        b.addExtension(Extension.extendedKeyUsage, p.ekuCritical(),
            new ExtendedKeyUsage(p.extendedKeyUsage().toArray(KeyPurposeId[]::new)));
      }
      b.addExtension(Extension.subjectKeyIdentifier, false,
          ext.createSubjectKeyIdentifier(r.subjectKey()));
      b.addExtension(Extension.authorityKeyIdentifier, false,
          ext.createAuthorityKeyIdentifier(issuerKey));
      if (p.ocspNoCheck()) {
        b.addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
      }
      List<GeneralName> san = new ArrayList<>();
      p.dnsNames().forEach(n -> san.add(new GeneralName(GeneralName.dNSName, n)));
      p.ipAddresses().forEach(n -> san.add(new GeneralName(GeneralName.iPAddress, n)));
      if (!san.isEmpty()) {
        b.addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(san.toArray(GeneralName[]::new)));
      }
      if (issuerAlias != null) {
        addServiceUrls(b, issuerAlias);
      }
      String algorithm = KeyKind.signatureAlgorithm(signingKey.getAlgorithm(), r.hash());
      var signer = new JcaContentSignerBuilder(algorithm).setSecureRandom(random).build(signingKey);
      return new JcaX509CertificateConverter().getCertificate(b.build(signer));
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("Cannot issue a certificate for " + r.subject(), e);
    }
  }

  /** AIA (OCSP and CA issuers) and the CRL distribution point of the issuing CA. */
  private void addServiceUrls(X509v3CertificateBuilder b, String issuerAlias) throws IOException {
    b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
        new AccessDescription[] {
          new AccessDescription(AccessDescription.id_ad_ocsp, uri(urls.ocsp())),
          new AccessDescription(AccessDescription.id_ad_caIssuers, uri(urls.caCertificate(issuerAlias)))
        }));
    DistributionPointName name = new DistributionPointName(new GeneralNames(uri(urls.crl(issuerAlias))));
    b.addExtension(Extension.cRLDistributionPoints, false,
        new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(name, null, null)}));
  }

  private static GeneralName uri(URI uri) {
    return new GeneralName(GeneralName.uniformResourceIdentifier, uri.toString());
  }

  private BigInteger serial() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    bytes[0] &= 0x7f;
    bytes[0] |= 0x10; // positive, and always 16 bytes long
    return new BigInteger(bytes);
  }
}
