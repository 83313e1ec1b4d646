package vn.lienthong.interop.dss;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.revocation.crl.ExternalResourcesCRLSource;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * EU DSS 6.3 with its default validation policy, trusting the given roots. Offline: it sees only
 * what the PDF carries, plus the CRLs a test hands it (downloaded as any relying party would).
 */
final class DssOracle {

  /** What DSS concluded about one signature. */
  record Verdict(Indication indication, String subIndication, SignatureLevel format) {}

  private final List<X509Certificate> roots;

  DssOracle(List<X509Certificate> roots) {
    this.roots = List.copyOf(roots);
  }

  /** DSS's verdict on every signature of the PDF, in the order DSS lists them. */
  Map<String, Verdict> validate(Path pdf, List<byte[]> crls) throws Exception {
    CommonCertificateVerifier verifier = new CommonCertificateVerifier(true);
    CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
    for (X509Certificate root : roots) {
      trusted.addCertificate(new CertificateToken(root));
    }
    verifier.setTrustedCertSources(trusted);
    if (!crls.isEmpty()) {
      List<DSSDocument> documents = new ArrayList<>();
      for (byte[] crl : crls) {
        documents.add(new InMemoryDocument(crl));
      }
      verifier.setCrlSource(new ExternalResourcesCRLSource(documents.toArray(new DSSDocument[0])));
    }
    SignedDocumentValidator validator =
        SignedDocumentValidator.fromDocument(new FileDocument(pdf.toFile()));
    validator.setCertificateVerifier(verifier);
    SimpleReport report = validator.validateDocument().getSimpleReport();
    Map<String, Verdict> verdicts = new LinkedHashMap<>();
    for (String id : report.getSignatureIdList()) {
      verdicts.put(id, new Verdict(report.getIndication(id),
          String.valueOf(report.getSubIndication(id)), report.getSignatureFormat(id)));
    }
    return verdicts;
  }
}
