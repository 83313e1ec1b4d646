package vn.lienthong.core.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import vn.lienthong.core.pki.DigestAlgorithm;
import vn.lienthong.core.pki.PkiException;
import vn.lienthong.core.pki.SigningKey;
import vn.lienthong.core.pki.TimeStamp;
import vn.lienthong.core.pki.TimeStampClient;

/**
 * The CAdES detached CMS of a PAdES baseline signature: signing-certificate-v2, no signing-time
 * attribute (PAdES puts the time in /M), the chain, and at B-T a signature time stamp over the
 * signature value. The content is streamed, never held in memory.
 */
final class CmsSignatureBuilder {

  /** A provider instance for software keys, not registered globally. */
  private final Provider softwareProvider = new BouncyCastleProvider();
  private final SecureRandom random;

  CmsSignatureBuilder(SecureRandom random) {
    this.random = random;
  }

  /** The CMS over {@code content}; {@code tsa} is null at B-B (no signature time stamp). */
  byte[] sign(InputStream content, SigningKey key, SignatureOptions options, TimeStampClient tsa)
      throws PdfSigningException, IOException {
    DigestAlgorithm digest = options.digest();
    X509Certificate cert = key.certificate();
    try {
      ContentSigner signer = contentSigner(key, digest, options.rsaPadding());
      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
          new JcaDigestCalculatorProviderBuilder().setProvider(softwareProvider).build())
          .setSignedAttributeGenerator(signedAttributes(cert))
          .build(signer, cert));
      generator.addCertificates(new JcaCertStore(key.chain()));
      CMSSignedData data = generator.generate(new StreamedContent(content), false);
      if (tsa != null) {
        data = addSignatureTimeStamp(data, digest, tsa);
      }
      return data.getEncoded("DER");
    } catch (OperatorCreationException | CertificateEncodingException e) {
      throw new PdfSigningException(PdfSigningException.Code.UNSUPPORTED_KEY,
          "The key cannot sign with " + digest + " (" + e.getMessage() + ")", e);
    } catch (CMSException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new PdfSigningException(PdfSigningException.Code.KEY_MISMATCH,
          "The key failed to sign: " + e.getMessage(), e);
    } catch (PkiException e) {
      throw PdfSigningException.of(e);
    }
  }

  private ContentSigner contentSigner(SigningKey key, DigestAlgorithm digest, RsaPadding padding)
      throws OperatorCreationException, PdfSigningException {
    boolean rsa = key.certificate().getPublicKey() instanceof RSAPublicKey;
    String algorithm = digest.signaturePrefix() + (rsa
        ? (padding == RsaPadding.PSS ? "withRSAandMGF1" : "withRSA") : "withECDSA");
    if (rsa && padding == RsaPadding.PSS && key.provider().isPresent()) {
      throw new PdfSigningException(PdfSigningException.Code.UNSUPPORTED_KEY,
          "RSASSA-PSS is not supported with PKCS#11 keys here; use PKCS#1 v1.5");
    }
    return new JcaContentSignerBuilder(algorithm).setSecureRandom(random)
        .setProvider(key.provider().orElse(softwareProvider)).build(key.privateKey());
  }

  private static CMSAttributeTableGenerator signedAttributes(X509Certificate cert)
      throws CertificateEncodingException {
    byte[] hash = DigestAlgorithm.SHA256.newDigest().digest(cert.getEncoded());
    IssuerSerial issuerSerial = new IssuerSerial(new GeneralNames(new GeneralName(
        X500Name.getInstance(cert.getIssuerX500Principal().getEncoded()))),
        cert.getSerialNumber());
    ASN1EncodableVector v = new ASN1EncodableVector();
    v.add(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2, new DERSet(
        new SigningCertificateV2(new ESSCertIDv2[] {new ESSCertIDv2(hash, issuerSerial)}))));
    DefaultSignedAttributeTableGenerator standard =
        new DefaultSignedAttributeTableGenerator(new AttributeTable(v));
    return parameters -> standard.getAttributes(parameters).remove(CMSAttributes.signingTime);
  }

  private static CMSSignedData addSignatureTimeStamp(CMSSignedData data, DigestAlgorithm digest,
      TimeStampClient tsa) throws PkiException, IOException {
    SignerInformation si = data.getSignerInfos().getSigners().iterator().next();
    TimeStamp stamp = tsa.stamp(digest, digest.newDigest().digest(si.getSignature()));
    ASN1EncodableVector unsigned = new ASN1EncodableVector();
    unsigned.add(new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
        new DERSet(ASN1Primitive.fromByteArray(stamp.encoded()))));
    SignerInformation stamped =
        SignerInformation.replaceUnsignedAttributes(si, new AttributeTable(unsigned));
    return CMSSignedData.replaceSigners(data, new SignerInformationStore(stamped));
  }

  /** The PDF's signed byte ranges, streamed into the digest as BouncyCastle writes them. */
  private record StreamedContent(InputStream in) implements CMSTypedData {
    @Override
    public ASN1ObjectIdentifier getContentType() {
      return CMSObjectIdentifiers.data;
    }

    @Override
    public void write(OutputStream out) throws IOException {
      in.transferTo(out);
    }

    @Override
    public Object getContent() {
      return in;
    }
  }
}
