package vn.lienthong.core.edxml;

import java.time.Instant;
import java.util.Objects;

/** A status message: who reports what about which document, and when. It has no body. */
public record StatusMessage(Organization from, ResponseFor responseFor, StaffInfo staff,
    StatusCode statusCode, String description, Instant timestamp) implements EdxmlMessage {

  public StatusMessage {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(responseFor, "responseFor");
    Objects.requireNonNull(staff, "staff");
    Objects.requireNonNull(statusCode, "statusCode");
    description = Texts.orEmpty(description);
    Objects.requireNonNull(timestamp, "timestamp");
  }
}
