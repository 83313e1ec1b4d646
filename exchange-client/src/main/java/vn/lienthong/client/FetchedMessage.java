package vn.lienthong.client;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** A message fetched to {@code envelope} (an edXML file), with the hub's trace headers. */
public record FetchedMessage(InboxMessage info, List<Hop> traceHeaders, Path envelope, long bytes) {

  public FetchedMessage {
    traceHeaders = List.copyOf(traceHeaders);
  }

  /** A unit the message passed through, and when. */
  public record Hop(String organId, Instant at) {}
}
