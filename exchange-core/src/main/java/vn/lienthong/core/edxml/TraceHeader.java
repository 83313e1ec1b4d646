package vn.lienthong.core.edxml;

import java.time.Instant;
import java.util.Objects;
import vn.lienthong.core.organ.OrganId;

/** One hop of a document ({@code TraceHeader}): which organization handled it, and when. */
public record TraceHeader(OrganId organId, Instant timestamp) {
  public TraceHeader {
    Objects.requireNonNull(organId, "organId");
    Objects.requireNonNull(timestamp, "timestamp");
  }
}
