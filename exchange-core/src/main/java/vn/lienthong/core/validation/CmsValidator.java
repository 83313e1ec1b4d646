package vn.lienthong.core.validation;

import static vn.lienthong.core.validation.CheckId.*;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.esf.RevocationValues;
import org.bouncycastle.asn1.ess.ESSCertID;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificate;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.BasicOCSPResponse;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import vn.lienthong.core.pki.CryptoProviders;

/**
 * Validates one CMS signature (a PAdES signature's /Contents or a detached CAdES file): format,
 * identification, integrity (the digest over the signed bytes, streamed), cryptography, the
 * certificate checks and the signature timestamps; builds its {@link SignatureReport}.
 */
final class CmsValidator {

  /** Where the signed bytes come from: streamed, never held whole (null: not found). */
  interface Content {
    InputStream open() throws IOException;
  }

  /**
   * One signature to validate.
   *
   * @param preceding checks already run (the PDF's FORMAT checks)
   * @param following checks to append (the PDF's CHANGES checks)
   * @param documentTimestamps valid document timestamps covering this signature (POE)
   */
  record Input(String id, SignatureReport.Kind kind, byte[] cms, Content content,
      Instant claimedTime, int revision, Material documentMaterial, List<CheckResult> preceding,
      List<CheckResult> following, List<ChangeInfo> changes,
      List<TimestampValidator.Result> documentTimestamps, boolean validationDataCovered) {}

  private final Engine engine;

  CmsValidator(Engine engine) {
    this.engine = engine;
  }

  SignatureReport validate(Input in, Instant validationTime) {
    List<CheckResult> checks = new ArrayList<>(in.preceding());
    CMSSignedData cms;
    try (ASN1InputStream asn1 = new ASN1InputStream(new ByteArrayInputStream(in.cms()))) {
      ASN1Primitive first = asn1.readObject(); // exactly one DER object (stack.md, pitfall 5)
      cms = new CMSSignedData(ContentInfo.getInstance(Objects.requireNonNull(first, "empty")));
      checks.add(result(CMS_WELL_FORMED, Outcome.passed()));
    } catch (Exception e) {
      checks.add(result(CMS_WELL_FORMED, Outcome.failed(String.valueOf(e.getMessage()))));
      return report(in, checks, null, List.of(), List.of(), List.of(), validationTime, null,
          "");
    }
    List<SignerInformation> signers = new ArrayList<>(cms.getSignerInfos().getSigners());
    checks.add(result(SINGLE_SIGNER, Outcome.check(signers.size() == 1,
        String.valueOf(signers.size()))));
    if (signers.isEmpty()) {
      return report(in, checks, null, List.of(), List.of(), List.of(), validationTime, null, "");
    }
    SignerInformation signer = signers.get(0);
    boolean attached = cms.getSignedContent() != null;
    if (in.kind() == SignatureReport.Kind.CADES) {
      checks.add(result(SIGNED_DATA_FOUND, Outcome.check(attached || in.content() != null,
          in.id())));
    }
    Material material = in.documentMaterial().plus(material(cms, signer));
    X509Certificate cert = signerCertificate(cms, signer, material);
    checks.add(result(SIGNING_CERTIFICATE_FOUND, Outcome.check(cert != null,
        signer.getSID().toString())));
    if (cert == null) {
      return report(in, checks, null, List.of(), List.of(), List.of(), validationTime, null, "");
    }
    return validateSigner(in, checks, cms, signer, cert, material, validationTime);
  }

