package vn.lienthong.server.intake;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import vn.lienthong.core.edxml.Business;
import vn.lienthong.core.edxml.DocumentHeader;
import vn.lienthong.core.edxml.DocumentMessage;
import vn.lienthong.core.edxml.StatusMessage;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.server.delivery.Ledger;
import vn.lienthong.server.delivery.MessageKind;
import vn.lienthong.server.delivery.MessageRecord;
import vn.lienthong.server.error.HubError;
import vn.lienthong.server.error.HubException;
import vn.lienthong.server.store.Sql;

/**
 * What an accepted message writes, inside the intake transaction: its deliveries and the
 * workflows of the edXML business types and statuses.
 *
 * <ul>
 *   <li>new (0): one delivery per resolved recipient;</li>
 *   <li>revoke (1): delivered to its recipients; the revoked document is marked revoked in every
 *   recipient's inbox;</li>
 *   <li>update (2): delivered to its recipients and the units it adds; those receive the original
 *   document (again, if an earlier update withdrew it), recipients it removes have it withdrawn
 *   from their inbox;</li>
 *   <li>replace (3): delivered to its recipients and the units it names; each replaced document
 *   is linked (once) and marked "replaced by" for the units the replacement names;</li>
 *   <li>a status from a recipient goes to the document's sender and into the document's trace;
 *   a status 13 from the sender goes to every recipient.</li>
 * </ul>
 */
final class Acceptance {

  private Acceptance() {}

  static MessageRecord record(IntakeContext ctx, Instant now, String receiptId) {
    var message = ctx.envelope().message();
    Long about = ctx.references().isEmpty() || ctx.references().get(0).found() == null ? null
        : ctx.references().get(0).found().id();
    if (message instanceof DocumentMessage d) {
      DocumentHeader h = d.header();
      String code = h.code().notation().isEmpty() ? h.code().number() : h.code().number() + "/" + h.code().notation();
      String traces = d.traces().stream().map(t -> t.organId() + "@" + t.timestamp().toEpochMilli())
          .collect(Collectors.joining(" "));
      return new MessageRecord(0, MessageKind.DOCUMENT, "UNIT", d.from().organId(), h.documentId(),
          ctx.fingerprint().value(), ctx.payload().sha256(), ctx.payload().size(), d.business().typeCode(), null,
          cut(code, 200), h.promulgation().date(), cut(h.subject(), 2000), about, wholeEntries(traces, 4000), receiptId,
          ctx.resolution().recipients().size(), now);
    }
    StatusMessage s = (StatusMessage) message;
    return new MessageRecord(0, MessageKind.STATUS, "UNIT", s.from().organId(), s.responseFor().documentId(),
        ctx.fingerprint().value(), ctx.payload().sha256(), ctx.payload().size(), null, s.statusCode().code(), "", null,
        cut(s.description(), 2000), about, "", receiptId, 0, now);
  }

  /** Writes deliveries and effects; returns how many inboxes received the message. */
  static int apply(Connection c, IntakeContext ctx, MessageRecord m) throws SQLException {
    Instant now = m.receivedAt();
    OrganId actor = ctx.caller().unit();
    int delivered;
    if (ctx.envelope().message() instanceof DocumentMessage d) {
      business(c, d, ctx.references(), m, now);
      delivered = Ledger.deliver(c, m.id(), ctx.resolution().recipients(), now);
      Ledger.audit(c, now, actor, "SEND", m.id(), "BussinessDocType " + d.business().typeCode() + ", "
          + delivered + " recipients, payload " + m.payloadSha256());
    } else {
      StatusMessage s = (StatusMessage) ctx.envelope().message();
      Reference ref = ctx.references().get(0);
      MessageRecord doc = ref.found();
      documentStillThere(c, ref);
      boolean fromSender = ref.sender().equals(actor);
      List<OrganId> to = fromSender ? Ledger.recipients(c, doc.id()) : List.of(doc.sender());
      delivered = Ledger.deliver(c, m.id(), to, now);
      for (OrganId recipient : fromSender ? to : List.of(actor)) {
        Ledger.trace(c, doc.id(), recipient, s.statusCode().code(), actor, s.description(), s.timestamp(), m.id());
      }
      Ledger.audit(c, now, actor, "STATUS", m.id(), s.statusCode().code() + " for " + doc.documentId());
    }
    return delivered;
  }

