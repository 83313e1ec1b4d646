package vn.lienthong.server.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienthong.server.api.ws.ExchangeFault;
import vn.lienthong.server.api.ws.ExchangeFaultDetail;
import vn.lienthong.server.api.ws.FaultCode;
import vn.lienthong.server.error.HubError;
import vn.lienthong.server.error.HubException;

/**
 * Turns every failure into a typed SOAP fault: the code and sentence of a {@link HubException},
 * or {@code INTERNAL_ERROR} (logged here with its stack trace, which never crosses the wire).
 */
final class Faults {

  private static final Logger LOG = LoggerFactory.getLogger(Faults.class);

  private Faults() {}

  static ExchangeFault of(RuntimeException e) {
    HubException hub = e instanceof HubException h ? h : null;
    if (hub == null) {
      LOG.error("Unexpected failure; answered INTERNAL_ERROR", e);
      hub = new HubException(HubError.INTERNAL_ERROR, HubError.INTERNAL_ERROR.sentence());
    } else if (hub.error() == HubError.UNAVAILABLE || hub.error() == HubError.INTERNAL_ERROR) {
      LOG.warn("Answered {}: {}", hub.error(), hub.getMessage(), hub);
    }
    return new ExchangeFault(hub.error().name() + ": " + hub.getMessage(), detail(hub));
  }

  /** The contract's fault detail of a refusal: its code, sentence, field and report. */
  static ExchangeFaultDetail detail(HubException hub) {
    ExchangeFaultDetail detail = new ExchangeFaultDetail();
    detail.setCode(FaultCode.valueOf(hub.error().name()));
    detail.setMessage(hub.getMessage());
    if (!hub.field().isEmpty()) {
      detail.setField(hub.field());
    }
    hub.report().ifPresent(detail::setReport);
    return detail;
  }

  private static final jakarta.xml.bind.JAXBContext DETAIL = detailContext();

  private static jakarta.xml.bind.JAXBContext detailContext() {
    try {
      return jakarta.xml.bind.JAXBContext.newInstance(ExchangeFaultDetail.class);
    } catch (jakarta.xml.bind.JAXBException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The same typed fault as a SOAP fault an interceptor can throw before the operation is known
   * (the CXF client still turns it into {@code ExchangeFault}: the detail is the contract's).
   */
  static org.apache.cxf.binding.soap.SoapFault soapFault(HubException e) {
    ExchangeFault typed = of(e);
    org.apache.cxf.binding.soap.SoapFault fault = new org.apache.cxf.binding.soap.SoapFault(typed.getMessage(),
        org.apache.cxf.binding.soap.Soap11.getInstance().getSender());
    try {
      DETAIL.createMarshaller().marshal(typed.getFaultInfo(), fault.getOrCreateDetail());
    } catch (jakarta.xml.bind.JAXBException x) {
      throw new IllegalStateException("cannot write the fault detail", x);
    }
    return fault;
  }
}
