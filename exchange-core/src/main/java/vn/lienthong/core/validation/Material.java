package vn.lienthong.core.validation;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.bouncycastle.asn1.ocsp.BasicOCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;

/**
 * Candidate certificates and embedded revocation data a file carries (CMS certificates, a PDF's
 * DSS, CMS revocation values). Candidates only: trust comes from the configured anchors.
 */
record Material(List<X509Certificate> certificates, List<BasicOCSPResp> ocsps, List<X509CRL> crls) {

  static final Material EMPTY = new Material(List.of(), List.of(), List.of());

  Material {
    certificates = List.copyOf(new LinkedHashSet<>(certificates));
    ocsps = List.copyOf(ocsps);
    crls = List.copyOf(new LinkedHashSet<>(crls));
  }

  Material plus(Material other) {
    List<X509Certificate> c = new ArrayList<>(certificates);
    c.addAll(other.certificates);
    List<BasicOCSPResp> o = new ArrayList<>(ocsps);
    o.addAll(other.ocsps);
    List<X509CRL> r = new ArrayList<>(crls);
    r.addAll(other.crls);
    return new Material(c, o, r);
  }

  /** Builds material from encodings, skipping what does not parse (reported by absence). */
  static final class Builder {
    private final List<X509Certificate> certificates = new ArrayList<>();
    private final List<BasicOCSPResp> ocsps = new ArrayList<>();
    private final List<X509CRL> crls = new ArrayList<>();

    Builder certificate(byte[] der) {
      try {
        certificates.add((X509Certificate) CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(der)));
      } catch (Exception e) {
        // not a certificate: a candidate less
      }
      return this;
    }

    Builder certificate(X509Certificate cert) {
      certificates.add(cert);
      return this;
    }

    /** An OCSPResponse (as the DSS holds it) or a BasicOCSPResponse (as CAdES holds it). */
    Builder ocsp(byte[] der) {
      try {
        OCSPResp resp = new OCSPResp(OCSPResponse.getInstance(der));
        if (resp.getResponseObject() instanceof BasicOCSPResp basic) {
          ocsps.add(basic);
        }
      } catch (Exception e) {
        try {
          ocsps.add(new BasicOCSPResp(BasicOCSPResponse.getInstance(der)));
        } catch (Exception e2) {
          // neither form: a candidate less
        }
      }
      return this;
    }

    Builder crl(byte[] der) {
      try {
        crls.add((X509CRL) CertificateFactory.getInstance("X.509")
            .generateCRL(new ByteArrayInputStream(der)));
      } catch (Exception e) {
        // not a CRL: a candidate less
      }
      return this;
    }

    Material build() {
      return new Material(certificates, ocsps, crls);
    }
  }
}
