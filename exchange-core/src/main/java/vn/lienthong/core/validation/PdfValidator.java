package vn.lienthong.core.validation;

import static vn.lienthong.core.validation.CheckId.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import vn.lienthong.core.pdf.DssItems;
import vn.lienthong.core.pdf.PdfRevisions;
import vn.lienthong.core.pdf.SignatureField;

/**
 * The PAdES engine: every signature and document timestamp of a PDF, with the structure checks
 * and changes from {@link PdfRevisions} and the validation data of the DSS dictionary.
 */
final class PdfValidator {

  private static final Set<String> SIGNATURE_SUB_FILTERS =
      Set.of("ETSI.CAdES.detached", "adbe.pkcs7.detached");
  private static final Set<ChangeInfo.Kind> VISIBLE = EnumSet.of(
      ChangeInfo.Kind.VISIBLE_CONTENT_CHANGED, ChangeInfo.Kind.PAGE_CONTENT_CHANGED,
      ChangeInfo.Kind.PAGE_ADDED_OR_REMOVED);
  private static final List<CheckId> STRUCTURE = List.of(SIGNATURE_DICTIONARY_WELL_FORMED,
      BYTE_RANGE_VALID, CONTENTS_FILL_GAP, SUB_FILTER_SUPPORTED);
  /** A DSS stream larger than this is not validation data. */
  private static final int MAX_DSS_ITEM = 4 * 1024 * 1024;
  /**
   * Distinct items read from each DSS array (a document of a hundred signatures needs a few
   * hundred): each OCSP response is parsed and matched against every certificate checked, and
   * one whose CertID matches has its signature verified, so a 771 KB update naming one response
   * 100 000 times held the verifier for minutes. Identical items are read once; items beyond the
   * bound are not read (the DSS is the updater's to fill or leave out anyway).
   */
  static final int MAX_DSS_ITEMS = 1_000;

  /** How a DocMDP certification's CERTIFICATION_PERMISSIONS argument starts. */
  static final String CERTIFIED = "DocMDP ";

  private final Engine engine;
  private final CmsValidator cms;

  PdfValidator(Engine engine) {
    this.engine = engine;
    this.cms = new CmsValidator(engine);
  }

  /** The DSS's certificates, OCSP responses and CRLs, and where its last item starts. */
  record Dss(Material material, long lastItemOffset, boolean present) {}

  List<SignatureReport> validate(Path file, Instant validationTime) throws IOException {
    PdfRevisions revisions = PdfRevisions.read(file);
    if (!revisions.problems().isEmpty()) {
      throw new IOException(String.join("; ", revisions.problems()));
    }
    Dss dss = readDss(file);
    List<TimestampValidator.Result> docTimestamps = new ArrayList<>();
    List<SignatureField> docFields = new ArrayList<>();
    List<SignatureReport> reports = new ArrayList<>();
    for (SignatureField field : revisions.signatures()) {
      if (field.documentTimestamp()) {
        TimestampValidator.Result ts = engine.timestamps().validate(field.contents(),
            TimestampInfo.Kind.DOCUMENT_TIMESTAMP, name -> digest(revisions, field, name),
            dss.material().certificates(), validationTime);
        reports.add(documentTimestampReport(revisions, field, ts, validationTime));
        if (ts.valid()) {
          docTimestamps.add(ts);
          docFields.add(field);
        }
      }
    }
    for (SignatureField field : revisions.signatures()) {
      if (field.documentTimestamp()) {
        continue;
      }
      List<TimestampValidator.Result> covering = new ArrayList<>();
      boolean dssCovered = false;
      for (int i = 0; i < docFields.size(); i++) {
        SignatureField d = docFields.get(i);
        if (d.revision() > field.revision() && field.revision() > 0) {
          covering.add(docTimestamps.get(i));
          dssCovered |= dss.present() && end(d) > dss.lastItemOffset();
        }
      }
      List<ChangeInfo> changes = revisions.changesAfter(field);
      reports.add(cms.validate(new CmsValidator.Input(field.name(), SignatureReport.Kind.PADES,
          field.contents(), () -> revisions.signedContent(field), field.claimedTime(),
          field.revision(), dss.material(), structureChecks(field, SIGNATURE_SUB_FILTERS),
          changeChecks(field, changes), changes, covering, dssCovered), validationTime));
    }
    reports.sort((a, b) -> Integer.compare(a.coveredRevision(), b.coveredRevision()));
    return reports;
  }

  private SignatureReport documentTimestampReport(PdfRevisions revisions, SignatureField field,
      TimestampValidator.Result ts, Instant validationTime) throws IOException {
    List<CheckResult> checks = new ArrayList<>(structureChecks(field, Set.of("ETSI.RFC3161")));
    checks.addAll(ts.checks());
    List<ChangeInfo> changes = revisions.changesAfter(field);
    checks.addAll(changeChecks(field, changes));
    List<CertificateInfo> chain = ts.chain().stream()
        .map(c -> CertificateInfo.of(c, engine.chains().isAnchor(c))).toList();
    return new SignatureReport(field.name(), SignatureReport.Kind.PDF_DOCUMENT_TIMESTAMP,
        "PAdES-DOCUMENT-TIMESTAMP", SignatureReport.Role.DOCUMENT_TIMESTAMP,
        ts.tsa() == null ? null : CertificateInfo.of(ts.tsa(), engine.chains().isAnchor(ts.tsa())),
        field.claimedTime(), ts.time() == null ? validationTime : ts.time(), field.revision(),
        chain, List.of(), ts.info() == null ? List.of() : List.of(ts.info()), changes, checks,
        Checks.conclude(checks));
  }

