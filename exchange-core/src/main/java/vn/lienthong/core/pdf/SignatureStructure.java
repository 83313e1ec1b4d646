package vn.lienthong.core.pdf;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNull;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;

/**
 * The structure checks of one signature dictionary (universal signature forgery, signature
 * wrapping): /Contents and /ByteRange present and of the right types, the ByteRange
 * {@code [0 a b c]} inside the file and ending at a revision's end, the gap holding exactly the
 * hex string of /Contents, which holds exactly one DER object followed only by zero padding.
 */
final class SignatureStructure {

  /** The largest CMS accepted: beyond it /Contents is reported, not decoded. */
  static final int MAX_CONTENTS = 1024 * 1024;
  static final Set<String> KNOWN_SUB_FILTERS =
      Set.of("adbe.pkcs7.detached", "ETSI.CAdES.detached", "ETSI.RFC3161");
  private static final COSName DOC_TIME_STAMP = COSName.getPDFName("DocTimeStamp");

  private final RandomAccessFile file;
  private final long length;
  private final List<RevisionEnds.End> ends;

  SignatureStructure(RandomAccessFile file, long length, List<RevisionEnds.End> ends) {
    this.file = file;
    this.length = length;
    this.ends = ends;
  }

  SignatureField read(String name, COSDictionary sig, long objectOffset) throws IOException {
    List<String> problems = new ArrayList<>();
    String subFilter = sig.getNameAsString(COSName.SUB_FILTER);
    if (subFilter == null || !KNOWN_SUB_FILTERS.contains(subFilter)) {
      problems.add("SUB_FILTER_SUPPORTED: /SubFilter " + subFilter + " is not one of "
          + KNOWN_SUB_FILTERS);
    }
    byte[] declared = declaredContents(sig, problems);
    long[] range = byteRange(sig, problems);
    int revision = range == null ? revisionOfOffset(objectOffset) : coveredRevision(range, problems,
        objectOffset);
    byte[] contents = declared;
    if (range != null && problems.stream().noneMatch(p -> p.startsWith("BYTE_RANGE_VALID"))) {
      byte[] gap = gapContents(range, problems);
      if (gap != null && declared != null && !Arrays.equals(gap, declared)) {
        problems.add("CONTENTS_FILL_GAP: the gap does not hold this dictionary's /Contents");
      }
      contents = gap != null ? gap : declared;
    }
    byte[] der = contents == null ? new byte[0] : Der.single(contents, problems);
    boolean timestamp = DOC_TIME_STAMP.equals(sig.getCOSName(COSName.TYPE))
        || "ETSI.RFC3161".equals(subFilter);
    return new SignatureField(name, subFilter, range, der, revision, claimedTime(sig), timestamp,
        Permissions.docMdp(sig), Permissions.certifies(sig), problems);
  }

  private static byte[] declaredContents(COSDictionary sig, List<String> problems) {
    if (!sig.containsKey(COSName.CONTENTS)) {
      problems.add("SIGNATURE_DICTIONARY_WELL_FORMED: /Contents is missing");
      return null;
    }
    COSBase value = sig.getDictionaryObject(COSName.CONTENTS);
    if (value == null || value instanceof COSNull) {
      problems.add("SIGNATURE_DICTIONARY_WELL_FORMED: /Contents is null");
      return null;
    }
    if (!(value instanceof COSString s)) {
      problems.add("SIGNATURE_DICTIONARY_WELL_FORMED: /Contents is not a string");
      return null;
    }
    byte[] bytes = s.getBytes();
    if (bytes.length == 0) {
      problems.add("SIGNATURE_DICTIONARY_WELL_FORMED: /Contents is empty");
      return null;
    }
    if (bytes.length > MAX_CONTENTS) {
      problems.add("SIGNATURE_DICTIONARY_WELL_FORMED: /Contents of " + bytes.length
          + " bytes exceeds the bound of " + MAX_CONTENTS);
      return null;
    }
    return bytes;
  }

  private long[] byteRange(COSDictionary sig, List<String> problems) {
    if (!sig.containsKey(COSName.BYTERANGE)) {
      problems.add("SIGNATURE_DICTIONARY_WELL_FORMED: /ByteRange is missing");
      return null;
    }
    if (!(sig.getDictionaryObject(COSName.BYTERANGE) instanceof COSArray array)) {
      problems.add("SIGNATURE_DICTIONARY_WELL_FORMED: /ByteRange is null or not an array");
      return null;
    }
    if (array.size() > 64) {
      problems.add("BYTE_RANGE_VALID: /ByteRange has " + array.size() + " numbers, 4 required");
      return null;
    }
    long[] range = new long[array.size()];
    for (int i = 0; i < range.length; i++) {
      COSBase item = array.get(i) instanceof COSObject o ? o.getObject() : array.get(i);
      if (!(item instanceof COSInteger n)) {
        problems.add("BYTE_RANGE_VALID: /ByteRange entry " + i + " is not an integer");
        return null;
      }
      range[i] = n.longValue();
    }
    checkRanges(range, problems);
    return range;
  }

