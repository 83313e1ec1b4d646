package vn.lienthong.core.pdf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureInterface;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import vn.lienthong.core.pdf.PdfSigningException.Code;
import vn.lienthong.core.pki.DigestAlgorithm;
import vn.lienthong.core.pki.PkiException;
import vn.lienthong.core.pki.SigningKey;
import vn.lienthong.core.pki.TimeStampClient;

/**
 * Appends one signed revision to a PDF: an approval (or certification) signature, or a document
 * time stamp. The file is parsed from disk, the new revision saved incrementally, and the signed
 * byte ranges streamed into the digest: memory stays small whatever the file's size.
 */
final class Revisions {

  static final COSName ETSI_CADES_DETACHED = COSName.getPDFName("ETSI.CAdES.detached");
  static final COSName ETSI_RFC3161 = COSName.getPDFName("ETSI.RFC3161");
  static final COSName DOC_TIME_STAMP = COSName.getPDFName("DocTimeStamp");
  /** Room for the CMS: chain, signature time stamp with the TSA's chain, RSA-4096 included. */
  static final int SIGNATURE_SIZE = 32 * 1024;
  static final int TIME_STAMP_SIZE = 16 * 1024;

  private final CmsSignatureBuilder cms;

  Revisions(CmsSignatureBuilder cms) {
    this.cms = cms;
  }

  /** Signs {@code in} into {@code out}; {@code tsa} is needed from B-T on, else may be null. */
  void sign(Path in, Path out, SigningKey key, SignatureOptions options, Instant now,
      TimeStampClient tsa) throws PdfSigningException, IOException {
    try (PDDocument doc = Documents.open(in);
        OutputStream os = Files.newOutputStream(out)) {
      requirePages(doc);
      checkPermissions(doc, options.certification());
      PDSignature signature = new PDSignature();
      signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
      signature.setSubFilter(ETSI_CADES_DETACHED);
      signature.setName(commonName(key));
      if (!options.reason().isEmpty()) {
        signature.setReason(options.reason());
      }
      if (!options.location().isEmpty()) {
        signature.setLocation(options.location());
      }
      signature.setSignDate(calendar(now));
      if (options.certification() != Certification.NONE) {
        Certifications.certify(doc, signature, options.certification().permission());
      }
      try (org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions pdfOptions =
          new org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions()) {
        pdfOptions.setPreferredSignatureSize(SIGNATURE_SIZE);
        Appearance look = options.appearance();
        if (!(look instanceof Appearance.Invisible)) {
          try (AppearanceTemplate template = new AppearanceTemplate(now)) {
            Layout.Resolved place = Layout.resolve(doc, look, options.placement(),
                look instanceof Appearance.CopyText c ? template.copyLines(c) : List.of(),
                template);
            pdfOptions.setVisualSignature(
                new ByteArrayInputStream(template.render(doc, look, place)));
            pdfOptions.setPage(place.pageIndex());
          }
        }
        saveSigned(in, doc, signature, pdfOptions, os, "The CMS signature", SIGNATURE_SIZE,
            content -> cms.sign(content, key, options,
                options.level().atLeast(PadesLevel.B_T) ? tsa : null));
      }
    }
  }

  /** PDFBox signs no document without pages (IllegalStateException): a typed refusal instead. */
  private static void requirePages(PDDocument doc) throws PdfSigningException {
    if (doc.getNumberOfPages() == 0) {
      throw new PdfSigningException(PdfSigningException.Code.CORRUPT_PDF, "The document has no pages to sign");
    }
  }

  void timeStamp(Path in, Path out, TimeStampClient tsa, DigestAlgorithm digest, Instant now)
      throws PdfSigningException, IOException {
    try (PDDocument doc = Documents.open(in);
        OutputStream os = Files.newOutputStream(out);
        org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions pdfOptions =
            new org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions()) {
      PDSignature signature = new PDSignature();
      signature.setType(DOC_TIME_STAMP);
      signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
      signature.setSubFilter(ETSI_RFC3161);
      signature.setSignDate(calendar(now));
      pdfOptions.setPreferredSignatureSize(TIME_STAMP_SIZE);
      saveSigned(in, doc, signature, pdfOptions, os, "The time stamp", TIME_STAMP_SIZE,
          content -> {
            try {
              return tsa.stamp(digest, Documents.digest(content, digest.newDigest())).encoded();
            } catch (PkiException e) {
              throw PdfSigningException.of(e);
            }
          });
    }
  }

