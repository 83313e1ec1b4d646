package vn.lienthong.core.edxml;

import java.time.LocalDate;

/**
 * Where and when a document was promulgated ({@code PromulgationInfo}).
 *
 * @param place at most 150 characters (checked by {@link EdxmlRules})
 * @param date the promulgation date, or null when absent
 */
public record Promulgation(String place, LocalDate date) {
  public Promulgation {
    place = Texts.orEmpty(place);
  }
}
