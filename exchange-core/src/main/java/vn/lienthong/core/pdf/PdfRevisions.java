package vn.lienthong.core.pdf;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.SequenceInputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import vn.lienthong.core.validation.ChangeInfo;

/**
 * The revisions of a signed PDF and its signatures, read from disk. Interim version of the
 * revision analysis (issue 9, part B provides the full one): revision boundaries from the
 * {@code %%EOF} markers, ByteRange and /Contents checks, and a conservative classification of
 * later revisions (a signature, a document timestamp or validation data added; anything else is
 * reported as a disallowed change).
 */
public final class PdfRevisions {

  private static final long MAX_GAP = 16L * 1024 * 1024;

  private final Path file;
  private final long size;
  private final List<Long> revisionEnds;
  private final List<SignatureField> signatures;

  private PdfRevisions(Path file, long size, List<Long> revisionEnds,
      List<SignatureField> signatures) {
    this.file = file;
    this.size = size;
    this.revisionEnds = List.copyOf(revisionEnds);
    this.signatures = List.copyOf(signatures);
  }

  /** Reads a PDF; structural problems of signatures are reported, not thrown. */
  public static PdfRevisions read(Path pdf) throws IOException {
    requireNonNull(pdf, "pdf");
    List<Long> ends = revisionEnds(pdf);
    long size = java.nio.file.Files.size(pdf);
    List<SignatureField> fields = new ArrayList<>();
    try (PDDocument doc = Loader.loadPDF(new RandomAccessReadBufferedFile(pdf))) {
      for (PDSignatureField field : doc.getSignatureFields()) {
        PDSignature sig = field.getSignature();
        if (sig != null) {
          fields.add(field(pdf, size, ends, field.getFullyQualifiedName(), sig));
        }
      }
    }
    fields.sort((a, b) -> Long.compare(end(a.byteRange()), end(b.byteRange())));
    return new PdfRevisions(pdf, size, ends, fields);
  }

  public List<SignatureField> signatures() {
    return signatures;
  }

  public int revisionCount() {
    return revisionEnds.size();
  }

  /** What the revisions after the one {@code field} covers changed. */
  public List<ChangeInfo> changesAfter(SignatureField field) {
    List<ChangeInfo> changes = new ArrayList<>();
    if (field.revision() < 1) {
      return changes;
    }
    for (int r = field.revision() + 1; r <= revisionEnds.size(); r++) {
      int revision = r;
      SignatureField added = signatures.stream().filter(s -> s.revision() == revision)
          .findFirst().orElse(null);
      if (added != null && added.documentTimestamp()) {
        changes.add(new ChangeInfo(r, ChangeInfo.Kind.DOCUMENT_TIMESTAMP_ADDED, true,
            "document timestamp " + added.name() + " added"));
      } else if (added != null) {
        changes.add(new ChangeInfo(r, ChangeInfo.Kind.SIGNATURE_ADDED,
            field.docMdpPermission() != 1, "signature " + added.name() + " added"));
      } else if (containsDss(revisionEnds.get(r - 2), revisionEnds.get(r - 1))) {
        changes.add(new ChangeInfo(r, ChangeInfo.Kind.VALIDATION_DATA_ADDED, true,
            "validation data (DSS) added"));
      } else {
        changes.add(new ChangeInfo(r, ChangeInfo.Kind.OTHER_OBJECT_CHANGED, false,
            "revision " + r + " changed objects that are neither a signature nor validation data"));
      }
    }
    return changes;
  }

  /** Streams the bytes a signature's ByteRange covers. */
  public InputStream signedContent(SignatureField field) throws IOException {
    long[] br = field.byteRange();
    if (br.length != 4 || br[0] < 0 || br[1] < 0 || br[2] < 0 || br[3] < 0
        || br[0] + br[1] > size || br[2] + br[3] > size) {
      throw new IOException("the byte range " + java.util.Arrays.toString(br) + " is unusable");
    }
    return new SequenceInputStream(range(br[0], br[1]), range(br[2], br[3]));
  }

