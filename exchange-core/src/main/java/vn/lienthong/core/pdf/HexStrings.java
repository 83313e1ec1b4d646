package vn.lienthong.core.pdf;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The long hex strings already decoded in one file, by the offset of their {@code <}: a
 * verification loads the file and then each revision it compares, all prefixes of the same bytes,
 * and each load would decode every signature's {@code /Contents} it meets again (five times 64 KB
 * of hex for a signed and sealed document). A string is reused only by a load whose source holds
 * its closing {@code >}, so a load answers exactly what decoding its own bytes would.
 */
final class HexStrings {

  /** Shorter strings (identifiers, names) are decoded each time: cheaper than remembering them. */
  static final int MIN_DIGITS = 1024;

  /** A decoded string and the offset just after its {@code >}. */
  record Decoded(byte[] bytes, long after) {}

  private final Map<Long, Decoded> byStart = new ConcurrentHashMap<>();

  /** The string starting at {@code start}, if decoded before and closed within {@code length} bytes. */
  Decoded find(long start, long length) {
    Decoded d = byStart.get(start);
    return d != null && d.after() <= length ? d : null;
  }

  /** Remembers a string decoded from {@code start} to just before {@code after}, if it is long. */
  void add(long start, byte[] bytes, long after) {
    if (after - start >= MIN_DIGITS) {
      byStart.putIfAbsent(start, new Decoded(bytes, after));
    }
  }
}
