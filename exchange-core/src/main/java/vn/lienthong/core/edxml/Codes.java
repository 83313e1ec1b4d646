package vn.lienthong.core.edxml;

/** Lookup of enum constants by their edXML code. */
final class Codes {
  private Codes() {}

  /** The constant whose ordinal is {@code code}; IllegalArgumentException if there is none. */
  static <E extends Enum<E>> E byOrdinal(E[] values, int code) {
    if (code < 0 || code >= values.length) {
      throw new IllegalArgumentException("unknown code " + code);
    }
    return values[code];
  }
}