  private static void checkPermissions(PDDocument doc, Certification certification)
      throws PdfSigningException, IOException {
    boolean signed = !doc.getSignatureDictionaries().isEmpty();
    if (certification != Certification.NONE && signed) {
      throw new PdfSigningException(Code.ALREADY_SIGNED, "Only the first signature of a document"
          + " can certify it; this one is already signed");
    }
    if (Certifications.permission(doc) == 1) {
      throw new PdfSigningException(Code.CERTIFIED_NO_CHANGES, "The document is certified with"
          + " DocMDP P=1: a further signature would invalidate its certification");
    }
    PDAcroForm form = doc.getDocumentCatalog().getAcroForm(null);
    if (form != null) {
      for (PDField field : form.getFieldTree()) {
        if (field instanceof PDSignatureField sig && sig.getSignature() != null
            && Permissions.stricter(Permissions.docMdp(sig.getSignature().getCOSObject()),
                field.getCOSObject().getDictionaryObject(LOCK) instanceof COSDictionary lock
                    ? Permissions.lockPermission(lock) : 0) == 1) {
          throw new PdfSigningException(Code.CERTIFIED_NO_CHANGES, "The signature "
              + field.getFullyQualifiedName() + " locked the document (P=1): a further"
              + " signature would invalidate it");
        }
      }
    }
  }

  private static final COSName LOCK = COSName.getPDFName("Lock");

  private static String commonName(SigningKey key) {
    String dn = key.certificate().getSubjectX500Principal().getName();
    for (String part : dn.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
      if (part.trim().startsWith("CN=")) {
        return part.trim().substring(3);
      }
    }
    return dn;
  }

  static Calendar calendar(Instant instant) {
    Calendar calendar = new GregorianCalendar(TimeZone.getTimeZone("GMT+07:00"));
    calendar.setTimeInMillis(instant.toEpochMilli());
    return calendar;
  }

  /** DocMDP certification, as ISO 32000-1 12.8.2.2 writes it. */
  static final class Certifications {
    private Certifications() {}

    static void certify(PDDocument doc, PDSignature signature, int permission) {
      COSDictionary params = new COSDictionary();
      params.setItem(COSName.TYPE, COSName.getPDFName("TransformParams"));
      params.setInt(COSName.P, permission);
      params.setName(COSName.V, "1.2");
      COSDictionary reference = new COSDictionary();
      reference.setItem(COSName.TYPE, COSName.getPDFName("SigRef"));
      reference.setItem(COSName.getPDFName("TransformMethod"), COSName.DOCMDP);
      reference.setItem(COSName.getPDFName("TransformParams"), params);
      COSArray references = new COSArray();
      references.add(reference);
      signature.getCOSObject().setItem(COSName.getPDFName("Reference"), references);
      COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
      COSDictionary perms = new COSDictionary();
      perms.setItem(COSName.DOCMDP, signature);
      catalog.setItem(COSName.PERMS, perms);
      catalog.setNeedToBeUpdated(true);
      perms.setNeedToBeUpdated(true);
    }

    /** The document's DocMDP /P, or 0 when it is not certified. */
    static int permission(PDDocument doc) {
      COSBase perms = doc.getDocumentCatalog().getCOSObject().getDictionaryObject(COSName.PERMS);
      return perms instanceof COSDictionary p
          && p.getDictionaryObject(COSName.DOCMDP) instanceof COSDictionary sig
          ? Permissions.docMdp(sig) : 0;
    }
  }

  /** What fills a new signature's {@code /Contents}, computed from the bytes it covers. */
  @FunctionalInterface
  private interface Contents {
    byte[] of(InputStream covered) throws PdfSigningException, IOException;
  }

  /** Carries a typed failure out of PDFBox's {@code SignatureInterface}, which throws IOException only. */
  private static final class Carried extends IOException {
    Carried(PdfSigningException cause) {
      super(cause);
    }
  }

  /**
   * Adds {@code signature} and writes the incremental update, its {@code /Contents} computed from
   * the covered bytes. PDFBox recognises the new signature dictionary by a placeholder
   * {@code /ByteRange} beyond the end of the input; its default placeholder (10^9 per entry) made
   * any PDF of 10^9 bytes (954 MiB) or more fail with "PDF not prepared for signing". The
   * placeholder is widened to the largest its API writes, which PDFBox's external-signing entry
   * point forbids, hence its {@code SignatureInterface}.
   */
  private static void saveSigned(Path in, PDDocument doc, PDSignature signature,
      org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions pdfOptions,
      OutputStream os, String what, int reserved, Contents contents)
      throws PdfSigningException, IOException {
    SignatureInterface signing = covered -> {
      try {
        byte[] value = contents.of(covered);
        if (value.length > reserved) {
          throw new PdfSigningException(Code.SIGNATURE_TOO_LARGE, what + " of " + value.length
              + " bytes does not fit the " + reserved + " reserved");
        }
        return value;
      } catch (PdfSigningException e) {
        throw new Carried(e);
      }
    };
    doc.addSignature(signature, signing, pdfOptions);
    signature.setByteRange(new int[] {0, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE});
    try {
      HybridUpdates.saveIncremental(doc, in, os, signing);
    } catch (Carried carried) {
      throw (PdfSigningException) carried.getCause();
    }
  }
}
