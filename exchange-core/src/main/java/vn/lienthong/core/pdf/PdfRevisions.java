package vn.lienthong.core.pdf;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import vn.lienthong.core.validation.ChangeInfo;

/**
 * The revisions of a signed PDF and its signatures, read for a verifier that must withstand the
 * published attacks (universal signature forgery, incremental saving, signature wrapping, shadow
 * and certification attacks): each signature's structure is checked, the revision it covers
 * found, and every change a later revision made is listed and judged against DocMDP/FieldMDP.
 *
 * <p>The file is read from disk (never whole into memory); hostile structure never throws but is
 * reported in {@link SignatureField#structureProblems()}, {@link #problems()} and
 * {@link #changesAfter}. Work is bounded: at most {@link #MAX_REVISIONS_COMPARED} later revisions
 * are compared and {@link #MAX_PAGES_RENDERED} pages rendered per revision; what lies beyond is
 * reported as a change that is not allowed, never silently passed. Rendering for the comparison
 * has one {@link RenderingBudget} per file.
 */
public final class PdfRevisions {

  /** Later revisions compared per signature; beyond, a disallowed change says so. */
  public static final int MAX_REVISIONS_COMPARED = 32;
  /** Pages rendered per compared revision; beyond, a disallowed change says so. */
  public static final int MAX_PAGES_RENDERED = 16;
  /**
   * Revisions loaded for the comparisons of one file, all signatures together; beyond, a
   * disallowed change says which revisions were not compared.
   */
  public static final int MAX_REVISIONS_LOADED = 512;
  /** Signatures read; beyond, {@link #problems()} says so. */
  public static final int MAX_SIGNATURES = 10_000;

  private final Path file;
  private final List<RevisionEnds.End> ends;
  private final List<SignatureField> signatures;
  private final List<String> problems;
  private final Map<String, List<ChangeInfo>> changes = new HashMap<>();
  private final HexStrings decoded;
  private final RenderingBudget rendering = new RenderingBudget();
  private final RevisionComparer.Shared comparisons = new RevisionComparer.Shared();

  private PdfRevisions(Path file, List<RevisionEnds.End> ends, List<SignatureField> signatures,
      List<String> problems, HexStrings decoded) {
    this.file = file;
    this.decoded = decoded;
    this.ends = ends;
    this.signatures = signatures;
    this.problems = problems;
  }

  /**
   * Reads a PDF's revisions and signatures.
   *
   * @throws NotAPdfException when the file is empty or has no PDF header
   * @throws IOException when the file cannot be read
   */
  public static PdfRevisions read(Path pdf) throws IOException {
    requireNonNull(pdf, "pdf");
    List<RevisionEnds.End> ends = RevisionEnds.scan(pdf);
    List<String> problems = new ArrayList<>();
    if (ends.isEmpty()) {
      problems.add("no %%EOF closes a revision: the file is truncated or not a complete PDF");
    }
    List<SignatureField> signatures = new ArrayList<>();
    HexStrings decoded = new HexStrings();
    try (RandomAccessReadBufferedFile read = new RandomAccessReadBufferedFile(pdf.toFile());
        RandomAccessFile raw = new RandomAccessFile(pdf.toFile(), "r")) {
      PDDocument doc;
      try {
        doc = PdfLoader.load(read, decoded);
      } catch (IOException | RuntimeException e) {
        problems.add("PDFBox cannot parse the file: " + e.getMessage());
        return new PdfRevisions(pdf, ends, List.of(), problems, decoded);
      }
      try (doc) {
        SignatureStructure structure = new SignatureStructure(raw, raw.length(), ends);
        Map<COSObjectKey, Long> xref = doc.getDocument().getXrefTable();
        for (Map.Entry<String, COSDictionary> e : signatureDictionaries(doc, problems)) {
          COSObjectKey key = e.getValue().getKey();
          long offset = key == null ? -1 : xref.getOrDefault(key, -1L);
          try {
            signatures.add(structure.read(e.getKey(), e.getValue(), offset));
          } catch (RuntimeException ex) {
            problems.add("signature " + e.getKey() + " cannot be read: " + ex);
          }
        }
      } catch (RuntimeException e) {
        problems.add("the document's structure cannot be read: " + e);
      }
    }
    signatures.sort(Comparator.comparingInt(SignatureField::revision)
        .thenComparingLong(s -> s.byteRange() != null && s.byteRange().length > 1
            ? s.byteRange()[1] : Long.MAX_VALUE));
    return new PdfRevisions(pdf, ends, List.copyOf(signatures), List.copyOf(problems), decoded);
  }

