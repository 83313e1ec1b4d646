package vn.lienthong.core.validation;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableFile;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.bouncycastle.cert.jcajce.JcaX509CRLHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;

/** A small in-memory PKI minted with BouncyCastle, for probing path validation. */
final class MiniPki {

  static final Instant NOW = Instant.now();
  private static final AtomicLong SERIALS = new AtomicLong(1000);

  /** A certificate with its key. */
  record Entity(X509Certificate cert, PrivateKey key, X500Name name) {}

  /** Extensions of a certificate to mint. */
  static final class Spec {
    final String subject;
    Instant notBefore = NOW.minusSeconds(365L * 86400);
    Instant notAfter = NOW.plusSeconds(365L * 86400);
    final List<Extension> extensions = new ArrayList<>();

    Spec(String subject) {
      this.subject = subject;
    }

    Spec ext(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) throws Exception {
      extensions.add(new Extension(oid, critical, value.toASN1Primitive().getEncoded()));
      return this;
    }

    Spec ca() throws Exception {
      ext(Extension.basicConstraints, true, new BasicConstraints(true));
      return ext(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    }

    Spec signer() throws Exception {
      return ext(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
    }

    Spec tsa() throws Exception {
      ext(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      return ext(Extension.extendedKeyUsage, true,
          new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
    }

    Spec valid(Instant from, Instant until) {
      notBefore = from;
      notAfter = until;
      return this;
    }
  }

  private MiniPki() {}

  static KeyPair keys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    return g.generateKeyPair();
  }

  static Entity root(String subject) throws Exception {
    KeyPair kp = keys();
    X500Name name = new X500Name(subject);
    Spec spec = new Spec(subject).ca();
    return new Entity(mint(spec, kp, name, kp.getPrivate()), kp.getPrivate(), name);
  }

  static Entity issue(Entity issuer, Spec spec) throws Exception {
    return issue(issuer, spec, keys());
  }

  static Entity issue(Entity issuer, Spec spec, KeyPair kp) throws Exception {
    return new Entity(mint(spec, kp, issuer.name(), issuer.key()), kp.getPrivate(),
        new X500Name(spec.subject));
  }

  private static X509Certificate mint(Spec spec, KeyPair kp, X500Name issuer, PrivateKey issuerKey)
      throws Exception {
    var b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIALS.incrementAndGet()),
        Date.from(spec.notBefore), Date.from(spec.notAfter), new X500Name(spec.subject),
        kp.getPublic());
    for (Extension e : spec.extensions) {
      b.addExtension(e);
    }
    return new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
  }

  /** A CRL of {@code issuer} revoking {@code revoked} at {@code when} (none: nobody). */
  static X509CRL crl(Entity issuer, X509Certificate revoked, Instant when) throws Exception {
    var b = new X509v2CRLBuilder(issuer.name(), Date.from(NOW.minusSeconds(3600)));
    b.setNextUpdate(Date.from(NOW.plusSeconds(86400)));
    if (revoked != null) {
      b.addCRLEntry(revoked.getSerialNumber(), Date.from(when), 1);
    }
    return new JcaX509CRLConverter().getCRL(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.key())));
  }

  /** A detached CMS by {@code signer} over {@code content} carrying certificates and CRLs. */
  static Path sign(Path content, Entity signer, List<X509Certificate> certs, List<X509CRL> crls)
      throws Exception {
    byte[] certHash = MessageDigest.getInstance("SHA-256").digest(signer.cert().getEncoded());
    AttributeTable signed = new AttributeTable(new Attribute(
        PKCSObjectIdentifiers.id_aa_signingCertificateV2,
        new DERSet(new SigningCertificateV2(new ESSCertIDv2(certHash)))));
    CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
    generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
        new JcaDigestCalculatorProviderBuilder().build())
        .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(signed))
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.key()), signer.cert()));
    List<X509Certificate> all = new ArrayList<>(List.of(signer.cert()));
    all.addAll(certs);
    generator.addCertificates(new JcaCertStore(all));
    for (X509CRL crl : crls) {
      generator.addCRL(new JcaX509CRLHolder(crl));
    }
    CMSSignedData data = generator.generate(new CMSProcessableFile(content.toFile()), false);
    Path p7s = content.resolveSibling(content.getFileName() + ".p7s");
    Files.write(p7s, data.getEncoded("DER"));
    return p7s;
  }

  /** An RFC 3161 token by {@code tsa} over {@code imprint} (SHA-256) at {@code genTime}. */
  static byte[] timestamp(Entity tsa, List<X509Certificate> certs, byte[] imprint, Instant genTime)
      throws Exception {
    DigestCalculator sha1 = new JcaDigestCalculatorProviderBuilder().build()
        .get(new AlgorithmIdentifier(org.bouncycastle.asn1.oiw.OIWObjectIdentifiers.idSHA1));
    var gen = new TimeStampTokenGenerator(new JcaSignerInfoGeneratorBuilder(
        new JcaDigestCalculatorProviderBuilder().build())
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(tsa.key()), tsa.cert()),
        sha1, new ASN1ObjectIdentifier("1.2.3.4.5"));
    List<X509Certificate> all = new ArrayList<>(List.of(tsa.cert()));
    all.addAll(certs);
    gen.addCertificates(new JcaCertStore(all));
    TimeStampRequestGenerator requests = new TimeStampRequestGenerator();
    requests.setCertReq(true);
    var request = requests.generate(NISTObjectIdentifiers.id_sha256, imprint);
    return gen.generate(request, BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(genTime))
        .getEncoded();
  }

  static JcaX509CertificateHolder holder(X509Certificate c) throws Exception {
    return new JcaX509CertificateHolder(c);
  }

  /** An OCSP response by {@code responder} about {@code serial} of {@code issuer}. */
  static byte[] ocsp(Entity responder, X509Certificate issuer, BigInteger serial,
      org.bouncycastle.cert.ocsp.CertificateStatus status, Instant thisUpdate, Instant nextUpdate,
      Instant producedAt) throws Exception {
    var id = new org.bouncycastle.cert.ocsp.CertificateID(new JcaDigestCalculatorProviderBuilder()
        .build().get(org.bouncycastle.cert.ocsp.CertificateID.HASH_SHA1), holder(issuer), serial);
    var builder = new org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder(
        new org.bouncycastle.cert.ocsp.RespID(responder.name()));
    builder.addResponse(id, status, Date.from(thisUpdate),
        nextUpdate == null ? null : Date.from(nextUpdate), null);
    var basic = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(responder.key()),
        new org.bouncycastle.cert.X509CertificateHolder[] {holder(responder.cert())},
        Date.from(producedAt));
    return new org.bouncycastle.cert.ocsp.OCSPRespBuilder()
        .build(org.bouncycastle.cert.ocsp.OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
  }

  /** A CRL of {@code issuer} with extensions of its own and one entry's. */
  static X509CRL crl(Entity issuer, X509Certificate revoked, Instant when, Instant thisUpdate,
      Instant nextUpdate, List<Extension> crlExtensions, List<Extension> entryExtensions)
      throws Exception {
    var b = new X509v2CRLBuilder(issuer.name(), Date.from(thisUpdate));
    b.setNextUpdate(Date.from(nextUpdate));
    for (Extension e : crlExtensions) {
      b.addExtension(e);
    }
    if (revoked != null) {
      b.addCRLEntry(revoked.getSerialNumber(), Date.from(when),
          new org.bouncycastle.asn1.x509.Extensions(entryExtensions.toArray(new Extension[0])));
    }
    return new JcaX509CRLConverter().getCRL(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.key())));
  }
}