  /** Integrity, cryptography, certificate, timestamp and change checks of an identified signer. */
  private SignatureReport validateSigner(Input in, List<CheckResult> checks, CMSSignedData cms,
      SignerInformation signer, X509Certificate cert, Material material, Instant validationTime) {
    checks.add(result(SIGNING_CERTIFICATE_ATTRIBUTE_MATCHES, signingCertificateAttribute(signer,
        cert)));
    String digestName = digestName(signer.getDigestAlgOID());
    checks.add(result(MESSAGE_DIGEST_MATCHES, messageDigest(cms, signer, digestName, in)));
    checks.add(result(SIGNATURE_VALUE_VALID, signatureValue(cms, signer, cert)));
    List<TimestampValidator.Result> timestamps = new ArrayList<>();
    for (byte[] token : signatureTimestamps(signer)) {
      timestamps.add(engine.timestamps().validate(token, TimestampInfo.Kind.SIGNATURE_TIMESTAMP,
          name -> digest(name, signer.getSignature()), material.certificates(), validationTime));
    }
    Instant best = bestTime(timestamps, in.documentTimestamps());
    boolean poe = best != null;
    Instant bestTime = poe ? best : validationTime;
    Instant latestProof = poe ? latestTime(timestamps, in.documentTimestamps()) : validationTime;
    checks.addAll(cryptography(signer, cert, digestName, bestTime));
    ChainBuilder.Path path = engine.chains().build(cert, material.certificates());
    List<RevocationChecker.Assessment> revocations = engine.revocations(path, material, bestTime,
        latestProof, poe, validationTime);
    checks.addAll(CertificateChecks.run(new CertificateChecks.Facts(cert, path, bestTime, poe,
        validationTime, engine.policy(), revocations)));
    checks.add(result(TIMESTAMP_PRESENT, Outcome.check(poe)));
    for (TimestampValidator.Result ts : timestamps) {
      checks.addAll(ts.checks());
    }
    checks.addAll(in.following());
    List<TimestampInfo> infos = timestamps.stream().map(TimestampValidator.Result::info)
        .filter(Objects::nonNull).toList();
    boolean embeddedRevocation = !revocations.isEmpty() && revocations.stream()
        .allMatch(a -> a.used().stream().anyMatch(r -> r.origin().equals("embedded")));
    return report(in, checks, cert, path.anchored() ? path.certificates() : List.of(),
        revocations.stream().flatMap(a -> a.used().stream()).toList(), infos, bestTime,
        engine.roleOf(cert), format(in, poe, embeddedRevocation));
  }

  /** The earliest time a valid signature or document timestamp proves; null if none. */
  private static Instant bestTime(List<TimestampValidator.Result> signatureTimestamps,
      List<TimestampValidator.Result> documentTimestamps) {
    return java.util.stream.Stream.concat(
            signatureTimestamps.stream().filter(TimestampValidator.Result::valid),
            documentTimestamps.stream())
        .map(TimestampValidator.Result::time).min(Comparator.naturalOrder()).orElse(null);
  }

  /** The latest time a valid signature or document timestamp proves; null if none. */
  private static Instant latestTime(List<TimestampValidator.Result> signatureTimestamps,
      List<TimestampValidator.Result> documentTimestamps) {
    return java.util.stream.Stream.concat(
            signatureTimestamps.stream().filter(TimestampValidator.Result::valid),
            documentTimestamps.stream())
        .map(TimestampValidator.Result::time).max(Comparator.naturalOrder()).orElse(null);
  }

  private List<CheckResult> cryptography(SignerInformation signer, X509Certificate cert,
      String digestName, Instant bestTime) {
    AlgorithmPolicy algorithms = engine.policy().algorithms();
    String sigHash = signatureHash(signer, digestName);
    return List.of(
        result(DIGEST_ALGORITHM_ACCEPTED, Outcome.check(
            algorithms.acceptsDigest(digestName, bestTime), digestName, bestTime.toString())),
        result(SIGNATURE_ALGORITHM_ACCEPTED, Outcome.check(sigHash != null
            && algorithms.acceptsDigest(sigHash, bestTime), signer.getEncryptionAlgOID())),
        result(KEY_SIZE_ACCEPTED, Outcome.check(algorithms.acceptsKey(cert.getPublicKey(),
            bestTime), cert.getPublicKey().getAlgorithm(),
            String.valueOf(AlgorithmPolicy.keyBits(cert.getPublicKey())))));
  }

  private static String format(Input in, boolean poe, boolean embeddedRevocation) {
    String prefix = in.kind() == SignatureReport.Kind.PADES ? "PAdES-BASELINE-" : "CAdES-BASELINE-";
    if (!poe) {
      return prefix + "B";
    }
    if (!embeddedRevocation) {
      return prefix + "T";
    }
    return prefix + (in.validationDataCovered() ? "LTA" : "LT");
  }

