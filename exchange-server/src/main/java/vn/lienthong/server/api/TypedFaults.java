package vn.lienthong.server.api;

import java.util.Optional;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.lienthong.server.api.ws.ExchangeFault;
import vn.lienthong.server.error.HubError;
import vn.lienthong.server.error.HubException;

/**
 * The contract's typed fault for what fails before the hub's own code runs: a request that is not
 * XML, holds a DTD, is cut short, or passes the SOAP size limits ({@link SoapXmlBudget}) is
 * refused by CXF's reader with a fault of its own (no code, the parser's words). This gives it the
 * contract's detail: {@code ENVELOPE_TOO_LARGE} past a limit, else {@code INVALID_REQUEST} with the
 * reader's first line.
 */
public final class TypedFaults extends AbstractPhaseInterceptor<Message> {

  private static final QName DETAIL = new QName("urn:lienthong:exchange:1", "ExchangeFaultDetail");

  /** An out-fault interceptor for the SOAP endpoint. */
  public TypedFaults() {
    super(Phase.PRE_LOGICAL);
  }

  @Override
  public void handleMessage(Message message) {
    Exception e = message.getContent(Exception.class);
    if (e instanceof Fault fault && !typed(fault)) {
      message.setContent(Exception.class, Faults.soapFault(classify(fault)));
    }
  }

  /**
   * Whether the fault is the contract's already: thrown by an operation as {@link ExchangeFault}
   * (its detail is written later in this chain) or by an interceptor with the detail in place.
   */
  private static boolean typed(Fault fault) {
    for (Throwable t = fault; t != null; t = t.getCause()) {
      if (t instanceof ExchangeFault) {
        return true;
      }
    }
    Element detail = fault.getDetail();
    for (Node n = detail == null ? null : detail.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (DETAIL.getNamespaceURI().equals(n.getNamespaceURI()) && DETAIL.getLocalPart().equals(n.getLocalName())) {
        return true;
      }
    }
    return false;
  }

  static HubException classify(Throwable fault) {
    for (Throwable t = fault; t != null; t = t.getCause()) {
      if (t instanceof HubException h) {
        return h; // the hub's own refusal while the request was read (SoapXmlBudget)
      }
    }
    return unreadable(fault).orElseGet(() -> new HubException(HubError.INVALID_REQUEST,
        HubError.INVALID_REQUEST.sentence() + ": " + firstLine(fault.getMessage())));
  }

  /** The typed refusal of a request CXF's reader could not read (a cause is an {@link XMLStreamException}). */
  static Optional<HubException> unreadable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof XMLStreamException x) {
        String reason = firstLine(x.getMessage());
        // Woodstox's words for maxTextLength and maxXMLCharacters
        if (reason.contains("Text size limit") || reason.contains("Maximum document characters")) {
          return Optional.of(new HubException(HubError.ENVELOPE_TOO_LARGE, "Phần XML của yêu cầu vượt quá giới hạn ("
              + (SoapXmlBudget.INLINE_TEXT_CHARS >> 20) + " MiB mỗi phần tử, " + (SoapXmlBudget.INLINE_XML_CHARS >> 20)
              + " MiB tất cả; ít hơn khi dùng MTOM); gửi gói tin lớn dạng đính kèm MTOM / the request's XML passes "
              + "the hub's limits (" + (SoapXmlBudget.INLINE_TEXT_CHARS >> 20) + " MiB per element, "
              + (SoapXmlBudget.INLINE_XML_CHARS >> 20) + " MiB in all; less beside MTOM parts): send large envelopes "
              + "as MTOM attachments"));
        }
        return Optional.of(new HubException(HubError.INVALID_REQUEST, "Yêu cầu không phải XML SOAP hợp lệ / the "
            + "request is not well-formed SOAP XML: " + reason));
      }
    }
    return Optional.empty();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int end = s.indexOf('\n');
    return (end < 0 ? s : s.substring(0, end)).strip();
  }
}