  private InputStream range(long offset, long length) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
    ch.position(offset);
    InputStream in = Channels.newInputStream(ch);
    return new java.io.FilterInputStream(in) {
      private long left = length;

      @Override
      public int read() throws IOException {
        if (left <= 0) {
          return -1;
        }
        int b = super.read();
        if (b >= 0) {
          left--;
        }
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        if (left <= 0) {
          return -1;
        }
        int n = super.read(buf, off, (int) Math.min(len, left));
        if (n > 0) {
          left -= n;
        }
        return n;
      }
    };
  }

  private boolean containsDss(long from, long to) {
    try (InputStream in = range(from, to - from)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1)
          .contains("/DSS");
    } catch (IOException e) {
      return false;
    }
  }

  private static long end(long[] br) {
    return br.length == 4 ? br[2] + br[3] : Long.MAX_VALUE;
  }

  private static SignatureField field(Path pdf, long size, List<Long> ends, String name,
      PDSignature sig) throws IOException {
    List<String> problems = new ArrayList<>();
    COSDictionary dict = sig.getCOSObject();
    String subFilter = dict.getNameAsString(COSName.SUB_FILTER);
    long[] br = byteRange(dict.getDictionaryObject(COSName.BYTERANGE), problems);
    byte[] contents = new byte[0];
    COSBase c = dict.getDictionaryObject(COSName.CONTENTS);
    if (!(c instanceof COSString s)) {
      problems.add("SIGNATURE_DICTIONARY_WELL_FORMED: /Contents is missing or not a string");
    } else {
      contents = oneDerObject(s.getBytes(), problems);
    }
    if (subFilter == null) {
      problems.add("SIGNATURE_DICTIONARY_WELL_FORMED: /SubFilter is missing");
    }
    int revision = 0;
    if (br.length == 4) {
      checkRanges(br, size, problems);
      revision = revisionEndingAt(ends, br[2] + br[3]);
      if (revision == 0 && problems.isEmpty()) {
        problems.add("BYTE_RANGE_VALID: the signed ranges do not end where a revision ends");
      }
      if (problems.isEmpty() && c instanceof COSString s) {
        checkGap(pdf, br, s.getBytes(), problems);
      }
    }
    Instant claimed = sig.getSignDate() == null ? null : sig.getSignDate().toInstant();
    boolean docTs = "ETSI.RFC3161".equals(subFilter)
        || COSName.getPDFName("DocTimeStamp").equals(dict.getCOSName(COSName.TYPE));
    return new SignatureField(name == null ? "" : name, subFilter == null ? "" : subFilter, br,
        contents, revision, claimed, docTs, docMdp(dict), problems);
  }

  private static long[] byteRange(COSBase base, List<String> problems) {
    if (!(base instanceof COSArray array)) {
      problems.add("SIGNATURE_DICTIONARY_WELL_FORMED: /ByteRange is missing or not an array");
      return new long[0];
    }
    if (array.size() != 4) {
      problems.add("BYTE_RANGE_VALID: /ByteRange has " + array.size() + " numbers instead of 4");
      return new long[0];
    }
    long[] br = new long[4];
    for (int i = 0; i < 4; i++) {
      if (!(array.getObject(i) instanceof COSNumber n)) {
        problems.add("BYTE_RANGE_VALID: /ByteRange holds something other than numbers");
        return new long[0];
      }
      br[i] = n.longValue();
    }
    return br;
  }

  private static void checkRanges(long[] br, long size, List<String> problems) {
    if (br[0] != 0) {
      problems.add("BYTE_RANGE_VALID: the first range does not start at 0");
    } else if (br[1] <= 0 || br[2] <= br[1] || br[3] < 0) {
      problems.add("BYTE_RANGE_VALID: the ranges are empty, negative or overlapping");
    } else if (br[2] + br[3] > size) {
      problems.add("BYTE_RANGE_VALID: the second range ends beyond the file");
    } else if (br[2] - br[1] > MAX_GAP) {
      problems.add("CONTENTS_FILL_GAP: the gap is larger than " + MAX_GAP + " bytes");
    }
  }

  private static void checkGap(Path pdf, long[] br, byte[] contents, List<String> problems)
      throws IOException {
    byte[] gap = new byte[(int) (br[2] - br[1])];
    try (RandomAccessFile raf = new RandomAccessFile(pdf.toFile(), "r")) {
      raf.seek(br[1]);
      raf.readFully(gap);
    }
    String text = new String(gap, java.nio.charset.StandardCharsets.ISO_8859_1);
    if (text.length() < 2 || text.charAt(0) != '<' || text.charAt(text.length() - 1) != '>'
        || !text.substring(1, text.length() - 1).matches("[0-9A-Fa-f]*")
        || (text.length() - 2) % 2 != 0) {
      problems.add("CONTENTS_FILL_GAP: the gap is not exactly one hexadecimal string");
      return;
    }
    byte[] hex = HexFormat.of().parseHex(text.substring(1, text.length() - 1));
    if (!java.util.Arrays.equals(hex, contents)) {
      problems.add("CONTENTS_FILL_GAP: the gap does not hold the dictionary's /Contents");
    }
  }

  private static byte[] oneDerObject(byte[] padded, List<String> problems) {
    try (ASN1InputStream in = new ASN1InputStream(new ByteArrayInputStream(padded),
        padded.length)) {
      ASN1Primitive first = in.readObject();
      if (first == null) {
        problems.add("CMS_WELL_FORMED: /Contents is empty");
        return new byte[0];
      }
      return first.getEncoded("DER").length <= padded.length
          ? java.util.Arrays.copyOf(padded, first.getEncoded().length) : padded;
    } catch (IOException | RuntimeException e) {
      problems.add("CMS_WELL_FORMED: /Contents is not a DER object (" + e.getMessage() + ")");
      return padded;
    }
  }

  private static int docMdp(COSDictionary sig) {
    if (!(sig.getDictionaryObject(COSName.getPDFName("Reference")) instanceof COSArray refs)) {
      return 0;
    }
    for (COSBase r : refs) {
      if (r instanceof org.apache.pdfbox.cos.COSObject o) {
        r = o.getObject();
      }
      if (r instanceof COSDictionary ref
          && COSName.getPDFName("DocMDP").equals(ref.getCOSName(COSName.getPDFName("TransformMethod")))
          && ref.getDictionaryObject(COSName.getPDFName("TransformParams")) instanceof COSDictionary p) {
        return p.getInt(COSName.P, 2);
      }
    }
    return 0;
  }

  /** The offsets just after each %%EOF marker. */
  private static List<Long> revisionEnds(Path pdf) throws IOException {
    List<Long> ends = new ArrayList<>();
    byte[] marker = "%%EOF".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    try (InputStream in = new java.io.BufferedInputStream(
        java.nio.file.Files.newInputStream(pdf), 1 << 16)) {
      long pos = 0;
      int matched = 0;
      int b;
      while ((b = in.read()) >= 0) {
        pos++;
        matched = b == marker[matched] ? matched + 1 : (b == marker[0] ? 1 : 0);
        if (matched == marker.length) {
          ends.add(pos);
          matched = 0;
        }
      }
    }
    return ends;
  }

  /** The revision (1-based) that ends at {@code end}, allowing the end-of-line after %%EOF. */
  private static int revisionEndingAt(List<Long> ends, long end) {
    for (int i = 0; i < ends.size(); i++) {
      long d = end - ends.get(i);
      if (d >= 0 && d <= 2) {
        return i + 1;
      }
    }
    return 0;
  }
}
