package vn.lienthong.core.evidence;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAttributeTableGenerationException;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import vn.lienthong.core.pki.CryptoProviders;
import vn.lienthong.core.pki.DigestAlgorithm;
import vn.lienthong.core.pki.PkiException;
import vn.lienthong.core.pki.TimeStamp;
import vn.lienthong.core.pki.SigningKey;
import vn.lienthong.core.pki.TimeStampClient;

/**
 * The hub's seal over evidence documents: CMS SignedData with the document encapsulated,
 * CAdES-BES (signing-certificate-v2, SHA-256, the chain included), raised to CAdES-T by
 * {@link #timestamp} (an RFC 3161 signature-time-stamp over the signature value). Signing and
 * time-stamping are separate steps so that a hub whose TSA is down can answer with the signed
 * document at once and add the time stamp later.
 */
public final class EvidenceSeal {

  private final PrivateKey key;
  private final Provider provider;
  private final String algorithm;
  private final List<X509Certificate> chain;
  private final JcaCertStore certificates;
  private final CMSAttributeTableGenerator signedAttributes;
  private final DigestCalculatorProvider digests;
  private final SecureRandom random;

  /**
   * @param key the seal's private key (RSA ≥ 2048 or EC); one in memory signs as BouncyCastle's own
   *     copy, which keeps the curve's tables between signatures
   * @param chain the seal's certificate first, then its CAs (without the root is fine)
   */
  public EvidenceSeal(PrivateKey key, List<X509Certificate> chain, SecureRandom random) {
    this(SigningKey.of(requireNonNull(key, "key"), chain), random);
  }

  /**
   * A seal whose key is {@code key}'s: in memory, or on a PKCS#11 token, where it stays and signs
   * through the token's provider ({@link SigningKey#fromPkcs11}).
   */
  public EvidenceSeal(SigningKey key, SecureRandom random) {
    requireNonNull(key, "key");
    this.chain = key.chain();
    this.random = requireNonNull(random, "random");
    X509Certificate cert = this.chain.get(0);
    this.algorithm = cert.getPublicKey() instanceof RSAPublicKey ? "SHA256withRSA" : "SHA256withECDSA";
    Optional<PrivateKey> software = key.provider().isPresent() ? Optional.empty()
        : CryptoProviders.softwareKey(key.privateKey());
    this.key = software.orElse(key.privateKey());
    this.provider = key.provider().orElse(software.isPresent() ? CryptoProviders.bouncyCastle() : null);
    try {
      this.certificates = new JcaCertStore(this.chain);
      this.signedAttributes = signedAttributes(cert);
      this.digests = new JcaDigestCalculatorProviderBuilder().setProvider(CryptoProviders.bouncyCastle()).build();
    } catch (CertificateEncodingException | OperatorCreationException e) {
      throw new IllegalArgumentException("the seal cannot be set up: " + e.getMessage(), e);
    }
  }

  /** The seal's certificate and chain. */
  public List<X509Certificate> chain() {
    return chain;
  }

  /** CAdES-BES over {@code content}, encapsulated. */
  public byte[] sign(byte[] content) {
    return generate(content, null);
  }

  /**
   * CAdES-T over {@code content} in one pass: the time stamp over the signature value is asked
   * for while the SignerInfo is built, so the CMS is encoded once (what {@link #sign} then
   * {@link #timestamp} give, without parsing and re-encoding the whole CMS in between).
   *
   * @throws PkiException TSA_UNAVAILABLE when the TSA does not answer usefully
   */
  public byte[] signStamped(byte[] content, TimeStampClient tsa) throws PkiException {
    requireNonNull(tsa, "tsa");
    try {
      return generate(content, parameters -> {
        try {
          return signatureTimeStamp((byte[]) parameters.get(CMSAttributeTableGenerator.SIGNATURE), tsa);
        } catch (PkiException e) {
          throw new CMSAttributeTableGenerationException(e.getMessage(), e);
        }
      });
    } catch (CMSAttributeTableGenerationException e) {
      if (e.getCause() instanceof PkiException p) {
        throw p;
      }
      throw e;
    }
  }

