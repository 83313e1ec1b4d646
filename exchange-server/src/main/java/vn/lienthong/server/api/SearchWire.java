package vn.lienthong.server.api;

import java.time.Instant;
import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.XMLGregorianCalendar;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.server.api.ws.MessageHit;
import vn.lienthong.server.api.ws.SearchMessagesRequest;
import vn.lienthong.server.api.ws.SearchMessagesResponse;
import vn.lienthong.server.delivery.MessageSearch;
import vn.lienthong.server.error.HubError;
import vn.lienthong.server.error.HubException;
import vn.lienthong.server.store.SearchKeys;

/** SearchMessages, contract → query (checked, each wrong field named) and page → contract. */
final class SearchWire {

  /** Hits a page holds when the request does not say. */
  static final int DEFAULT_MAX = 50;
  static final int TEXT_MIN = 2;
  static final int TEXT_MAX = 200;
  /** UTC+07:00, in minutes. */
  private static final int VIETNAM_MINUTES = 7 * 60;

  private SearchWire() {}

  /** The query of {@code body} on {@code unit}'s messages. */
  static MessageSearch.Query query(SearchMessagesRequest body, OrganId unit) {
    int max = body.getMax() == null ? DEFAULT_MAX : body.getMax();
    if (max < 1 || max > MessageSearch.MAX_PAGE) {
      throw invalid("Max phải từ 1 đến " + MessageSearch.MAX_PAGE + " / Max must be 1 to " + MessageSearch.MAX_PAGE,
          "Max");
    }
    String text = body.getText() == null ? null : SearchKeys.exact(body.getText());
    if (text != null && (text.length() < TEXT_MIN || text.length() > TEXT_MAX)) {
      throw invalid("Text phải từ " + TEXT_MIN + " đến " + TEXT_MAX + " ký tự / Text must be " + TEXT_MIN + " to "
          + TEXT_MAX + " characters", "Text");
    }
    Instant from = instant(body.getReceivedFrom());
    Instant until = instant(body.getReceivedBefore());
    if (from != null && until != null && !from.isBefore(until)) {
      throw invalid("ReceivedFrom phải trước ReceivedBefore / ReceivedFrom must be before ReceivedBefore",
          "ReceivedBefore");
    }
    return new MessageSearch.Query(unit,
        body.getDirection() == null ? null : MessageSearch.Direction.valueOf(body.getDirection().value()),
        body.getKind() == null ? null : Wire.kind(body.getKind()),
        body.getCounterpart() == null ? null : Wire.organId(body.getCounterpart(), "Counterpart"),
        body.getDocumentId(), text, from, until, body.getBefore(), max);
  }

  /** What an audit entry says of a search: whose messages and every filter given. */
  static String describe(MessageSearch.Query q) {
    StringBuilder s = new StringBuilder(q.unit().value());
    append(s, "direction", q.direction());
    append(s, "kind", q.kind());
    append(s, "counterpart", q.counterpart());
    append(s, "document", q.documentId());
    append(s, "text", q.text());
    append(s, "from", q.from());
    append(s, "until", q.until());
    append(s, "before", q.beforeId());
    return s.toString();
  }

  private static void append(StringBuilder s, String name, Object value) {
    if (value != null) {
      s.append(' ').append(name).append('=').append(value);
    }
  }

  static SearchMessagesResponse page(MessageSearch.Page page) {
    SearchMessagesResponse r = new SearchMessagesResponse();
    page.hits().forEach(h -> r.getHit().add(hit(h)));
    r.setMore(page.more());
    r.setNextBefore(page.nextBefore());
    return r;
  }

  private static MessageHit hit(MessageSearch.Hit h) {
    MessageHit w = new MessageHit();
    w.setMessageId(h.messageId());
    w.setDirection(vn.lienthong.server.api.ws.Direction.fromValue(h.direction().name()));
    w.setKind(vn.lienthong.server.api.ws.MessageKind.fromValue(h.kind().name()));
    w.setFrom(h.from().value());
    w.setDocumentId(h.documentId());
    w.setBusinessType(h.businessType());
    w.setStatusCode(h.statusCode());
    w.setCode(h.code());
    w.setSubject(h.subject());
    w.setSize(h.size());
    w.setReceivedAt(Wire.time(h.receivedAt()));
    w.setRecipients(h.recipients());
    w.setConfirmed(h.confirmed());
    w.setDelivery(h.delivery());
    w.setRevoked(h.revoked());
    w.setReceipt(h.receipt().name());
    w.setDeliveryEvidence(h.deliveryEvidence());
    return w;
  }

  /**
   * The instant of an {@code xs:dateTime}; one without an offset is Vietnam's legal time (UTC+07:00,
   * no daylight saving), not the hub machine's time zone, so that its meaning does not depend on
   * where the hub runs.
   */
  static Instant instant(XMLGregorianCalendar t) {
    if (t == null) {
      return null;
    }
    if (t.getTimezone() == DatatypeConstants.FIELD_UNDEFINED) {
      XMLGregorianCalendar vietnam = (XMLGregorianCalendar) t.clone();
      vietnam.setTimezone(VIETNAM_MINUTES);
      return vietnam.toGregorianCalendar().toInstant();
    }
    return t.toGregorianCalendar().toInstant();
  }

  private static HubException invalid(String message, String field) {
    return new HubException(HubError.INVALID_REQUEST, message, field);
  }
}
