package vn.lienthong.core.edxml;

import java.util.List;

/** Small helpers for the model's conventions: empty string for absent text, immutable lists. */
final class Texts {
  private Texts() {}

  static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  static <T> List<T> list(List<T> items) {
    return items == null ? List.of() : List.copyOf(items);
  }
}
