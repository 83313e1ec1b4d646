package vn.lienthong.core.organ;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An organization identifier (mã định danh) as edXML carries it.
 *
 * <p>The standard form is {@code V1V2V3.Z1Z2.Y1Y2.X1X2X3}, read right to left: level 1 is
 * {@code X1X2X3} (a letter and two digits, e.g. {@code H49} for Quảng Ninh), level 2 is
 * {@code Y1Y2}, level 3 is {@code Z1Z2} and level 4 is {@code V1V2V3}. A level of zeros means
 * "this level itself", so {@code 000.00.00.H49} is the provincial People's Committee. The
 * standard form gives the registry its tree: a unit's {@linkplain #parent() parent} is the code
 * with its most specific non-zero level set back to zeros.
 *
 * <p>Real traffic also carries other forms ({@code 01.02.G22}, {@code vxp.saas.03}); they are
 * accepted leniently (non-empty, at most 35 letters, digits, {@code .}, {@code -}, {@code _}) but
 * have no level and no parent. Instances are immutable and compare by their exact text.
 */
public final class OrganId implements Comparable<OrganId> {

  /** The longest identifier accepted (the 2022 rules allow up to 35 characters). */
  public static final int MAX_LENGTH = 35;

  private static final Pattern LENIENT = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");
  private static final Pattern STANDARD =
      Pattern.compile("([0-9A-Z]{3})\\.([0-9A-Z]{2})\\.([0-9A-Z]{2})\\.([A-Z][0-9]{2})");

  private final String value;
  /** Level codes of the standard form, index 0 = level 1; null when not standard. */
  private final String[] levels;

  private OrganId(String value, String[] levels) {
    this.value = value;
    this.levels = levels;
  }

  /**
   * Parses an identifier.
   *
   * @throws IllegalArgumentException naming the offending value when it is empty, too long or
   *     holds characters other than letters, digits, {@code .}, {@code -} and {@code _}
   */
  public static OrganId of(String value) {
    Objects.requireNonNull(value, "value");
    if (!LENIENT.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "Invalid OrganId '" + abbreviate(value) + "': expected 1 to " + MAX_LENGTH
              + " letters, digits, '.', '-' or '_'");
    }
    Matcher m = STANDARD.matcher(value);
    if (!m.matches()) {
      return new OrganId(value, null);
    }
    String[] levels = {m.group(4), m.group(3), m.group(2), m.group(1)};
    return new OrganId(value, levels);
  }

  /** Parses an identifier, or returns empty when {@link #of} would refuse it. */
  public static Optional<OrganId> tryParse(String value) {
    if (value == null || !LENIENT.matcher(value).matches()) {
      return Optional.empty();
    }
    return Optional.of(of(value));
  }

  /** The identifier exactly as written. */
  public String value() {
    return value;
  }

  /** Whether this identifier has the standard four-level form, and so a level and a parent. */
  public boolean isStandard() {
    return levels != null;
  }

  /**
   * The level of the unit: 1 for {@code 000.00.00.H49}, 2 for {@code 000.00.31.H49}, 3 for
   * {@code 000.05.31.H49}, 4 for {@code 001.05.31.H49}; 0 when the form is not standard.
   */
  public int level() {
    if (levels == null) {
      return 0;
    }
    for (int i = levels.length - 1; i > 0; i--) {
      if (!isZeros(levels[i])) {
        return i + 1;
      }
    }
    return 1;
  }

  /**
   * The code of one level ({@code 1} to {@code 4}), e.g. {@code H49} for level 1.
   *
   * @throws IllegalStateException when the form is not standard
   */
  public String levelCode(int level) {
    if (levels == null) {
      throw new IllegalStateException("OrganId '" + value + "' is not in the standard form");
    }
    if (level < 1 || level > 4) {
      throw new IllegalArgumentException("level must be 1 to 4, was " + level);
    }
    return levels[level - 1];
  }

  /**
   * The parent unit: this code with its most specific non-zero level set back to zeros. Empty for
   * a level-1 unit and for identifiers that are not in the standard form.
   */
  public Optional<OrganId> parent() {
    int level = level();
    if (level <= 1) {
      return Optional.empty();
    }
    String[] parent = levels.clone();
    parent[level - 1] = "0".repeat(parent[level - 1].length());
    return Optional.of(new OrganId(format(parent), parent));
  }

  /** Whether {@code other} is this unit or lies in its subtree. */
  public boolean contains(OrganId other) {
    Objects.requireNonNull(other, "other");
    if (equals(other)) {
      return true;
    }
    if (!isStandard() || !other.isStandard() || other.level() <= level()) {
      return false;
    }
    for (int i = 0; i < level(); i++) {
      if (!levels[i].equals(other.levels[i])) {
        return false;
      }
    }
    return true;
  }

  private static String format(String[] levels) {
    return levels[3] + "." + levels[2] + "." + levels[1] + "." + levels[0];
  }

  private static boolean isZeros(String code) {
    return code.chars().allMatch(c -> c == '0');
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }

  @Override
  public int compareTo(OrganId other) {
    return value.compareTo(other.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OrganId other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
