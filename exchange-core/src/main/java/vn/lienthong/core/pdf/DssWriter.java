package vn.lienthong.core.pdf;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;
import vn.lienthong.core.pdf.PdfSigningException.Code;
import vn.lienthong.core.pki.PkiException;
import vn.lienthong.core.pki.RevocationEvidence;
import vn.lienthong.core.pki.ValidationData;
import vn.lienthong.core.pki.ValidationDataCollector;

/**
 * Adds a DSS dictionary (ISO 32000-2 12.8.4.3, PAdES B-LT) in an incremental update: the chain of
 * every signer and time-stamp authority of every signature in the document, their OCSP responses
 * and CRLs, and a VRI entry per signature. Existing DSS content is kept.
 */
final class DssWriter {

  private static final COSName DSS = COSName.getPDFName("DSS");
  private static final COSName VRI = COSName.getPDFName("VRI");
  private static final COSName CERTS = COSName.getPDFName("Certs");
  private static final COSName OCSPS = COSName.getPDFName("OCSPs");
  private static final COSName CRLS = COSName.getPDFName("CRLs");
  /** Existing DSS items larger than this (decoded) are not compared with new ones. */
  private static final int MAX_ITEM = 16 * 1024 * 1024;

  private final ValidationDataCollector collector;
  private final List<X509Certificate> trustAnchors;

  DssWriter(ValidationDataCollector collector, List<X509Certificate> trustAnchors) {
    this.collector = collector;
    this.trustAnchors = trustAnchors;
  }

  void addValidationData(Path in, Path out) throws PdfSigningException, IOException {
    try (PDDocument doc = Documents.open(in); OutputStream os = Files.newOutputStream(out)) {
      List<PDSignature> signatures = doc.getSignatureDictionaries();
      if (signatures.isEmpty()) {
        throw new PdfSigningException(Code.NOT_SIGNED, in + " carries no signature");
      }
      COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
      COSDictionary dss = catalog.getCOSDictionary(DSS);
      if (dss == null) {
        dss = new COSDictionary();
        catalog.setItem(DSS, dss);
      }
      Streams streams = new Streams(doc, dss);
      COSDictionary vri = dss.getCOSDictionary(VRI);
      if (vri == null) {
        vri = new COSDictionary();
        dss.setItem(VRI, vri);
      }
      for (PDSignature signature : signatures) {
        byte[] contents = signature.getContents();
        ValidationData data = collect(contents);
        COSDictionary entry = new COSDictionary();
        entry.setItem(COSName.getPDFName("Cert"), streams.add(CERTS, encoded(data.certificates())));
        entry.setItem(COSName.getPDFName("OCSP"),
            streams.add(OCSPS, of(data, RevocationEvidence.Kind.OCSP)));
        entry.setItem(COSName.getPDFName("CRL"),
            streams.add(CRLS, of(data, RevocationEvidence.Kind.CRL)));
        vri.setItem(COSName.getPDFName(vriKey(contents)), entry);
      }
      catalog.setNeedToBeUpdated(true);
      dss.setNeedToBeUpdated(true);
      vri.setNeedToBeUpdated(true);
      HybridUpdates.saveIncremental(doc, in, os, null);
    }
  }

