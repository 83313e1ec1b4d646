package vn.lienthong.client;

import java.util.List;

/** A page of inbox entries, oldest first, each leased to the caller; {@code more}: others wait. */
public record PendingPage(List<InboxMessage> messages, boolean more) {
  public PendingPage {
    messages = List.copyOf(messages);
  }
}