  /**
   * The whole file, loaded as {@link #read} loads it (cross-reference streams checked before
   * PDFBox reads them); closed by the caller. For what else a verifier reads of the file, the
   * DSS: PDFBox's own loader read an xref stream of entries of no bytes for minutes.
   */
  public static PDDocument load(Path pdf) throws IOException {
    RandomAccessReadBufferedFile read = new RandomAccessReadBufferedFile(pdf.toFile());
    try {
      return PdfLoader.load(read);
    } catch (IOException | RuntimeException e) {
      read.close();
      throw e;
    }
  }

  /** Every signature and document time stamp, in file order. */
  public List<SignatureField> signatures() {
    return signatures;
  }

  /** The number of revisions: complete ones, each closed by {@code %%EOF}. */
  public int revisionCount() {
    return ends.size();
  }

  /** Problems of the document as a whole (no signature's): truncation, unparsable structure. */
  public List<String> problems() {
    return problems;
  }

  /**
   * Each change made by a revision after the one {@code field} covers, judged against the
   * document's DocMDP certification and FieldMDP locks; empty when nothing followed. Results are
   * computed once per signed revision and certification level, then cached.
   *
   * @param field one of {@link #signatures()} (the same instance)
   */
  public synchronized List<ChangeInfo> changesAfter(SignatureField field) throws IOException {
    requireNonNull(field, "field");
    if (signatures.stream().noneMatch(s -> s == field)) {
      throw new IllegalArgumentException("field is not a signature of this document");
    }
    int permission = certification(field);
    String cacheKey = field.revision() + ":" + permission;
    List<ChangeInfo> cached = changes.get(cacheKey);
    if (cached == null) {
      cached = new RevisionComparer(file, ends, permission, decoded, rendering,
          comparisons).changesAfter(field.revision());
      changes.put(cacheKey, cached);
    }
    return cached;
  }

  /**
   * Streams the bytes the signature's ByteRange covers.
   *
   * @throws IllegalStateException when the ByteRange is not sound
   */
  public InputStream signedContent(SignatureField field) throws IOException {
    requireNonNull(field, "field");
    if (!field.hasSoundByteRange()) {
      throw new IllegalStateException("The ByteRange of " + field.name() + " is not sound: "
          + field.structureProblems());
    }
    long[] r = field.byteRange();
    return new RangeInputStream(file, r[0], r[1], r[2], r[3]);
  }

  /** The DocMDP /P in force for changes after the field: its own, else an earlier certifier's. */
  private int certification(SignatureField field) {
    if (field.docMdpPermission() > 0) {
      return field.docMdpPermission();
    }
    return signatures.stream()
        .filter(s -> s.docMdpPermission() > 0 && s.revision() <= field.revision())
        .mapToInt(SignatureField::docMdpPermission).min().orElse(0);
  }

  private static List<Map.Entry<String, COSDictionary>> signatureDictionaries(PDDocument doc,
      List<String> problems) {
    List<Map.Entry<String, COSDictionary>> found = new ArrayList<>();
    COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
    if (!(catalog.getDictionaryObject(COSName.ACRO_FORM) instanceof COSDictionary form)
        || !(form.getDictionaryObject(COSName.FIELDS) instanceof COSArray fields)) {
      return found;
    }
    walk(fields, "", null, 0, found, new IdentityHashMap<>(), problems);
    return found;
  }

  private static void walk(COSArray kids, String prefix, COSName inheritedType, int depth,
      List<Map.Entry<String, COSDictionary>> found, Map<COSBase, Boolean> seen,
      List<String> problems) {
    if (depth > 32) {
      problems.add("the form field tree is deeper than 32 levels; deeper fields were not read");
      return;
    }
    for (COSBase item : kids) {
      COSBase value = item instanceof COSObject o ? o.getObject() : item;
      if (!(value instanceof COSDictionary field) || seen.put(field, true) != null) {
        continue;
      }
      if (found.size() >= MAX_SIGNATURES) {
        problems.add("more than " + MAX_SIGNATURES + " signatures; the rest were not read");
        return;
      }
      String partial = field.getString(COSName.T);
      String name = partial == null ? prefix : prefix.isEmpty() ? partial : prefix + "." + partial;
      COSName type = field.getCOSName(COSName.FT, inheritedType);
      if (COSName.SIG.equals(type) && field.getDictionaryObject(COSName.V)
          instanceof COSDictionary sig && seen.put(sig, true) == null) {
        found.add(Map.entry(name, sig));
      }
      if (field.getDictionaryObject(COSName.KIDS) instanceof COSArray children) {
        walk(children, name, type, depth + 1, found, seen, problems);
      }
    }
  }
}
