package vn.lienthong.core.validation;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.esf.RevocationValues;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.ocsp.BasicOCSPResponse;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableFile;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import vn.lienthong.sample.pki.Credential;

/** Detached CAdES signatures made with BouncyCastle directly, as another product would. */
final class DetachedCms {

  private DetachedCms() {}

  /** A detached CMS over {@code content} with signing-certificate-v2, written to content.p7s. */
  static Path sign(Path content, Credential signer) throws Exception {
    var cert = signer.certificate();
    byte[] certHash = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
    AttributeTable signed = new AttributeTable(new Attribute(
        PKCSObjectIdentifiers.id_aa_signingCertificateV2,
        new DERSet(new SigningCertificateV2(new ESSCertIDv2(certHash)))));
    String algorithm = cert.getPublicKey().getAlgorithm().equals("RSA") ? "SHA256withRSA"
        : "SHA256withECDSA";
    CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
    generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
        new JcaDigestCalculatorProviderBuilder().build())
        .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(signed))
        .build(new JcaContentSignerBuilder(algorithm).build(signer.privateKey()), cert));
    generator.addCertificates(new JcaCertStore(signer.chain()));
    CMSSignedData data = generator.generate(new CMSProcessableFile(content.toFile()), false);
    Path p7s = content.resolveSibling(content.getFileName() + ".p7s");
    Files.write(p7s, data.getEncoded("DER"));
    return p7s;
  }

  /** The signature value of the only signer, what a signature timestamp covers. */
  static byte[] signatureValue(Path p7s) throws Exception {
    return signer(new CMSSignedData(Files.readAllBytes(p7s))).getSignature();
  }

  /** Adds unsigned attributes (a timestamp token, revocation values) to the only signer. */
  static void addUnsigned(Path p7s, Attribute... attributes) throws Exception {
    CMSSignedData data = new CMSSignedData(Files.readAllBytes(p7s));
    SignerInformation signer = signer(data);
    ASN1EncodableVector v = new ASN1EncodableVector();
    if (signer.getUnsignedAttributes() != null) {
      v.addAll(signer.getUnsignedAttributes().toASN1EncodableVector());
    }
    for (Attribute a : attributes) {
      v.add(a);
    }
    SignerInformation changed = SignerInformation.replaceUnsignedAttributes(signer,
        new AttributeTable(v));
    Files.write(p7s, CMSSignedData.replaceSigners(data,
        new SignerInformationStore(changed)).getEncoded("DER"));
  }

  static Attribute timestamp(byte[] token) throws Exception {
    return new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
        new DERSet(ASN1Primitive.fromByteArray(token)));
  }

  /** CAdES revocation-values holding OCSP responses (each a DER OCSPResponse). */
  static Attribute revocationValues(List<byte[]> ocspResponses) throws Exception {
    List<BasicOCSPResponse> basics = new ArrayList<>();
    for (byte[] r : ocspResponses) {
      var resp = new org.bouncycastle.cert.ocsp.OCSPResp(new ByteArrayInputStream(r));
      basics.add(BasicOCSPResponse.getInstance(((org.bouncycastle.cert.ocsp.BasicOCSPResp)
          resp.getResponseObject()).getEncoded()));
    }
    return new Attribute(PKCSObjectIdentifiers.id_aa_ets_revocationValues, new DERSet(
        new RevocationValues(null, basics.toArray(new BasicOCSPResponse[0]), null)));
  }

  private static SignerInformation signer(CMSSignedData data) {
    return data.getSignerInfos().getSigners().iterator().next();
  }
}
