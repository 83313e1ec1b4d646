package vn.lienthong.core.edxml;

/** How urgent a document is ({@code OtherInfo/Priority}). */
public enum Priority {
  /** 0: normal. */
  NORMAL,
  /** 1: urgent (khẩn). */
  URGENT,
  /** 2: very urgent (thượng khẩn). */
  VERY_URGENT,
  /** 3: flash (hỏa tốc). */
  FLASH,
  /** 4: flash with a set deadline (hỏa tốc hẹn giờ). */
  FLASH_WITH_DEADLINE;

  /** The code as edXML writes it. */
  public int code() {
    return ordinal();
  }

  static Priority ofCode(int code) {
    return Codes.byOrdinal(values(), code);
  }
}
