package vn.lienthong.server.api;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import vn.lienthong.server.api.ws.AuditAnchor;
import vn.lienthong.server.api.ws.AuditEntry;
import vn.lienthong.server.api.ws.GetAuditLogResponse;
import vn.lienthong.server.api.ws.VerifyAuditLogResponse;
import vn.lienthong.server.audit.AuditPage;
import vn.lienthong.server.audit.AuditVerification;

/** The audit log and its verification, domain → contract. */
final class AuditWire {

  private AuditWire() {}

  static GetAuditLogResponse page(AuditPage page) {
    GetAuditLogResponse r = new GetAuditLogResponse();
    for (vn.lienthong.server.audit.AuditEntry e : page.entries()) {
      r.getEntry().add(entry(e));
    }
    for (AuditPage.Anchor a : page.anchors()) {
      AuditAnchor w = new AuditAnchor();
      w.setSequence(a.seq());
      w.setHeadHash(a.headHash());
      w.setAnchoredAt(Wire.time(a.anchoredAt()));
      w.setToken(a.token());
      r.getAnchor().add(w);
    }
    r.setHeadSequence(page.headSeq());
    r.setMore(page.more());
    return r;
  }

  private static AuditEntry entry(vn.lienthong.server.audit.AuditEntry e) {
    AuditEntry w = new AuditEntry();
    w.setSequence(e.seq());
    w.setTime(Wire.time(e.at()));
    w.setTimeMicros(ChronoUnit.MICROS.between(Instant.EPOCH, e.at()));
    w.setEvent(e.action());
    w.setActor(e.actor());
    w.setSubject(e.subject());
    w.setDetails(e.detail());
    w.setPreviousHash(e.prevHash());
    w.setHash(e.hash());
    return w;
  }

  static VerifyAuditLogResponse verification(AuditVerification v) {
    VerifyAuditLogResponse r = new VerifyAuditLogResponse();
    r.setOutcome(v.outcome().name());
    r.setEntries(v.entries());
    if (!v.ok()) {
      r.setBrokenSequence(v.brokenSeq());
      r.setReason(v.reason());
    }
    return r;
  }
}