  private SignatureReport report(Input in, List<CheckResult> checks, X509Certificate cert,
      List<X509Certificate> chain, List<RevocationInfo> revocations, List<TimestampInfo> ts,
      Instant bestTime, SignatureReport.Role role, String format) {
    List<CertificateInfo> chainInfo = chain.stream()
        .map(c -> CertificateInfo.of(c, engine.chains().isAnchor(c))).toList();
    List<CheckResult> recorded = checks.stream().filter(c -> c.level() != Level.IGNORE).toList();
    return new SignatureReport(in.id(), in.kind(),
        format.isEmpty() ? (in.kind() == SignatureReport.Kind.PADES ? "PAdES" : "CAdES") : format,
        role == null ? SignatureReport.Role.UNKNOWN : role,
        cert == null ? null : CertificateInfo.of(cert, engine.chains().isAnchor(cert)),
        in.claimedTime(), bestTime, in.revision(), chainInfo, revocations, ts, in.changes(),
        recorded, Checks.conclude(recorded));
  }

  private CheckResult result(CheckId id, Outcome outcome) {
    return Checks.result(id, engine.policy().level(id), outcome);
  }

  private static Material material(CMSSignedData cms, SignerInformation signer) {
    Material.Builder b = new Material.Builder();
    try {
      for (X509CertificateHolder h : cms.getCertificates().getMatches(null)) {
        b.certificate(h.getEncoded());
      }
      for (X509CRLHolder h : cms.getCRLs().getMatches(null)) {
        b.crl(h.getEncoded());
      }
      for (Object o : cms.getOtherRevocationInfo(
          new ASN1ObjectIdentifier("1.3.6.1.5.5.7.16.2")).getMatches(null)) {
        b.ocsp(((ASN1Encodable) o).toASN1Primitive().getEncoded());
      }
      AttributeTable unsigned = signer.getUnsignedAttributes();
      Attribute values = unsigned == null ? null
          : unsigned.get(PKCSObjectIdentifiers.id_aa_ets_revocationValues);
      if (values != null) {
        RevocationValues rv = RevocationValues.getInstance(values.getAttrValues().getObjectAt(0));
        for (CertificateList crl : rv.getCrlVals()) {
          b.crl(crl.getEncoded());
        }
        for (BasicOCSPResponse ocsp : rv.getOcspVals()) {
          b.ocsp(ocsp.getEncoded());
        }
      }
    } catch (IOException | RuntimeException e) {
      // unreadable extras are no candidates
    }
    return b.build();
  }

  @SuppressWarnings({"unchecked", "rawtypes"}) // BC's SignerId is a raw Selector
  private static X509Certificate signerCertificate(CMSSignedData cms, SignerInformation signer,
      Material material) {
    try {
      var matches = cms.getCertificates().getMatches((org.bouncycastle.util.Selector) signer.getSID());
      if (!matches.isEmpty()) {
        return new JcaX509CertificateConverter().getCertificate(
            (X509CertificateHolder) matches.iterator().next());
      }
      for (X509Certificate c : material.certificates()) {
        if (signer.getSID().match(new X509CertificateHolder(c.getEncoded()))) {
          return c;
        }
      }
    } catch (Exception e) {
      return null;
    }
    return null;
  }

  private static Outcome signingCertificateAttribute(SignerInformation signer,
      X509Certificate cert) {
    AttributeTable signed = signer.getSignedAttributes();
    if (signed == null) {
      return Outcome.failed("no signed attributes");
    }
    try {
      byte[] encoded = cert.getEncoded();
      Attribute v2 = signed.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
      if (v2 != null) {
        ESSCertIDv2 id = SigningCertificateV2.getInstance(v2.getAttrValues().getObjectAt(0))
            .getCerts()[0];
        String name = digestName(id.getHashAlgorithm().getAlgorithm().getId());
        boolean serial = id.getIssuerSerial() == null || id.getIssuerSerial().getSerial()
            .getValue().equals(cert.getSerialNumber());
        return Outcome.check(serial && MessageDigest.isEqual(id.getCertHash(),
            digest(name, encoded)), "signing-certificate-v2");
      }
      Attribute v1 = signed.get(PKCSObjectIdentifiers.id_aa_signingCertificate);
      if (v1 != null) {
        ESSCertID id = SigningCertificate.getInstance(v1.getAttrValues().getObjectAt(0))
            .getCerts()[0];
        return Outcome.check(MessageDigest.isEqual(id.getCertHash(), digest("SHA-1", encoded)),
            "signing-certificate");
      }
      return Outcome.failed("no signing-certificate attribute");
    } catch (Exception e) {
      return Outcome.failed(String.valueOf(e.getMessage()));
    }
  }

