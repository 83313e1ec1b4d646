package vn.lienthong.core.pdf;

import java.time.Instant;
import java.util.List;

/**
 * One signature or document timestamp of a PDF, as {@link PdfRevisions} read it.
 *
 * @param contents the signature value: exactly one DER object, padding removed
 * @param revision the 1-based revision the signature covers (0 when it covers none)
 * @param claimedTime the /M entry, null if none
 * @param docMdpPermission 0 (not a certification signature) or the DocMDP P value 1 to 3
 * @param structureProblems empty when ByteRange, Contents and the dictionary are sound; each
 *     problem starts with the name of the check it breaks, e.g. {@code BYTE_RANGE_VALID: ...}
 */
public record SignatureField(String name, String subFilter, long[] byteRange, byte[] contents,
    int revision, Instant claimedTime, boolean documentTimestamp, int docMdpPermission,
    List<String> structureProblems) {

  public SignatureField {
    structureProblems = List.copyOf(structureProblems);
  }
}
