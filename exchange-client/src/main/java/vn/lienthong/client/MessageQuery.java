package vn.lienthong.client;

import java.time.Instant;

/**
 * What to look for among a unit's sent and received messages ({@link ExchangeClient#search}); every
 * field left unset matches everything. Built with {@link #builder()}; the next page's query is
 * {@link #next(MessagePage)}.
 *
 * @param unit whose messages; null: the caller's (another unit's needs the auditor role)
 * @param direction sent or received only; null: both
 * @param kind documents or statuses only; null: both
 * @param counterpart the sender of a received message, one of the recipients of a sent one
 * @param documentId the document's identity, exactly
 * @param text 2 to 200 characters in the subject or the document's code, ignoring case and white space;
 *     without any diacritic it ignores diacritics too ("quyet dinh" finds "Quyết định")
 * @param receivedFrom accepted by the hub at or after
 * @param receivedBefore accepted by the hub before
 * @param before only messages with a smaller id (a page's {@link MessagePage#nextBefore})
 * @param max 1 to 200 hits a page
 */
public record MessageQuery(String unit, MessageHit.Direction direction, MessageKind kind, String counterpart,
    String documentId, String text, Instant receivedFrom, Instant receivedBefore, Long before, int max) {

  /** Hits a page holds unless {@link Builder#max} says otherwise. */
  public static final int DEFAULT_MAX = 50;

  public MessageQuery {
    if (max < 1 || max > 200) {
      throw new IllegalArgumentException("max must be 1 to 200, was " + max);
    }
  }

  /** A builder matching everything, {@link #DEFAULT_MAX} hits a page. */
  public static Builder builder() {
    return new Builder();
  }

  /** The query of the page after {@code page} (which this query answered). */
  public MessageQuery next(MessagePage page) {
    if (!page.more()) {
      throw new IllegalStateException("the page was the last one");
    }
    return new MessageQuery(unit, direction, kind, counterpart, documentId, text, receivedFrom, receivedBefore,
        page.nextBefore(), max);
  }

  /** Builds a {@link MessageQuery}; each setter narrows the search. */
  public static final class Builder {
    private String unit;
    private MessageHit.Direction direction;
    private MessageKind kind;
    private String counterpart;
    private String documentId;
    private String text;
    private Instant receivedFrom;
    private Instant receivedBefore;
    private int max = DEFAULT_MAX;

    private Builder() {}

    /** Another unit's messages (auditors). */
    public Builder unit(String organId) {
      this.unit = organId;
      return this;
    }

    /** Sent or received only. */
    public Builder direction(MessageHit.Direction direction) {
      this.direction = direction;
      return this;
    }

    /** Documents or statuses only. */
    public Builder kind(MessageKind kind) {
      this.kind = kind;
      return this;
    }

    /** Exchanged with this unit: it sent the message, or it is one of the recipients. */
    public Builder counterpart(String organId) {
      this.counterpart = organId;
      return this;
    }

    /** One document's messages: the document and the statuses about it. */
    public Builder documentId(String documentId) {
      this.documentId = documentId;
      return this;
    }

    /** Found in the subject or the document's code, ignoring case (and diacritics when it has none). */
    public Builder text(String text) {
      this.text = text;
      return this;
    }

    /** Accepted by the hub in [{@code from}, {@code before}); either may be null. */
    public Builder received(Instant from, Instant before) {
      this.receivedFrom = from;
      this.receivedBefore = before;
      return this;
    }

    /** Hits a page, 1 to 200. */
    public Builder max(int max) {
      this.max = max;
      return this;
    }

    /** The query of the first page; throws {@link IllegalArgumentException} for a wrong {@code max}. */
    public MessageQuery build() {
      return new MessageQuery(unit, direction, kind, counterpart, documentId, text, receivedFrom, receivedBefore,
          null, max);
    }
  }
}