  private static void business(Connection c, DocumentMessage d, List<Reference> refs, MessageRecord m, Instant now)
      throws SQLException {
    Business b = d.business();
    if (!refs.isEmpty()) {
      actOnUnrevoked(c, refs);
    }
    if (b instanceof Business.Revocation) {
      MessageRecord target = refs.get(0).found();
      Ledger.link(c, m.id(), target.id(), "REVOKES");
      Ledger.markRevoked(c, target.id());
    } else if (b instanceof Business.Update u) {
      MessageRecord target = refs.get(0).found();
      Ledger.link(c, m.id(), target.id(), "UPDATES");
      List<OrganId> added = u.details().receivers().stream().filter(Business.ReceiverChange::added)
          .map(Business.ReceiverChange::organId).toList();
      List<OrganId> removed = u.details().receivers().stream().filter(r -> !r.added())
          .map(Business.ReceiverChange::organId).toList();
      Ledger.restore(c, target.id(), added);
      Ledger.deliver(c, target.id(), added, now);
      Ledger.withdraw(c, target.id(), removed);
    } else if (b instanceof Business.Replacement) {
      // one link per replaced document, even when the replacement names it in several entries
      Map<Long, Set<OrganId>> replaced = new LinkedHashMap<>();
      for (Reference r : refs) {
        replaced.computeIfAbsent(r.found().id(), id -> new LinkedHashSet<>()).addAll(r.organIds());
      }
      for (var e : replaced.entrySet()) {
        Ledger.link(c, m.id(), e.getKey(), "REPLACES");
        Ledger.markReplaced(c, e.getKey(), e.getValue(), m.documentId());
      }
    }
  }

  /**
   * Locks the documents a revocation, update or replacement acts on (in id order) and reads again
   * whether one was revoked: the check chain read it before this transaction, and a revocation
   * committed since (another request, another hub process) would otherwise be missed, an update
   * then handing its new recipients copies never marked revoked. Taken after the message's own
   * insert, so that the same message sent twice at once still meets its twin's key (a duplicate).
   * PostgreSQL: {@code FOR NO KEY UPDATE}, which does not wait for the key-share locks that rows
   * referring to the document (a confirmation's status 01) take.
   */
  private static void actOnUnrevoked(Connection c, List<Reference> refs) throws SQLException {
    TreeMap<Long, String> targets = new TreeMap<>();
    for (Reference r : refs) {
      targets.put(r.found().id(), r.documentId());
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM message WHERE id = ?" + Sql.noKeyUpdateLock(c))) {
      for (long id : targets.keySet()) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
        }
      }
    }
    for (var t : targets.entrySet()) {
      if (Ledger.isRevoked(c, t.getKey())) {
        throw IntakeChecks.revoked(t.getValue());
      }
    }
  }

  /**
   * Locks the document a status is about, so that retention, which locks it before it reads again
   * whether anything refers to it, either waits for this status (and keeps the document) or has
   * forgotten it already (the status is refused as about an unknown document). H2 checks the
   * status's foreign keys against committed rows only: without this lock both committed, and the
   * acknowledged status and its trace rows named a document that was gone ({@link Sql#keyShareLock}).
   */
  private static void documentStillThere(Connection c, Reference ref) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM message WHERE id = ?" + Sql.keyShareLock(c))) {
      ps.setLong(1, ref.found().id());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new HubException(HubError.UNKNOWN_DOCUMENT,
              "Không có văn bản " + ref.documentId() + " của " + ref.sender() + " / no such document",
              "MessageHeader/ResponseFor");
        }
      }
    }
  }

  /** {@code s} cut to {@code max} between two space-separated entries, never inside one. */
  static String wholeEntries(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = s.lastIndexOf(' ', max);
    return end < 0 ? "" : s.substring(0, end);
  }

  private static String cut(String s, int max) {
    return s.length() > max ? s.substring(0, max) : s;
  }
}