  private void checkRanges(long[] r, List<String> problems) {
    if (r.length != 4) {
      problems.add("BYTE_RANGE_VALID: /ByteRange holds " + r.length / 2.0
          + " ranges, exactly two required");
      return;
    }
    if (Arrays.stream(r).anyMatch(v -> v < 0)) {
      problems.add("BYTE_RANGE_VALID: /ByteRange has a negative number");
    } else if (r[0] != 0) {
      problems.add("BYTE_RANGE_VALID: first range starts at " + r[0] + ", not at 0");
    } else if (r[2] < r[1]) {
      problems.add("BYTE_RANGE_VALID: the ranges overlap");
    } else if (r[2] == r[1]) {
      problems.add("BYTE_RANGE_VALID: there is no gap between the ranges for /Contents");
    } else if (r[2] > length || r[3] > length - r[2]) {
      problems.add("BYTE_RANGE_VALID: second range ends beyond the file (" + length + " bytes)");
    }
  }

  private int coveredRevision(long[] r, List<String> problems, long objectOffset) {
    if (r.length == 4 && problems.stream().noneMatch(p -> p.startsWith("BYTE_RANGE_VALID"))) {
      long end = r[2] + r[3];
      for (int i = 0; i < ends.size(); i++) {
        if (ends.get(i).accepts(end)) {
          return i + 1;
        }
      }
      problems.add("BYTE_RANGE_VALID: second range ends at " + end
          + ", which is not the end of a revision (%%EOF)");
    }
    return revisionOfOffset(objectOffset);
  }

  /** The revision whose bytes hold {@code offset} (the last one when unknown). */
  int revisionOfOffset(long offset) {
    for (int i = 0; i < ends.size(); i++) {
      if (offset >= 0 && offset < ends.get(i).marker()) {
        return i + 1;
      }
    }
    return Math.max(1, ends.size());
  }

  /** The decoded gap when it holds exactly {@code <hex>}, else null with a problem. */
  /** The gap's hex string decoded, or null with a problem (package-private for its test). */
  byte[] gapContents(long[] r, List<String> problems) throws IOException {
    long size = r[2] - r[1];
    if (size > 2L * MAX_CONTENTS + 2) {
      problems.add("SIGNATURE_DICTIONARY_WELL_FORMED: /Contents gap of " + size
          + " bytes exceeds the bound of " + (2L * MAX_CONTENTS + 2));
      return null;
    }
    byte[] gap = new byte[(int) size];
    file.seek(r[1]);
    file.readFully(gap);
    if (gap.length < 2 || gap[0] != '<' || gap[gap.length - 1] != '>') {
      problems.add("CONTENTS_FILL_GAP: the gap is not exactly one hex string <...>");
      return null;
    }
    int digits = gap.length - 2;
    byte[] decoded = new byte[digits / 2];
    for (int i = 1; i + 1 < gap.length - 1; i += 2) {   // a pair of digits per byte
      int high = PdfLoader.hexDigit(gap[i]);
      int low = PdfLoader.hexDigit(gap[i + 1]);
      if ((high | low) < 0) {
        problems.add(nonHex(r[1] + (high < 0 ? i : i + 1)));
        return null;
      }
      decoded[(i - 1) >> 1] = (byte) (high << 4 | low);
    }
    if (digits % 2 != 0) {
      problems.add(PdfLoader.hexDigit(gap[gap.length - 2]) < 0 ? nonHex(r[1] + gap.length - 2)
          : "SIGNATURE_DICTIONARY_WELL_FORMED: /Contents has an odd number of hex digits");
      return null;
    }
    return decoded;
  }

  private static String nonHex(long offset) {
    return "CONTENTS_FILL_GAP: the gap holds a non-hex byte at offset " + offset;
  }

  private static Instant claimedTime(COSDictionary sig) {
    try {
      Calendar date = new PDSignature(sig).getSignDate();
      return date == null ? null : date.toInstant();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Reading exactly one DER object (its outer length) out of zero-padded /Contents. */
  static final class Der {
    private Der() {}

    static byte[] single(byte[] padded, List<String> problems) {
      int end = lengthOfFirst(padded);
      if (end <= 0) {
        problems.add(end == 0 ? "CMS_WELL_FORMED: /Contents holds no CMS (only zeros)"
            : "CMS_WELL_FORMED: /Contents does not start with a complete DER object");
        return new byte[0];
      }
      for (int i = end; i < padded.length; i++) {
        if (padded[i] != 0) {
          problems.add("CMS_WELL_FORMED: bytes other than zero padding follow the DER object");
          break;
        }
      }
      // whether the object is a CMS ContentInfo is the CMS validator's first check: it parses it once
      return Arrays.copyOf(padded, end);
    }

    /** Length of the leading DER object, 0 when all zeros, -1 when malformed or truncated. */
    static int lengthOfFirst(byte[] b) {
      int nonZero = 0;
      while (nonZero < b.length && b[nonZero] == 0) {
        nonZero++;
      }
      if (nonZero == b.length) {
        return 0;
      }
      if (b[0] != 0x30 || b.length < 2) {
        return -1;
      }
      int first = b[1] & 0xff;
      if (first < 0x80) {
        return 2 + first <= b.length ? 2 + first : -1;
      }
      int count = first & 0x7f;
      if (count == 0 || count > 4 || 2 + count > b.length) {
        return -1;
      }
      long len = 0;
      for (int i = 0; i < count; i++) {
        len = (len << 8) | (b[2 + i] & 0xff);
      }
      long total = 2 + count + len;
      return total <= b.length ? (int) total : -1;
    }
  }
}
