package vn.lienthong.core.edxml;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeParseException;

/**
 * edXML dates ({@code yyyy/MM/dd}) and timestamps ({@code yyyy/MM/dd HH:mm:ss}, Vietnam time,
 * UTC+7). ISO 8601 is read too; the standard form is always written.
 */
final class EdxmlDates {

  static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu/MM/dd");
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm:ss");

  private EdxmlDates() {}

  static LocalDate parseDate(String text, String field) {
    try {
      if (text.indexOf('/') >= 0) {
        return LocalDate.parse(text, DATE);
      }
      if (text.length() > 10) {
        return parseTimestamp(text, field).atOffset(VIETNAM).toLocalDate();
      }
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw invalid(text, field, "a date yyyy/MM/dd");
    }
  }

  /** A timestamp, to the second (the precision of the standard form, so that it round-trips). */
  static Instant parseTimestamp(String text, String field) {
    return parseExact(text, field).truncatedTo(ChronoUnit.SECONDS);
  }

  private static Instant parseExact(String text, String field) {
    try {
      if (text.indexOf('/') >= 0) {
        return LocalDateTime.parse(text, TIMESTAMP).toInstant(VIETNAM);
      }
      if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:?\\d\\d$")) {
        return OffsetDateTime.parse(text).toInstant();
      }
      return LocalDateTime.parse(text).toInstant(VIETNAM);
    } catch (DateTimeParseException e) {
      throw invalid(text, field, "a timestamp yyyy/MM/dd HH:mm:ss");
    }
  }

  static String formatDate(LocalDate date) {
    return DATE.format(date);
  }

  static String formatTimestamp(Instant instant) {
    return TIMESTAMP.format(instant.atOffset(VIETNAM));
  }

  private static EdxmlException invalid(String text, String field, String expected) {
    return new EdxmlException(ErrorCode.INVALID_VALUE, field,
        field + ": '" + text + "' is not " + expected);
  }
}
