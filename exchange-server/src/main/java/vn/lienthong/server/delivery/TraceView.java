package vn.lienthong.server.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import vn.lienthong.core.organ.OrganId;

/**
 * Where a sent document is, recipient by recipient.
 *
 * @param recipients in delivery order
 */
public record TraceView(String documentId, List<RecipientTrace> recipients) {

  public TraceView {
    Objects.requireNonNull(documentId, "documentId");
    recipients = List.copyOf(recipients);
  }

  /** One status step. */
  public record Event(String statusCode, Instant at, OrganId reportedBy, String description) {}

  /**
   * One recipient: its delivery state ({@code PENDING}, {@code LEASED}, {@code CONFIRMED},
   * {@code WITHDRAWN}) and its status history, oldest first (the last is the latest).
   */
  public record RecipientTrace(OrganId organId, String delivery, List<Event> history) {
    public RecipientTrace {
      history = List.copyOf(history);
    }
  }
}
