package vn.lienthong.client;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.GregorianCalendar;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import vn.lienthong.client.ws.Direction;
import vn.lienthong.client.ws.SearchMessagesRequest;
import vn.lienthong.client.ws.SearchMessagesResponse;

/** SearchMessages: the client's query to the contract's request, its response to a page. */
final class SearchMapping {

  private SearchMapping() {}

  static SearchMessagesRequest request(MessageQuery q) {
    SearchMessagesRequest r = new SearchMessagesRequest();
    r.setUnit(q.unit());
    r.setDirection(q.direction() == null ? null : Direction.fromValue(q.direction().name()));
    r.setKind(q.kind() == null ? null : vn.lienthong.client.ws.MessageKind.fromValue(q.kind().name()));
    r.setCounterpart(q.counterpart());
    r.setDocumentId(q.documentId());
    r.setText(q.text());
    r.setReceivedFrom(time(q.receivedFrom()));
    r.setReceivedBefore(time(q.receivedBefore()));
    r.setBefore(q.before());
    r.setMax(q.max());
    return r;
  }

  static MessagePage page(SearchMessagesResponse r) {
    return new MessagePage(r.getHit().stream().map(SearchMapping::hit).toList(), r.isMore(), r.getNextBefore());
  }

  private static MessageHit hit(vn.lienthong.client.ws.MessageHit h) {
    return new MessageHit(h.getMessageId(), MessageHit.Direction.valueOf(h.getDirection().value()),
        MessageKind.valueOf(h.getKind().value()), h.getFrom(), h.getDocumentId(), h.getBusinessType(),
        h.getStatusCode(), h.getCode(), h.getSubject(), h.getSize(), Wire.instant(h.getReceivedAt()),
        h.getRecipients(), h.getConfirmed(), h.getDelivery(), h.isRevoked(),
        MessageHit.ReceiptState.valueOf(h.getReceipt()), h.getDeliveryEvidence());
  }

  private static XMLGregorianCalendar time(Instant t) {
    if (t == null) {
      return null;
    }
    try {
      return DatatypeFactory.newInstance().newXMLGregorianCalendar(GregorianCalendar.from(t.atZone(ZoneOffset.UTC)));
    } catch (DatatypeConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }
}
