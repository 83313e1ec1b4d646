package vn.lienthong.server.store;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The forms in which {@code SearchMessages} compares text, computed in Java when a message is stored
 * so that H2 and PostgreSQL find the same messages whatever the database's collation (a
 * PostgreSQL database with {@code LC_CTYPE C} lower-cases ASCII letters only, so {@code LOWER}
 * left "QUYẾT ĐỊNH" unmatched by "quyết định"), and however the text was typed.
 *
 * <ul>
 *   <li><b>exact</b>: NFKC (composed Vietnamese letters, whatever the keyboard sent: precomposed
 *       "ế" or "e" with combining marks; full-width forms as plain letters), lower case, every run of
 *       white space or control characters one space, invisible format characters (zero-width
 *       space, soft hyphen) removed, trimmed.
 *   <li><b>folded</b>: the exact form without diacritics (combining marks removed, "đ" as "d"), so
 *       "quyet dinh" finds "Quyết định".
 * </ul>
 */
public final class SearchKeys {

  /** Characters a stored key keeps: the width of its column. */
  public static final int MAX_LENGTH = 4000;

  private static final Pattern MARKS = Pattern.compile("\\p{Mn}+");
  private static final Pattern INVISIBLE = Pattern.compile("\\p{Cf}+");
  private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}\\p{Cc}]+");

  /**
   * The keys of one message, its subject and code apart (a line break between them, which no
   * normalized query holds) so that no match spans the two.
   */
  public record Keys(String exact, String folded) {
    public Keys {
      Objects.requireNonNull(exact, "exact");
      Objects.requireNonNull(folded, "folded");
    }
  }

  private SearchKeys() {}

  /** The keys of a message with this subject and code. */
  public static Keys of(String subject, String code) {
    String exact = truncated(exact(subject) + '\n' + exact(code));
    return new Keys(exact, truncated(fold(exact)));
  }

  /** {@code text} in the exact form (see above). */
  public static String exact(String text) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
    s = INVISIBLE.matcher(s).replaceAll("");
    s = SPACES.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    return Normalizer.normalize(s, Normalizer.Form.NFC);
  }

  /** {@code text} in the folded form (see above). */
  public static String folded(String text) {
    return fold(exact(text));
  }

  /** Whether {@code text} carries a diacritic, so that a search for it matches its letters exactly. */
  public static boolean hasDiacritics(String text) {
    String exact = exact(text);
    return !fold(exact).equals(exact);
  }

  private static String fold(String exact) {
    String bare = MARKS.matcher(Normalizer.normalize(exact, Normalizer.Form.NFD)).replaceAll("");
    return Normalizer.normalize(bare.replace('đ', 'd'), Normalizer.Form.NFC);
  }

  private static String truncated(String key) {
    if (key.length() <= MAX_LENGTH) {
      return key;
    }
    int end = Character.isHighSurrogate(key.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
    return key.substring(0, end);
  }
}
