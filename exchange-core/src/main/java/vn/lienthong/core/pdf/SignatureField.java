package vn.lienthong.core.pdf;

import java.time.Instant;
import java.util.List;

/**
 * One signature or document time stamp of a PDF, as {@link PdfRevisions} read it: what it claims
 * and what is wrong with its structure. A field with structure problems must not be trusted,
 * whatever its CMS says. Being a record with array components, two fields are equal only when
 * they share their arrays: pass {@link PdfRevisions} the instances it returned.
 *
 * @param name the field's fully qualified name ({@code ""} when it has none)
 * @param subFilter the /SubFilter ({@code ""} when absent)
 * @param byteRange the /ByteRange as read (null when absent or not an array of integers)
 * @param contents exactly one DER object, without the zero padding (empty when unreadable)
 * @param revision the 1-based revision the signature covers (its best guess when the ByteRange
 *     is unsound)
 * @param claimedTime the /M entry, null if none or unreadable
 * @param documentTimestamp a document time stamp (/Type /DocTimeStamp or ETSI.RFC3161)
 * @param docMdpPermission the DocMDP /P this signature certifies with, else the /P of its FieldMDP
 *     transform (PDF 2.0, "lock document after signing"): 0 none, 1 to 3
 * @param certification whether this signature certifies the document (a DocMDP reference), as
 *     opposed to an approval signature that only locks fields (FieldMDP)
 * @param structureProblems empty when sound; each prefixed with the name of the
 *     {@link vn.lienthong.core.validation.CheckId} it breaks, e.g.
 *     {@code "BYTE_RANGE_VALID: second range ends beyond the file"}
 */
public record SignatureField(String name, String subFilter, long[] byteRange, byte[] contents,
    int revision, Instant claimedTime, boolean documentTimestamp, int docMdpPermission,
    boolean certification, List<String> structureProblems) {

  public SignatureField {
    name = name == null ? "" : name;
    subFilter = subFilter == null ? "" : subFilter;
    contents = contents == null ? new byte[0] : contents;
    structureProblems = List.copyOf(structureProblems);
  }

  /** Whether the structure is sound: no problem found. */
  public boolean isSound() {
    return structureProblems.isEmpty();
  }

  /** Whether the ByteRange can be used to stream the signed bytes. */
  public boolean hasSoundByteRange() {
    return byteRange != null && structureProblems.stream()
        .noneMatch(p -> p.startsWith("BYTE_RANGE_VALID") || p.startsWith("CONTENTS_FILL_GAP")
            || p.startsWith("SIGNATURE_DICTIONARY_WELL_FORMED: /ByteRange"));
  }
}
