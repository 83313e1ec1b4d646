package vn.lienthong.core.pdf;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/** Test helpers: hand-made DSS content appended to a PDF in an incremental update. */
final class DssForgery {

  private DssForgery() {}

  static KeyPair ecKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    return g.generateKeyPair();
  }

  static X509Certificate selfSigned(KeyPair key, String dn, BigInteger serial, PrivateKey signWith)
      throws Exception {
    X500Name name = new X500Name(dn);
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial,
        Date.from(Instant.now().minusSeconds(86400)), Date.from(Instant.now().plusSeconds(86400)),
        name, key.getPublic());
    ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(signWith);
    return new JcaX509CertificateConverter().getCertificate(b.build(signer));
  }

  /** A GOOD OCSP response about {@code cert}, signed with {@code key}, naming {@code responder}. */
  static byte[] ocsp(X509Certificate cert, X509Certificate issuer, String responder,
      PrivateKey key, Instant producedAt) throws Exception {
    CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
        .get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(issuer),
        cert.getSerialNumber());
    BasicOCSPRespBuilder b = new BasicOCSPRespBuilder(new RespID(new X500Name(responder)));
    b.addResponse(id, CertificateStatus.GOOD, Date.from(producedAt),
        Date.from(producedAt.plusSeconds(86400)));
    BasicOCSPResp basic = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key),
        null, Date.from(producedAt));
    return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
  }

  /**
   * A CRL of {@code ca} (signed with its key) revoking nothing, with the given extra extension
   * (a delta CRL indicator, an issuing distribution point).
   */
  static byte[] emptyCrl(vn.lienthong.sample.pki.Credential ca, org.bouncycastle.asn1.ASN1ObjectIdentifier oid,
      boolean critical, org.bouncycastle.asn1.ASN1Encodable value) throws Exception {
    Instant now = Instant.now();
    org.bouncycastle.cert.X509v2CRLBuilder b = new org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder(
        ca.certificate().getSubjectX500Principal(), Date.from(now.minusSeconds(5)));
    b.setNextUpdate(Date.from(now.plusSeconds(86400)));
    b.addExtension(org.bouncycastle.asn1.x509.Extension.cRLNumber, false,
        new org.bouncycastle.asn1.x509.CRLNumber(BigInteger.valueOf(1000)));
    if (oid != null) {
      b.addExtension(oid, critical, value);
    }
    String alg = ca.privateKey().getAlgorithm().startsWith("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    return b.build(new JcaContentSignerBuilder(alg).build(ca.privateKey())).getEncoded();
  }

  /** Appends an incremental update adding the given items to the DSS's global arrays. */
  static void appendDss(Path in, Path out, List<byte[]> certs, List<byte[]> ocsps,
      List<byte[]> crls) throws IOException {
    try (PDDocument doc = Loader.loadPDF(in.toFile()); OutputStream os = Files.newOutputStream(out)) {
      COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
      COSDictionary dss = catalog.getCOSDictionary(COSName.getPDFName("DSS"));
      if (dss == null) {
        dss = new COSDictionary();
        catalog.setItem(COSName.getPDFName("DSS"), dss);
      }
      add(doc, dss, "Certs", certs);
      add(doc, dss, "OCSPs", ocsps);
      add(doc, dss, "CRLs", crls);
      catalog.setNeedToBeUpdated(true);
      dss.setNeedToBeUpdated(true);
      doc.saveIncremental(os);
    }
  }

  private static void add(PDDocument doc, COSDictionary dss, String key, List<byte[]> values)
      throws IOException {
    if (values.isEmpty()) {
      return;
    }
    COSArray array = dss.getDictionaryObject(COSName.getPDFName(key)) instanceof COSArray a
        ? a : new COSArray();
    dss.setItem(COSName.getPDFName(key), array);
    array.setNeedToBeUpdated(true);
    for (byte[] v : values) {
      COSStream s = doc.getDocument().createCOSStream();
      try (OutputStream os = s.createOutputStream()) {
        os.write(v);
      }
      s.setNeedToBeUpdated(true);
      array.add(s);
    }
  }
}
