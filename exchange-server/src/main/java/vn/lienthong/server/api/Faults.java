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
    ExchangeFaultDetail detail = new ExchangeFaultDetail();
    detail.setCode(FaultCode.valueOf(hub.error().name()));
    detail.setMessage(hub.getMessage());
    if (!hub.field().isEmpty()) {
      detail.setField(hub.field());
    }
    hub.report().ifPresent(detail::setReport);
    return new ExchangeFault(hub.error().name() + ": " + hub.getMessage(), detail);
  }
}
