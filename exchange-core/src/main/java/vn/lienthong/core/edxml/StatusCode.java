package vn.lienthong.core.edxml;

import java.util.Arrays;

/** What a status message reports ({@code StatusCode}). */
public enum StatusCode {
  /** 01: the document reached the recipient's system (sent automatically). */
  ARRIVED("01"),
  /** 02: rejected (wrong addressee, invalid signature, unreadable). */
  REJECTED("02"),
  /** 03: accepted, registered in the recipient's incoming book. */
  ACCEPTED("03"),
  /** 04: a leader assigned who handles it. */
  ASSIGNED("04"),
  /** 05: being processed. */
  PROCESSING("05"),
  /** 06: finished. */
  FINISHED("06"),
  /** 13: the sender asks to revoke the document. */
  REVOCATION_REQUESTED("13"),
  /** 15: the recipient agrees to a revoke, update or replacement. */
  CHANGE_ACCEPTED("15"),
  /** 16: the recipient refuses a revoke, update or replacement. */
  CHANGE_REFUSED("16");

  private final String code;

  StatusCode(String code) {
    this.code = code;
  }

  /** The two-digit code as edXML writes it. */
  public String code() {
    return code;
  }

  /**
   * The status for a code; one-digit forms ({@code 1} for {@code 01}) are accepted.
   *
   * @throws IllegalArgumentException for an unknown code
   */
  public static StatusCode ofCode(String code) {
    String normalized = code.length() == 1 ? "0" + code : code;
    return Arrays.stream(values()).filter(s -> s.code.equals(normalized)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown status code '" + code + "'"));
  }
}
