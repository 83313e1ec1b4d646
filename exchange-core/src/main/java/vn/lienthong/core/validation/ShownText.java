package vn.lienthong.core.validation;

/**
 * Text that came from a file (a certificate's subject, a field or entry name), made safe to show:
 * in XML (no character XML 1.0 forbids: a control character made the report writer throw, or wrote
 * a document no parser reads) and to people (no control character, line break or bidirectional
 * override, which can forge a line of a console report or show another signer's name).
 */
public final class ShownText {

  private ShownText() {}

  /** {@code s} with every character XML 1.0 does not allow written as {@code \}{@code uXXXX}. */
  public static String xml(String s) {
    if (s == null || s.chars().allMatch(ShownText::xmlChar) && !hasLoneSurrogate(s)) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        b.append(c).append(s.charAt(++i));
      } else if (!xmlChar(c) || Character.isSurrogate(c)) {
        b.append(String.format("\\u%04X", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * {@code s} as a person may read it: control characters (line breaks and escapes included), DEL,
   * the C1 controls, bidirectional controls and lone surrogates written as {@code [U+XXXX]}.
   */
  public static String visible(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
      boolean hidden = !pair && (Character.isSurrogate(c) || c < 0x20 || (c >= 0x7F && c <= 0x9F) || bidi(c));
      if (hidden && b == null) {
        b = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (b != null) {
        if (hidden) {
          b.append(String.format("[U+%04X]", (int) c));
        } else {
          b.append(c);
          if (pair) {
            b.append(s.charAt(i + 1));
          }
        }
      }
      if (pair) {
        i++;
      }
    }
    return b == null ? s : b.toString();
  }

  private static boolean xmlChar(int c) {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xD800 && c <= 0xDFFF)
        || (c >= 0xE000 && c <= 0xFFFD);
  }

  private static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  private static boolean bidi(char c) {
    return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
  }
}
