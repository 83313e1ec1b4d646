package vn.lienthong.server.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.GregorianCalendar;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.server.api.ws.CertificateInfo;
import vn.lienthong.server.api.ws.MessageInfo;
import vn.lienthong.server.api.ws.Receipt;
import vn.lienthong.server.api.ws.RecipientTrace;
import vn.lienthong.server.api.ws.SignatureCheck;
import vn.lienthong.server.api.ws.TraceEvent;
import vn.lienthong.server.api.ws.UnitData;
import vn.lienthong.server.delivery.InboxEntry;
import vn.lienthong.server.delivery.MessageKind;
import vn.lienthong.server.delivery.TraceView;
import vn.lienthong.server.error.HubError;
import vn.lienthong.server.error.HubException;
import vn.lienthong.server.registry.Registry;
import vn.lienthong.server.registry.Unit;
import vn.lienthong.server.registry.UnitCertificate;

/** Maps between the contract's generated types and the hub's own values. */
final class Wire {

  private static final DatatypeFactory DATATYPES;

  static {
    try {
      DATATYPES = DatatypeFactory.newInstance();
    } catch (DatatypeConfigurationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private Wire() {}

  static XMLGregorianCalendar time(Instant t) {
    return t == null ? null : DATATYPES.newXMLGregorianCalendar(GregorianCalendar.from(t.atZone(ZoneOffset.UTC)));
  }

  static OrganId organId(String text, String field) {
    return OrganId.tryParse(text == null ? null : text.strip()).orElseThrow(() -> new HubException(
        HubError.INVALID_REQUEST, "Mã định danh không hợp lệ / invalid OrganId: " + text, field));
  }

  static Receipt receipt(vn.lienthong.server.evidence.Receipt r) {
    Receipt w = new Receipt();
    w.setReceiptId(r.receiptId());
    w.setMessageId(r.messageId());
    w.setKind(vn.lienthong.server.api.ws.MessageKind.valueOf(r.kind()));
    w.setFrom(r.from().value());
    w.setDocumentId(r.documentId());
    w.setContentSha256(r.contentSha256());
    w.setReceivedAt(time(r.receivedAt()));
    w.setRecipients(r.recipients());
    w.setDuplicate(r.duplicate());
    return w;
  }

  static MessageInfo info(InboxEntry e) {
    MessageInfo w = new MessageInfo();
    var m = e.message();
    w.setMessageRef(e.messageRef());
    w.setMessageId(m.id());
    w.setKind(vn.lienthong.server.api.ws.MessageKind.valueOf(m.kind().name()));
    w.setFrom(m.sender().value());
    w.setDocumentId(m.documentId());
    w.setBusinessType(m.businessType());
    w.setStatusCode(m.statusCode());
    w.setSubject(m.subject());
    w.setSize(m.payloadSize());
    w.setReceivedAt(time(m.receivedAt()));
    if ("LEASED".equals(e.state())) {
      w.setLeaseToken(e.leaseToken());
      w.setLeaseUntil(time(e.leaseUntil()));
    }
    w.setRevoked(e.revoked());
    w.setWithdrawn(e.withdrawn());
    w.setReplacedBy(e.replacedBy());
    w.getRelatedDocumentId().addAll(e.relatedDocumentIds());
    return w;
  }

  static MessageKind kind(vn.lienthong.server.api.ws.MessageKind k) {
    return k == null ? null : MessageKind.valueOf(k.name());
  }

  static vn.lienthong.server.api.ws.Unit unit(Unit u, boolean withDer) {
    vn.lienthong.server.api.ws.Unit w = new vn.lienthong.server.api.ws.Unit();
    UnitData d = new UnitData();
    d.setOrganId(u.data().organId().value());
    d.setParentId(u.data().parentId() == null ? null : u.data().parentId().value());
    d.setName(u.data().name());
    d.setKind(u.data().kind());
    d.setEmail(u.data().email());
    d.setTelephone(u.data().telephone());
    d.setFax(u.data().fax());
    d.setAddress(u.data().address());
    w.setData(d);
    w.setActive(u.active());
    w.setVersion(u.version());
    for (UnitCertificate c : u.certificates()) {
      CertificateInfo ci = new CertificateInfo();
      ci.setSha256(c.sha256());
      ci.setSubject(c.subject());
      ci.setNotAfter(time(c.notAfter()));
      ci.setRevoked(c.revoked());
      if (withDer) {
        ci.setDer(Registry.encoded(c.certificate()));
      }
      w.getCertificate().add(ci);
    }
    return w;
  }

  static vn.lienthong.server.registry.UnitData unitData(UnitData d) {
    if (d == null || d.getOrganId() == null || d.getName() == null || d.getName().isBlank()) {
      throw new HubException(HubError.INVALID_REQUEST, "Cần mã định danh và tên / OrganId and Name are required", "Data");
    }
    OrganId id = organId(d.getOrganId(), "Data/OrganId");
    OrganId parent = d.getParentId() == null || d.getParentId().isBlank() ? null
        : organId(d.getParentId(), "Data/ParentId");
    try {
      return new vn.lienthong.server.registry.UnitData(id, parent, d.getName(), d.getKind(), d.getEmail(),
          d.getTelephone(), d.getFax(), d.getAddress());
    } catch (IllegalArgumentException e) {
      throw new HubException(HubError.INVALID_REQUEST, e.getMessage(), "Data");
    }
  }

  static RecipientTrace trace(TraceView.RecipientTrace r) {
    RecipientTrace w = new RecipientTrace();
    w.setOrganId(r.organId().value());
    w.setDelivery(r.delivery());
    for (TraceView.Event e : r.history()) {
      w.getHistory().add(event(e));
    }
    if (!r.history().isEmpty()) {
      w.setLatest(event(r.history().get(r.history().size() - 1)));
    }
    return w;
  }

  static SignatureCheck check(vn.lienthong.server.intake.PendingChecks.Row row) {
    SignatureCheck w = new SignatureCheck();
    w.setAttachment(row.attachment());
    w.setOutcome(row.outcome().name());
    w.setSince(time(row.since()));
    w.setAttempts(row.attempts());
    if (row.completedAt() != null) {
      w.setCompletedAt(time(row.completedAt()));
    }
    w.setVerdict(row.verdict());
    return w;
  }

  private static TraceEvent event(TraceView.Event e) {
    TraceEvent w = new TraceEvent();
    w.setStatusCode(e.statusCode());
    w.setAt(time(e.at()));
    w.setReportedBy(e.reportedBy().value());
    w.setDescription(e.description());
    return w;
  }
}