  private static Outcome messageDigest(CMSSignedData cms, SignerInformation signer,
      String digestName, Input in) {
    AttributeTable signed = signer.getSignedAttributes();
    Attribute md = signed == null ? null : signed.get(CMSAttributes.messageDigest);
    if (md == null) {
      return Outcome.failed("no message-digest attribute");
    }
    try {
      byte[] stated = ASN1OctetString.getInstance(md.getAttrValues().getObjectAt(0)).getOctets();
      MessageDigest digest = MessageDigest.getInstance(digestName);
      if (cms.getSignedContent() == null && in.content() == null) {
        return Outcome.notApplicable("no signed content");
      }
      if (cms.getSignedContent() != null) {
        cms.getSignedContent().write(new java.security.DigestOutputStream(
            java.io.OutputStream.nullOutputStream(), digest));
      } else {
        try (InputStream content = in.content().open()) {
          byte[] buf = new byte[64 * 1024];
          for (int n; (n = content.read(buf)) > 0; ) {
            digest.update(buf, 0, n);
          }
        }
      }
      return Outcome.check(MessageDigest.isEqual(stated, digest.digest()), digestName);
    } catch (Exception e) {
      return Outcome.failed(digestName + ": " + e.getMessage());
    }
  }

  /**
   * The signature over the signed attributes, checked on its own: BC is given the digest the
   * message-digest attribute states, so a changed document shows as MESSAGE_DIGEST_MATCHES and
   * not here.
   */
  private Outcome signatureValue(CMSSignedData cms, SignerInformation signer,
      X509Certificate cert) {
    try {
      Attribute md = signer.getSignedAttributes().get(CMSAttributes.messageDigest);
      byte[] stated = ASN1OctetString.getInstance(md.getAttrValues().getObjectAt(0)).getOctets();
      CMSSignedData withHash = new CMSSignedData(
          Map.of(signer.getDigestAlgorithmID().getAlgorithm(), stated), cms.toASN1Structure());
      SignerInformation s = withHash.getSignerInfos().getSigners().iterator().next();
      return Outcome.check(s.verify(CryptoProviders.signerInfoVerifier(engine.keys().of(cert))));
    } catch (Exception e) {
      return Outcome.failed(String.valueOf(e.getMessage()));
    }
  }

  private static List<byte[]> signatureTimestamps(SignerInformation signer) {
    List<byte[]> tokens = new ArrayList<>();
    AttributeTable unsigned = signer.getUnsignedAttributes();
    if (unsigned == null) {
      return tokens;
    }
    for (Attribute a : unsigned.toASN1Structure().getAttributes()) {
      if (a.getAttrType().equals(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken)) {
        for (ASN1Encodable v : a.getAttrValues()) {
          try {
            tokens.add(v.toASN1Primitive().getEncoded());
          } catch (IOException e) {
            // unreadable: no token
          }
        }
      }
    }
    return tokens;
  }

  /** The hash inside the signature algorithm (ECDSA-with-SHAx, RSA with the digest, PSS). */
  private static String signatureHash(SignerInformation signer, String digestName) {
    String enc = signer.getEncryptionAlgOID();
    if (enc.equals(PKCSObjectIdentifiers.rsaEncryption.getId())
        || enc.equals(PKCSObjectIdentifiers.id_RSASSA_PSS.getId())
        || enc.equals("1.2.840.10045.2.1")) {
      return digestName;
    }
    String name = new DefaultAlgorithmNameFinder().getAlgorithmName(new ASN1ObjectIdentifier(enc));
    int with = name.toUpperCase(java.util.Locale.ROOT).indexOf("WITH");
    if (with <= 0 || !(name.toUpperCase(java.util.Locale.ROOT).contains("RSA")
        || name.toUpperCase(java.util.Locale.ROOT).contains("ECDSA"))) {
      return null;
    }
    return AlgorithmPolicy.normalize(name.substring(0, with));
  }

  static String digestName(String oid) {
    if (oid.equals(NISTObjectIdentifiers.id_sha256.getId())) {
      return "SHA-256";
    }
    return AlgorithmPolicy.normalize(new DefaultAlgorithmNameFinder()
        .getAlgorithmName(new ASN1ObjectIdentifier(oid)));
  }

  static byte[] digest(String name, byte[] data) {
    try {
      return MessageDigest.getInstance(name).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalArgumentException("unknown digest " + name, e);
    }
  }
}
