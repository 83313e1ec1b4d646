package vn.lienthong.core.pdf.attacks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Byte-level edits of a signed file's last signature dictionary, as an attacker makes them with a
 * hex editor: same length where possible, so that the cross-reference offsets stay right.
 */
final class RawEdits {

  final byte[] bytes;
  /** Offsets of {@code <} and {@code >} of the last /Contents hex string. */
  final int contentsStart;
  final int contentsEnd;
  /** Offsets of {@code [} and {@code ]} of the last /ByteRange array. */
  final int rangeStart;
  final int rangeEnd;

  RawEdits(Path signed) throws IOException {
    bytes = Files.readAllBytes(signed);
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int contents = text.lastIndexOf("/Contents <");
    contentsStart = text.indexOf('<', contents);
    contentsEnd = text.indexOf('>', contentsStart);
    int range = text.lastIndexOf("/ByteRange");
    rangeStart = text.indexOf('[', range);
    rangeEnd = text.indexOf(']', rangeStart);
  }

  long[] byteRange() {
    String[] parts = text(rangeStart + 1, rangeEnd).trim().split("\\s+");
    return Arrays.stream(parts).mapToLong(Long::parseLong).toArray();
  }

  /** Replaces the /ByteRange array by {@code [numbers]}, padded with spaces to its length. */
  RawEdits byteRange(String numbers) {
    return put(rangeStart, rangeEnd + 1, "[" + numbers + "]");
  }

  /** Replaces the whole /ByteRange value (array included), e.g. by {@code null}. */
  RawEdits byteRangeValue(String value) {
    return put(rangeStart, rangeEnd + 1, value);
  }

  /** Replaces the whole /Contents value ({@code <...>} included). */
  RawEdits contentsValue(String value) {
    return put(contentsStart, contentsEnd + 1, value);
  }

  /** Overwrites hex digits of /Contents from digit {@code index} on. */
  RawEdits contentsDigits(int index, String hex) {
    int at = contentsStart + 1 + index;
    return put(at, at + hex.length(), hex);
  }

  int contentsDigitCount() {
    return contentsEnd - contentsStart - 1;
  }

  /** Renames a key of the last signature dictionary, same length. */
  RawEdits renameKey(String key, String other) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int at = text.lastIndexOf(key.equals("/Contents") ? "/Contents <" : key);
    return put(at, at + key.length(), other);
  }

  RawEdits flip(int offset) {
    bytes[offset] ^= 0x01;
    return this;
  }

  void write(Path file) throws IOException {
    Files.write(file, bytes);
  }

  /** Writes {@code value} over {@code [from, to)}, padded with spaces; it must fit. */
  private RawEdits put(int from, int to, String value) {
    byte[] v = value.getBytes(StandardCharsets.ISO_8859_1);
    if (v.length > to - from) {
      throw new IllegalArgumentException(value + " does not fit in " + (to - from) + " bytes");
    }
    Arrays.fill(bytes, from, to, (byte) ' ');
    System.arraycopy(v, 0, bytes, from, v.length);
    return this;
  }

  private String text(int from, int to) {
    return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
  }

  /** Inserts {@code extra} at {@code offset} (offsets after it move). */
  static byte[] insert(byte[] bytes, int offset, byte[] extra) {
    byte[] out = new byte[bytes.length + extra.length];
    System.arraycopy(bytes, 0, out, 0, offset);
    System.arraycopy(extra, 0, out, offset, extra.length);
    System.arraycopy(bytes, offset, out, offset + extra.length, bytes.length - offset);
    return out;
  }
}
