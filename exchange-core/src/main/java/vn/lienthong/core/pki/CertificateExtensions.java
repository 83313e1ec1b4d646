package vn.lienthong.core.pki;

import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/** Reads the URLs a certificate names: AIA (OCSP, CA issuers) and CRL distribution points. */
final class CertificateExtensions {

  private CertificateExtensions() {}

  static List<URI> ocspUrls(X509Certificate cert) {
    return aia(cert, AccessDescription.id_ad_ocsp);
  }

  static List<URI> caIssuerUrls(X509Certificate cert) {
    return aia(cert, AccessDescription.id_ad_caIssuers);
  }

  static List<URI> crlUrls(X509Certificate cert) {
    List<URI> urls = new ArrayList<>();
    ASN1Primitive value = extension(cert, Extension.cRLDistributionPoints.getId());
    if (value == null) {
      return urls;
    }
    for (DistributionPoint dp : CRLDistPoint.getInstance(value).getDistributionPoints()) {
      DistributionPointName name = dp.getDistributionPoint();
      if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
        for (GeneralName gn : GeneralNames.getInstance(name.getName()).getNames()) {
          uri(gn, urls);
        }
      }
    }
    return urls;
  }

  private static List<URI> aia(X509Certificate cert, org.bouncycastle.asn1.ASN1ObjectIdentifier m) {
    List<URI> urls = new ArrayList<>();
    ASN1Primitive value = extension(cert, Extension.authorityInfoAccess.getId());
    if (value == null) {
      return urls;
    }
    for (AccessDescription ad : AuthorityInformationAccess.getInstance(value)
        .getAccessDescriptions()) {
      if (ad.getAccessMethod().equals(m)) {
        uri(ad.getAccessLocation(), urls);
      }
    }
    return urls;
  }

  private static void uri(GeneralName gn, List<URI> urls) {
    if (gn.getTagNo() == GeneralName.uniformResourceIdentifier) {
      try {
        urls.add(URI.create(DERIA5String.getInstance(gn.getName()).getString()));
      } catch (IllegalArgumentException e) {
        // a malformed URL in a certificate is skipped: the next one may work
      }
    }
  }

  private static ASN1Primitive extension(X509Certificate cert, String oid) {
    byte[] wrapped = cert.getExtensionValue(oid);
    if (wrapped == null) {
      return null;
    }
    try {
      return ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(wrapped).getOctets());
    } catch (IOException e) {
      return null;
    }
  }

  static boolean isSelfSigned(X509Certificate cert) {
    if (!cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
      return false;
    }
    try {
      cert.verify(cert.getPublicKey());
      return true;
    } catch (java.security.GeneralSecurityException e) {
      return false;
    }
  }

  static boolean issued(X509Certificate issuer, X509Certificate cert) {
    if (!issuer.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
      return false;
    }
    try {
      cert.verify(issuer.getPublicKey());
      return true;
    } catch (java.security.GeneralSecurityException e) {
      return false;
    }
  }
}
