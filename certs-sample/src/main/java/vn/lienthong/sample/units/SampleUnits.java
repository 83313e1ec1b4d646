package vn.lienthong.sample.units;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The sample registry of Quảng Ninh units: about 950 units under {@code 000.00.00.H49}, read from
 * the bundled {@code quang-ninh-units.tsv}. TEST MATERIAL, for tests and the demo only.
 *
 * <p>The file is read once, on first use; every method returns immutable results in file order,
 * which lists each parent before its children.
 */
public final class SampleUnits {

  /** The bundled data file, next to this class. */
  static final String RESOURCE = "quang-ninh-units.tsv";

  /** The header line the data file must have, after its comment lines. */
  static final String HEADER =
      String.join(
          "\t", "organId", "parentId", "kind", "name", "email", "telephone", "address", "demo");

  private static final int FIELDS = 8;

  private SampleUnits() {}

  /** All units, the root first. */
  public static List<SampleUnit> load() {
    return Holder.REGISTRY.units();
  }

  /** All units by their OrganId, in file order. */
  public static Map<String, SampleUnit> byId() {
    return Holder.REGISTRY.byId();
  }

  /**
   * The units whose parent is {@code organId}; empty for a leaf.
   *
   * @throws IllegalArgumentException when no unit has that OrganId, so that a typo does not pass
   *     for a leaf
   */
  public static List<SampleUnit> children(String organId) {
    Objects.requireNonNull(organId, "organId");
    Registry registry = Holder.REGISTRY;
    if (!registry.byId().containsKey(organId)) {
      throw new IllegalArgumentException("organId '" + organId + "' is not in the sample registry");
    }
    return registry.children().getOrDefault(organId, List.of());
  }

  /** The few units that get certificates in the sample PKI ({@code demo} is {@code true}). */
  public static List<SampleUnit> demoUnits() {
    return Holder.REGISTRY.demo();
  }

  /**
   * Parses the registry format: {@code #} comment lines and blank lines anywhere, then the
   * {@linkplain #HEADER header}, then one unit a line. Checks each line's shape, that OrganIds are
   * unique and that every parent is present; leaves the content checks to the tests.
   *
   * @throws IllegalArgumentException naming the line (counted from 1) of the first problem
   */
  static List<SampleUnit> parse(Reader reader) throws IOException {
    Objects.requireNonNull(reader, "reader");
    BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    List<SampleUnit> units = new ArrayList<>();
    Map<String, Integer> lineOf = new HashMap<>();
    boolean headerSeen = false;
    int lineNo = 0;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      lineNo++;
      if (lineNo == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (!headerSeen) {
        if (!line.equals(HEADER)) {
          throw malformed(lineNo, "expected the header " + describeHeader(), null);
        }
        headerSeen = true;
        continue;
      }
      SampleUnit unit = parseLine(line, lineNo);
      Integer first = lineOf.putIfAbsent(unit.organId(), lineNo);
      if (first != null) {
        throw malformed(
            lineNo, "duplicate organId " + unit.organId() + ", first on line " + first, null);
      }
      units.add(unit);
    }
    if (!headerSeen) {
      throw new IllegalArgumentException("no header line: expected " + describeHeader());
    }
    for (SampleUnit unit : units) {
      if (!unit.isRoot() && !lineOf.containsKey(unit.parentId())) {
        int line = lineOf.get(unit.organId());
        throw malformed(line, "parent " + unit.parentId() + " is not in the registry", null);
      }
    }
    return List.copyOf(units);
  }

  private static SampleUnit parseLine(String line, int lineNo) {
    String[] f = line.split("\t", -1);
    if (f.length != FIELDS) {
      throw malformed(
          lineNo, "expected " + FIELDS + " tab-separated fields, found " + f.length, null);
    }
    try {
      return new SampleUnit(f[0], f[1], kind(f[2]), f[3], f[4], f[5], f[6], demo(f[7]));
    } catch (IllegalArgumentException e) {
      throw malformed(lineNo, e.getMessage(), e);
    }
  }

  private static UnitKind kind(String text) {
    for (UnitKind kind : UnitKind.values()) {
      if (kind.name().equals(text)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown kind '" + text + "'");
  }

  private static boolean demo(String text) {
    return switch (text) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(
          "demo must be 'true' or 'false', was '" + text + "'");
    };
  }

  private static String describeHeader() {
    return "'" + HEADER.replace("\t", "<TAB>") + "'";
  }

  private static IllegalArgumentException malformed(int lineNo, String problem, Exception cause) {
    return new IllegalArgumentException("line " + lineNo + ": " + problem, cause);
  }

  /** The parsed registry and its indexes, all immutable. */
  private record Registry(
      List<SampleUnit> units,
      Map<String, SampleUnit> byId,
      Map<String, List<SampleUnit>> children,
      List<SampleUnit> demo) {

    static Registry of(List<SampleUnit> units) {
      Map<String, SampleUnit> byId = new LinkedHashMap<>();
      Map<String, List<SampleUnit>> children = new HashMap<>();
      for (SampleUnit unit : units) {
        byId.put(unit.organId(), unit);
        unit.parent()
            .ifPresent(p -> children.computeIfAbsent(p, k -> new ArrayList<>()).add(unit));
      }
      children.replaceAll((parent, list) -> List.copyOf(list));
      return new Registry(
          units,
          Collections.unmodifiableMap(byId),
          Map.copyOf(children),
          units.stream().filter(SampleUnit::demo).toList());
    }
  }

  /** Loads the bundled file on first use (the holder idiom: thread-safe, no mutable state). */
  private static final class Holder {
    static final Registry REGISTRY = Registry.of(readResource());

    private static List<SampleUnit> readResource() {
      try (InputStream stream = SampleUnits.class.getResourceAsStream(RESOURCE)) {
        if (stream == null) {
          throw new IllegalStateException(
              "sample registry " + RESOURCE + " is not on the class path");
        }
        // a decoder that reports malformed input, rather than replacing it with U+FFFD
        return parse(new InputStreamReader(stream, StandardCharsets.UTF_8.newDecoder()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read sample registry " + RESOURCE, e);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(
            "malformed sample registry " + RESOURCE + ", " + e.getMessage(), e);
      }
    }
  }
}
