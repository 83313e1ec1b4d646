package vn.lienthong.core.pki;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;

/**
 * Which certificates a CRL speaks for (RFC 5280 6.3.3): the verifier's rule for embedded and
 * fetched CRLs, and {@link RevocationClient}'s for the CRL it downloads.
 */
public final class CrlScope {

  private CrlScope() {}

  /**
   * Entry extensions this validator reads when critical: reason code, hold instruction and
   * invalidity date (a certificate issuer belongs to indirect CRLs, which are refused).
   */
  private static final Set<String> KNOWN_CRITICAL_ENTRY = Set.of(
      Extension.reasonCode.getId(), Extension.instructionCode.getId(),
      Extension.invalidityDate.getId());

  /**
   * Whether an entry of {@code crl} carries a critical extension not understood here: such a CRL
   * must not be used for any certificate (RFC 5280 5.3), since the extension may change what its
   * entries mean.
   */
  private static boolean unknownCriticalEntryExtension(X509CRL crl) {
    var entries = crl.getRevokedCertificates();
    if (entries == null) {
      return false;
    }
    for (var entry : entries) {
      Set<String> critical = entry.getCriticalExtensionOIDs();
      if (critical != null && !KNOWN_CRITICAL_ENTRY.containsAll(critical)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code crl} is a complete CRL whose scope includes {@code cert} (RFC 5280 6.3.3): not a
   * delta CRL (which lists only what was revoked since its base: a certificate revoked before is
   * absent from it), no critical extension but the issuing distribution point, no entry with a
   * critical extension it does not read, and that point's scope (user or CA certificates, all
   * reasons, the certificate's own distribution point) takes the certificate in. A delta CRL or an
   * authority revocation list in a DSS hid a revocation.
   */
  public static boolean covers(X509CRL crl, X509Certificate cert) {
    String idpOid = Extension.issuingDistributionPoint.getId();
    Set<String> critical = crl.getCriticalExtensionOIDs();
    if (critical != null && critical.stream().anyMatch(oid -> !oid.equals(idpOid))) {
      return false;
    }
    if (crl.getExtensionValue(Extension.deltaCRLIndicator.getId())
        != null) {
      return false;
    }
    if (unknownCriticalEntryExtension(crl)) {
      return false;
    }
    byte[] idpValue = crl.getExtensionValue(idpOid);
    if (idpValue == null) {
      return true;
    }
    try {
      var idp = IssuingDistributionPoint.getInstance(
          ASN1OctetString.getInstance(idpValue).getOctets());
      boolean ca = cert.getBasicConstraints() >= 0;
      if (idp.onlyContainsAttributeCerts() || idp.isIndirectCRL()
          || idp.getOnlySomeReasons() != null || (idp.onlyContainsUserCerts() && ca)
          || (idp.onlyContainsCACerts() && !ca)) {
        return false;
      }
      var point = idp.getDistributionPoint();
      if (point == null) {
        return true;
      }
      if (point.getType() != DistributionPointName.FULL_NAME) {
        return false;
      }
      List<GeneralName> names = List.of(
          GeneralNames.getInstance(point.getName()).getNames());
      byte[] cdpValue = cert.getExtensionValue(
          Extension.cRLDistributionPoints.getId());
      if (cdpValue == null) {
        return false;
      }
      var cdp = CRLDistPoint.getInstance(
          ASN1OctetString.getInstance(cdpValue).getOctets());
      for (var dp : cdp.getDistributionPoints()) {
        var name = dp.getDistributionPoint();
        if (name != null && name.getType() == DistributionPointName.FULL_NAME
            && Arrays.stream(GeneralNames.getInstance(
                name.getName()).getNames()).anyMatch(names::contains)) {
          return true;
        }
      }
      return false;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