  private ValidationData collect(byte[] contents) throws PdfSigningException, IOException {
    try {
      CMSSignedData cms = readCms(contents);
      List<X509Certificate> known = new ArrayList<>(trustAnchors);
      List<X509Certificate> leaves = new ArrayList<>();
      JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
      for (X509CertificateHolder h : cms.getCertificates().getMatches(null)) {
        known.add(converter.getCertificate(h));
      }
      SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
      for (X509CertificateHolder h : matches(cms.getCertificates(), signer.getSID())) {
        leaves.add(converter.getCertificate(h));
      }
      Attribute stamp = signer.getUnsignedAttributes() == null ? null
          : signer.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
      if (stamp != null) {
        TimeStampToken token = new TimeStampToken(ContentInfo.getInstance(
            stamp.getAttrValues().getObjectAt(0)));
        @SuppressWarnings("unchecked")
        org.bouncycastle.util.Store<X509CertificateHolder> tsCerts = token.getCertificates();
        for (X509CertificateHolder h : tsCerts.getMatches(null)) {
          known.add(converter.getCertificate(h));
        }
        for (X509CertificateHolder h : matches(tsCerts, token.getSID())) {
          leaves.add(converter.getCertificate(h));
        }
      }
      if (leaves.isEmpty()) {
        throw new PdfSigningException(Code.CORRUPT_PDF, "A signature does not carry its signer's"
            + " certificate");
      }
      return collector.collect(leaves, known, trustAnchors);
    } catch (CMSException | TSPException | CertificateException | RuntimeException e) {
      throw new PdfSigningException(Code.CORRUPT_PDF, "A signature's CMS cannot be read: "
          + e.getMessage(), e);
    } catch (PkiException e) {
      throw PdfSigningException.of(e);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Collection<X509CertificateHolder> matches(
      org.bouncycastle.util.Store<X509CertificateHolder> store,
      org.bouncycastle.util.Selector selector) {
    return store.getMatches(selector);
  }

  /** stack.md pitfall 5: /Contents is zero padded; read exactly one DER object from it. */
  static CMSSignedData readCms(byte[] contents) throws IOException, CMSException {
    try (ASN1InputStream in = new ASN1InputStream(contents)) {
      return new CMSSignedData(ContentInfo.getInstance(in.readObject()));
    }
  }

  /** The VRI key: upper-case hex SHA-1 of the signature's /Contents bytes. */
  static String vriKey(byte[] contents) {
    try {
      return HexFormat.of().withUpperCase()
          .formatHex(MessageDigest.getInstance("SHA-1").digest(contents));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from this Java runtime", e);
    }
  }

  private static List<byte[]> encoded(Collection<X509Certificate> certs)
      throws PdfSigningException {
    List<byte[]> out = new ArrayList<>();
    for (X509Certificate c : certs) {
      try {
        out.add(c.getEncoded());
      } catch (CertificateEncodingException e) {
        throw new PdfSigningException(Code.CORRUPT_PDF, "A certificate cannot be encoded", e);
      }
    }
    return out;
  }

  private static List<byte[]> of(ValidationData data, RevocationEvidence.Kind kind) {
    return data.evidence().stream().filter(e -> e.kind() == kind)
        .map(RevocationEvidence::encoded).toList();
  }

  /** The DSS arrays of streams, without duplicates (by content). */
  private static final class Streams {
    private final PDDocument doc;
    private final COSDictionary dss;
    private final Map<COSName, Map<String, COSStream>> byContent = new java.util.HashMap<>();

    Streams(PDDocument doc, COSDictionary dss) throws IOException {
      this.doc = doc;
      this.dss = dss;
      for (COSName name : List.of(CERTS, OCSPS, CRLS)) {
        Map<String, COSStream> known = new java.util.HashMap<>();
        if (dss.getDictionaryObject(name) instanceof COSArray array) {
          for (COSBase b : array) {
            COSBase o = b instanceof COSObject obj ? obj.getObject() : b;
            if (o instanceof COSStream s) {
              // bounded: PDFBox inflates a stream whole into memory, and a bomb in a DSS ran the
              // extender out of memory; an item too large to read is kept but not matched
              byte[] bytes = s.getLength() <= MAX_ITEM ? DssItems.decoded(s, MAX_ITEM) : null;
              if (bytes != null) {
                known.put(vriKey(bytes), s);
              }
            }
          }
        }
        byContent.put(name, known);
      }
    }

    /** Adds each value (once) to the DSS array of {@code name}; returns the VRI array. */
    COSArray add(COSName name, List<byte[]> values) throws IOException {
      COSArray global = dss.getDictionaryObject(name) instanceof COSArray a ? a : new COSArray();
      dss.setItem(name, global);
      global.setNeedToBeUpdated(true);
      COSArray refs = new COSArray();
      Set<String> seen = new LinkedHashSet<>();
      for (byte[] value : values) {
        String key = vriKey(value);
        if (!seen.add(key)) {
          continue;
        }
        COSStream stream = byContent.get(name).get(key);
        if (stream == null) {
          stream = doc.getDocument().createCOSStream();
          try (OutputStream os = stream.createOutputStream(COSName.FLATE_DECODE)) {
            os.write(value);
          }
          stream.setNeedToBeUpdated(true);
          byContent.get(name).put(key, stream);
          global.add(stream);
        }
        refs.add(stream);
      }
      return refs;
    }
  }
}
