package vn.lienthong.client;

import java.util.List;

/**
 * A page of search hits, newest first; {@code more}: older ones match too, and {@code nextBefore}
 * (null otherwise) is where the next page starts ({@link MessageQuery#next}).
 */
public record MessagePage(List<MessageHit> hits, boolean more, Long nextBefore) {
  public MessagePage {
    hits = List.copyOf(hits);
  }
}