  private byte[] generate(byte[] content, CMSAttributeTableGenerator unsignedAttributes) {
    requireNonNull(content, "content");
    try {
      JcaContentSignerBuilder signer = new JcaContentSignerBuilder(algorithm).setSecureRandom(random);
      if (provider != null) {
        signer.setProvider(provider);
      }
      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(digests)
          .setSignedAttributeGenerator(signedAttributes)
          .setUnsignedAttributeGenerator(unsignedAttributes)
          .build(signer.build(key), chain.get(0)));
      generator.addCertificates(certificates);
      return generator.generate(new CMSProcessableByteArray(content), true).getEncoded("DER");
    } catch (OperatorCreationException | CertificateEncodingException | CMSException | IOException e) {
      throw new IllegalStateException("The evidence seal cannot sign: " + e.getMessage(), e);
    }
  }

  /** The unsigned attributes of CAdES-T: a time stamp over {@code signature}. */
  private static AttributeTable signatureTimeStamp(byte[] signature, TimeStampClient tsa) throws PkiException {
    TimeStamp stamp = tsa.stamp(DigestAlgorithm.SHA256, DigestAlgorithm.SHA256.newDigest().digest(signature));
    ASN1Primitive token;
    try {
      token = ASN1Primitive.fromByteArray(stamp.encoded());
    } catch (IOException e) {
      throw new IllegalStateException("The TSA client passed a token it cannot encode: " + e.getMessage(), e);
    }
    ASN1EncodableVector unsigned = new ASN1EncodableVector();
    unsigned.add(new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken, new DERSet(token)));
    return new AttributeTable(unsigned);
  }

  /**
   * The same CMS with a signature-time-stamp from {@code tsa} (CAdES-T).
   *
   * @throws PkiException TSA_UNAVAILABLE when the TSA does not answer usefully
   */
  public static byte[] timestamp(byte[] cms, TimeStampClient tsa) throws PkiException {
    try {
      CMSSignedData data = new CMSSignedData(cms);
      SignerInformation si = data.getSignerInfos().getSigners().iterator().next();
      SignerInformation stamped =
          SignerInformation.replaceUnsignedAttributes(si, signatureTimeStamp(si.getSignature(), tsa));
      return CMSSignedData.replaceSigners(data, new SignerInformationStore(stamped)).getEncoded("DER");
    } catch (CMSException | IOException e) {
      throw new IllegalArgumentException("Not a CMS signature: " + e.getMessage(), e);
    }
  }

  /** Whether the CMS carries a signature-time-stamp. */
  public static boolean isTimestamped(byte[] cms) {
    try {
      SignerInformation si = new CMSSignedData(cms).getSignerInfos().getSigners().iterator().next();
      AttributeTable unsigned = si.getUnsignedAttributes();
      return unsigned != null && unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken) != null;
    } catch (CMSException e) {
      throw new IllegalArgumentException("Not a CMS signature: " + e.getMessage(), e);
    }
  }

  /**
   * The encapsulated content of a CMS, not verified (use {@link EvidenceVerifier} for that).
   *
   * @throws IllegalArgumentException when it is no CMS with encapsulated content
   */
  public static byte[] content(byte[] cms) {
    try {
      CMSSignedData data = new CMSSignedData(cms);
      if (data.getSignedContent() == null) {
        throw new IllegalArgumentException("The CMS has no encapsulated content");
      }
      return (byte[]) data.getSignedContent().getContent();
    } catch (CMSException | RuntimeException e) {
      throw new IllegalArgumentException("Not a CMS signature with content: " + e.getMessage(), e);
    }
  }

  private static CMSAttributeTableGenerator signedAttributes(X509Certificate cert)
      throws CertificateEncodingException {
    byte[] hash = DigestAlgorithm.SHA256.newDigest().digest(cert.getEncoded());
    IssuerSerial issuerSerial = new IssuerSerial(new GeneralNames(new GeneralName(
        X500Name.getInstance(cert.getIssuerX500Principal().getEncoded()))), cert.getSerialNumber());
    ASN1EncodableVector v = new ASN1EncodableVector();
    v.add(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2, new DERSet(
        new SigningCertificateV2(new ESSCertIDv2[] {new ESSCertIDv2(hash, issuerSerial)}))));
    DefaultSignedAttributeTableGenerator standard = new DefaultSignedAttributeTableGenerator(new AttributeTable(v));
    // the time is in the document and proven by the time stamp, as in the PAdES signatures
    return parameters -> standard.getAttributes(parameters).remove(CMSAttributes.signingTime);
  }
}
