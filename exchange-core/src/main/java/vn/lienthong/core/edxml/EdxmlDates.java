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
    LocalDate date;
    try {
      if (text.indexOf('/') >= 0) {
        date = LocalDate.parse(text, DATE);
      } else if (text.length() > 10) {
        date = parseTimestamp(text, field).atOffset(VIETNAM).toLocalDate();
      } else {
        date = LocalDate.parse(text);
      }
    } catch (DateTimeParseException e) {
      throw invalid(text, field, "a date yyyy/MM/dd");
    }
    if (!fourDigitYear(date.getYear())) {
      throw invalid(text, field, "a date yyyy/MM/dd");
    }
    return date;
  }

  /** A timestamp, to the second (the precision of the standard form, so that it round-trips). */
  static Instant parseTimestamp(String text, String field) {
    return parseExact(text, field).truncatedTo(ChronoUnit.SECONDS);
  }

  private static Instant parseExact(String text, String field) {
    Instant instant;
    try {
      if (text.indexOf('/') >= 0) {
        instant = LocalDateTime.parse(text, TIMESTAMP).toInstant(VIETNAM);
      } else if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:?\\d\\d$")) {
        instant = OffsetDateTime.parse(text).toInstant();
      } else {
        instant = LocalDateTime.parse(text).toInstant(VIETNAM);
      }
    } catch (DateTimeParseException e) {
      throw invalid(text, field, "a timestamp yyyy/MM/dd HH:mm:ss");
    }
    if (!fourDigitYear(instant.atOffset(VIETNAM).getYear())) {
      throw invalid(text, field, "a timestamp yyyy/MM/dd HH:mm:ss");
    }
    return instant;
  }

  /**
   * The standard form of a date.
   *
   * @throws EdxmlException ({@code INVALID_VALUE}, naming {@code field}) for a year outside 1..9999:
   *     the form (and the XSD) has four digits, and "+20265/12/01" is no date a peer reads
   */
  static String formatDate(LocalDate date, String field) {
    if (!fourDigitYear(date.getYear())) {
      throw new EdxmlException(ErrorCode.INVALID_VALUE, field,
          field + ": the year " + date.getYear() + " is not between 1 and 9999");
    }
    return DATE.format(date);
  }

  /** The standard form of a timestamp, in Vietnam time; the year checked as {@link #formatDate}. */
  static String formatTimestamp(Instant instant, String field) {
    OffsetDateTime local = instant.atOffset(VIETNAM);
    if (!fourDigitYear(local.getYear())) {
      throw new EdxmlException(ErrorCode.INVALID_VALUE, field,
          field + ": the year " + local.getYear() + " is not between 1 and 9999");
    }
    return TIMESTAMP.format(local);
  }

  static String formatDate(LocalDate date) {
    return formatDate(date, "date");
  }

  static String formatTimestamp(Instant instant) {
    return formatTimestamp(instant, "timestamp");
  }

  private static boolean fourDigitYear(int year) {
    return year >= 1 && year <= 9999;
  }

  private static EdxmlException invalid(String text, String field, String expected) {
    return new EdxmlException(ErrorCode.INVALID_VALUE, field,
        field + ": '" + text + "' is not " + expected);
  }
}