  private List<CheckResult> structureChecks(SignatureField field, Set<String> subFilters) {
    List<CheckResult> results = new ArrayList<>();
    for (CheckId id : STRUCTURE) {
      List<String> problems = field.structureProblems().stream()
          .filter(p -> p.startsWith(id.name())).map(p -> p.substring(id.name().length())
              .replaceFirst("^:\\s*", "")).toList();
      Outcome outcome = problems.isEmpty() ? Outcome.passed() : Outcome.failed(
          String.join("; ", problems));
      if (id == SUB_FILTER_SUPPORTED && problems.isEmpty()) {
        outcome = Outcome.check(subFilters.contains(field.subFilter()), field.subFilter());
      }
      results.add(result(id, outcome));
    }
    for (String p : field.structureProblems()) {
      if (STRUCTURE.stream().noneMatch(id -> p.startsWith(id.name()))) {
        CheckId id = idOf(p);
        results.add(result(id, Outcome.failed(p)));
      }
    }
    return results;
  }

  private static CheckId idOf(String problem) {
    int colon = problem.indexOf(':');
    try {
      return colon > 0 ? CheckId.valueOf(problem.substring(0, colon).trim())
          : SIGNATURE_DICTIONARY_WELL_FORMED;
    } catch (IllegalArgumentException e) {
      return SIGNATURE_DICTIONARY_WELL_FORMED;
    }
  }

  private List<CheckResult> changeChecks(SignatureField field, List<ChangeInfo> changes) {
    List<ChangeInfo> disallowed = changes.stream().filter(c -> !c.allowed()).toList();
    List<ChangeInfo> visible = disallowed.stream().filter(c -> VISIBLE.contains(c.kind()))
        .toList();
    List<CheckResult> results = new ArrayList<>();
    results.add(result(NO_DISALLOWED_CHANGES, Outcome.check(disallowed.isEmpty(),
        describe(disallowed))));
    results.add(result(NO_VISIBLE_CHANGES, visible.isEmpty() ? Outcome.passed()
        : Outcome.failed(String.valueOf(visible.get(0).revision()), describe(visible))));
    // the first argument says which: DocumentChecks tells a certification from a field lock by it
    results.add(result(CERTIFICATION_PERMISSIONS, field.docMdpPermission() == 0
        ? Outcome.notApplicable() : Outcome.check(disallowed.isEmpty(),
            (field.certification() ? CERTIFIED : "FieldMDP ") + "P=" + field.docMdpPermission()
            + ": " + describe(disallowed))));
    return results;
  }

  private static String describe(List<ChangeInfo> changes) {
    return String.join("; ", changes.stream()
        .map(c -> "revision " + c.revision() + ": " + c.description()).toList());
  }

  private CheckResult result(CheckId id, Outcome outcome) {
    return Checks.result(id, engine.policy().level(id), outcome);
  }

  private static long end(SignatureField f) {
    long[] br = f.byteRange();
    return br != null && br.length == 4 ? br[2] + br[3] : 0;
  }

  private static byte[] digest(PdfRevisions revisions, SignatureField field, String name) {
    try (InputStream in = revisions.signedContent(field)) {
      MessageDigest md = MessageDigest.getInstance(name);
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return md.digest();
    } catch (Exception e) {
      throw new IllegalStateException("the signed bytes cannot be read: " + e.getMessage(), e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads the DSS dictionary (Certs, OCSPs, CRLs) with PDFBox; none is no error. */
  static Dss readDss(Path file) {
    Material.Builder b = new Material.Builder();
    long last = -1;
    boolean present = false;
    try (PDDocument doc = PdfRevisions.load(file)) {
      COSDictionary dss = doc.getDocumentCatalog().getCOSObject()
          .getCOSDictionary(COSName.getPDFName("DSS"));
      if (dss != null) {
        present = true;
        Map<COSObjectKey, Long> xref = doc.getDocument().getXrefTable();
        for (String key : List.of("Certs", "OCSPs", "CRLs")) {
          if (!(dss.getDictionaryObject(COSName.getPDFName(key)) instanceof COSArray array)) {
            continue;
          }
          Set<COSBase> streamsRead = java.util.Collections.newSetFromMap(
              new java.util.IdentityHashMap<>());
          Set<String> contents = new java.util.HashSet<>();
          for (int i = 0; i < array.size(); i++) {
            COSBase raw = array.get(i);
            if (raw instanceof COSObject o && o.getKey() != null) {
              Long offset = xref.get(o.getKey());
              if (offset != null && offset > last) {
                last = offset;
              }
            }
            if (contents.size() < MAX_DSS_ITEMS && array.getObject(i) instanceof COSStream stream
                && streamsRead.add(stream) && stream.getLength() <= MAX_DSS_ITEM) {
              // decoded with a bound: PDFBox inflates a stream whole into memory first
              byte[] bytes = DssItems.decoded(stream, MAX_DSS_ITEM);
              if (bytes != null && contents.add(sha256(bytes))) {
                switch (key) {
                  case "Certs" -> b.certificate(bytes);
                  case "OCSPs" -> b.ocsp(bytes);
                  default -> b.crl(bytes);
                }
              }
            }
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // no usable DSS: validation data is then missing, which the revocation checks report
    }
    return new Dss(b.build(), last, present);
  }
}
