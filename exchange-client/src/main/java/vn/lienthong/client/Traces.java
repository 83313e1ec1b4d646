package vn.lienthong.client;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What became of a sent document at each recipient. */
public record Traces(String documentId, List<Recipient> recipients) {

  public Traces {
    recipients = List.copyOf(recipients);
  }

  /** The trace of one recipient, if it is one. */
  public Optional<Recipient> of(String organId) {
    return recipients.stream().filter(r -> r.organId().equals(organId)).findFirst();
  }

  /**
   * One recipient: {@code delivery} is {@code PENDING}, {@code LEASED}, {@code CONFIRMED} or
   * {@code WITHDRAWN}; {@code history} the statuses reported, oldest first; {@code latestEvent} the
   * hub's latest status, null before any.
   */
  public record Recipient(String organId, String delivery, Event latestEvent, List<Event> history) {
    public Recipient {
      history = List.copyOf(history);
    }

    /** The latest status, if any was reported. */
    public Optional<Event> latest() {
      return Optional.ofNullable(latestEvent);
    }

    /** The status codes in the order they happened. */
    public List<String> codes() {
      return history.stream().map(Event::statusCode).toList();
    }
  }

  /** A status: its code (01–06, 13, 15, 16), when, who reported it, its description. */
  public record Event(String statusCode, Instant at, String reportedBy, String description) {}
}
