package vn.lienthong.core.edxml;

import java.util.List;
import java.util.Objects;

/**
 * Further facts about a document ({@code OtherInfo}).
 *
 * @param promulgationAmount number of copies promulgated, or null when absent
 * @param pageAmount number of pages, or null when absent
 * @param direction the {@code Direction} flag (absent reads as false)
 */
public record OtherInfo(
    Priority priority,
    String sphereOfPromulgation,
    String typerNotation,
    Integer promulgationAmount,
    Integer pageAmount,
    boolean direction,
    List<String> appendixes) {

  /** Nothing but normal priority. */
  public static final OtherInfo NONE =
      new OtherInfo(Priority.NORMAL, "", "", null, null, false, List.of());

  public OtherInfo {
    Objects.requireNonNull(priority, "priority");
    sphereOfPromulgation = Texts.orEmpty(sphereOfPromulgation);
    typerNotation = Texts.orEmpty(typerNotation);
    appendixes = Texts.list(appendixes);
  }
}
