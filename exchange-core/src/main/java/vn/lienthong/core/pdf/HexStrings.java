package vn.lienthong.core.pdf;

import java.util.HashMap;
import java.util.Map;

/**
 * The long hex strings already decoded in one file, by the offset of their {@code <}: a
 * verification loads the file and then each revision it compares, all prefixes of the same bytes,
 * and each load would decode every signature's {@code /Contents} it meets again (five times 64 KB
 * of hex for a signed and sealed document). A string is reused only by a load whose source holds
 * its closing {@code >}, so a load answers exactly what decoding its own bytes would. At most
 * {@link #MAX_BYTES} are kept, so that a file made of huge strings costs no more memory than
 * before; beyond that, strings are decoded in each load again.
 */
final class HexStrings {

  /** Shorter strings (identifiers, names) are decoded each time: cheaper than remembering them. */
  static final int MIN_DIGITS = 1024;
  /** The decoded bytes kept at most: the /Contents of about a hundred signatures. */
  static final long MAX_BYTES = 4L << 20;

  /** A decoded string and the offset just after its {@code >}. */
  record Decoded(byte[] bytes, long after) {}

  private final Map<Long, Decoded> byStart = new HashMap<>();
  private long kept;

  /** The string starting at {@code start}, if decoded before and closed within {@code length} bytes. */
  synchronized Decoded find(long start, long length) {
    Decoded d = byStart.get(start);
    return d != null && d.after() <= length ? d : null;
  }

  /** Remembers a string decoded from {@code start} to just before {@code after}, if it is long. */
  synchronized void add(long start, byte[] bytes, long after) {
    if (after - start >= MIN_DIGITS && kept + bytes.length <= MAX_BYTES && !byStart.containsKey(start)) {
      byStart.put(start, new Decoded(bytes, after));
      kept += bytes.length;
    }
  }
}
