package vn.lienthong.client;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import vn.lienthong.client.ws.GetAuditLogResponse;
import vn.lienthong.client.ws.VerifyAuditLogResponse;

/** The audit answers, contract → records. */
final class AuditMapping {

  private AuditMapping() {}

  static AuditLogPage page(GetAuditLogResponse r) {
    return new AuditLogPage(r.getEntry().stream().map(e -> new AuditLogPage.Entry(e.getSequence(),
        Instant.EPOCH.plus(e.getTimeMicros(), ChronoUnit.MICROS), e.getEvent(), e.getActor(), e.getSubject(),
        e.getDetails(), e.getPreviousHash(), e.getHash())).toList(),
        r.getAnchor().stream().map(a -> new AuditLogPage.Anchor(a.getSequence(), a.getHeadHash(),
            Wire.instant(a.getAnchoredAt()), a.getToken())).toList(),
        r.getHeadSequence(), r.isMore());
  }

  static AuditLogVerification verification(VerifyAuditLogResponse r) {
    return new AuditLogVerification(r.getOutcome(), r.getEntries(),
        r.getBrokenSequence() == null ? 0 : r.getBrokenSequence(), r.getReason() == null ? "" : r.getReason());
  }
}
