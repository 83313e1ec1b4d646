package vn.lienthong.server.delivery;

import java.io.ByteArrayOutputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import vn.lienthong.core.edxml.EdxmlWriter;
import vn.lienthong.core.edxml.Organization;
import vn.lienthong.core.edxml.ResponseFor;
import vn.lienthong.core.edxml.StaffInfo;
import vn.lienthong.core.edxml.StatusCode;
import vn.lienthong.core.edxml.StatusMessage;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.server.error.HubError;
import vn.lienthong.server.error.HubException;
import vn.lienthong.server.evidence.EvidenceHook;
import vn.lienthong.server.store.Database;
import vn.lienthong.server.store.PayloadStore;
import vn.lienthong.server.store.Sql;

/**
 * Confirmations and traces. Confirming a document hands its sender a status 01 (arrived) that the
 * hub writes on the recipient's behalf: an unsigned edXML status (origin {@code HUB}), stored like
 * any message, delivered to the sender's inbox and recorded in the document's trace, in the same
 * transaction as the confirmation. A second confirmation of the same entry changes nothing.
 */
public final class Tracking {

  /** What a confirmation did: when the entry was confirmed (by this call or the one it repeats). */
  public record Confirmation(Instant confirmedAt, boolean alreadyConfirmed) {}

  private final Database db;
  private final PayloadStore payloads;
  private final Clock clock;
  private final RandomGenerator random;
  private final EvidenceHook evidence;
  private final MessageSearch search;

  public Tracking(Database db, PayloadStore payloads, Clock clock, RandomGenerator random, EvidenceHook evidence) {
    this.db = Objects.requireNonNull(db, "db");
    this.payloads = Objects.requireNonNull(payloads, "payloads");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.evidence = Objects.requireNonNull(evidence, "evidence");
    this.search = new MessageSearch(db);
  }

  /** A unit's sent and received messages, newest first, with where each stands ({@link MessageSearch}). */
  public MessageSearch.Page search(MessageSearch.Query query) {
    return search.search(query);
  }

  /**
   * Confirms an inbox entry leased under {@code token}; documents answer status 01 to their sender.
   * The 01 envelope is not stored: it is a function of the rows (who, which document, when) and is
   * written again, byte for byte, when the sender fetches it; its SHA-256 is recorded to prove it.
   */
  public Confirmation confirm(OrganId unit, long messageRef, String token) {
    InboxEntry entry = db.autoCommit(c -> Inbox.entry(c, unit, messageRef));
    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    byte[] arrived = entry.message().kind() == MessageKind.DOCUMENT && "LEASED".equals(entry.state())
        ? arrivedEnvelope(unit, entry.message(), now) : null;
    MessageRecord[] generated = new MessageRecord[1];
    Optional<Instant> before = db.inTransaction(c -> {
      Optional<Instant> confirmedBefore = Inbox.confirm(c, unit, messageRef, token, now);
      if (confirmedBefore.isPresent()) {
        return confirmedBefore;
      }
      Ledger.audit(c, now, unit, "CONFIRM", entry.message().id(), "delivery " + messageRef);
      if (arrived == null) {
        return confirmedBefore;
      }
      MessageRecord doc = entry.message();
      String sha = sha256(arrived);
      MessageRecord m = Messages.insert(c, new MessageRecord(0, MessageKind.STATUS, "HUB", unit, doc.documentId(),
          sha, sha, arrived.length, null, StatusCode.ARRIVED.code(), "", null,
          "Đã đến / arrived", doc.id(), "", receiptId(), 1, now), "01:" + messageRef);
      Ledger.deliver(c, m.id(), List.of(doc.sender()), now);
      Ledger.trace(c, doc.id(), unit, StatusCode.ARRIVED.code(), unit, "Đã đến / arrived (ConfirmReceived)", now, m.id());
      Ledger.audit(c, now, unit, "STATUS", m.id(), "01 for " + doc.documentId());
      generated[0] = m;
      return confirmedBefore;
    });
    if (generated[0] != null) {
      evidence.accepted(generated[0].receipt());
    }
    return before.map(at -> new Confirmation(at, true)).orElseGet(() -> new Confirmation(now, false));
  }

  /**
   * The per-recipient history of a document {@code sender} sent.
   *
   * @throws HubException UNKNOWN_DOCUMENT when the sender sent no such document
   */
  public TraceView traces(OrganId sender, String documentId) {
    return db.autoCommit(c -> {
      MessageRecord doc = Messages.document(c, sender, documentId)
          .orElseThrow(() -> unknownDocument(sender, documentId));
      Map<OrganId, String> states = new LinkedHashMap<>();
      Instant now = clock.instant();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT recipient, state, lease_until FROM delivery WHERE message_id = ? ORDER BY id")) {
        ps.setLong(1, doc.id());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            // a lease that ran out is pending again: the next poll hands it out
            Instant leaseUntil = Sql.getInstant(rs, "lease_until");
            boolean lapsed = "LEASED".equals(rs.getString(2)) && leaseUntil != null && leaseUntil.isBefore(now);
            states.put(OrganId.of(rs.getString(1)), lapsed ? "PENDING" : rs.getString(2));
          }
        }
      }
      Map<OrganId, List<TraceView.Event>> history = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT recipient, status_code, occurred_at, reported_by, "
          + "description FROM trace_event WHERE document_id = ? ORDER BY id")) {
        ps.setLong(1, doc.id());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            history.computeIfAbsent(OrganId.of(rs.getString(1)), k -> new ArrayList<>()).add(new TraceView.Event(
                rs.getString(2), Sql.getInstant(rs, "occurred_at"), OrganId.of(rs.getString(4)), rs.getString(5)));
          }
        }
      }
      List<TraceView.RecipientTrace> out = new ArrayList<>();
      states.forEach((r, s) -> out.add(new TraceView.RecipientTrace(r, s, history.getOrDefault(r, List.of()))));
      return new TraceView(documentId, out);
    });
  }

  /**
   * The answer to traces asked of a document {@code sender} did not send, and, word for word, to
   * a caller who may not see {@code sender}'s documents: the two must not be told apart.
   */
  public static HubException unknownDocument(OrganId sender, String documentId) {
    return new HubException(HubError.UNKNOWN_DOCUMENT, "Đơn vị " + sender + " chưa gửi văn bản " + documentId
        + " / the unit sent no such document", "DocumentId");
  }

  /**
   * The envelope of an inbox entry: the stored payload, or for a status the hub generated, the
   * same bytes written again (checked against the SHA-256 recorded at confirmation).
   */
  public jakarta.activation.DataSource payload(InboxEntry entry) {
    return payload(entry.message());
  }

  /** The envelope of a stored message (see {@link #payload(InboxEntry)}). */
  public jakarta.activation.DataSource payload(MessageRecord m) {
    if ("HUB".equals(m.origin())) {
      MessageRecord doc = db.autoCommit(c -> Messages.byId(c, m.aboutMessageId())).orElseThrow();
      byte[] bytes = arrivedEnvelope(m.sender(), doc, m.receivedAt());
      if (!sha256(bytes).equals(m.payloadSha256())) {
        throw new HubException(HubError.INTERNAL_ERROR, "Generated status " + m.id() + " does not match its digest");
      }
      return new org.apache.cxf.attachment.ByteDataSource(bytes, "application/octet-stream");
    }
    java.nio.file.Path path = payloads.path(m.payloadSha256());
    if (!java.nio.file.Files.isRegularFile(path)) {
      throw new HubException(HubError.UNAVAILABLE, "Payload " + m.payloadSha256() + " missing");
    }
    jakarta.activation.FileDataSource source = new jakarta.activation.FileDataSource(path.toFile());
    source.setFileTypeMap(OCTET_STREAM);
    return source;
  }

  private static final jakarta.activation.FileTypeMap OCTET_STREAM = new jakarta.activation.FileTypeMap() {
    @Override
    public String getContentType(java.io.File file) {
      return "application/octet-stream";
    }

    @Override
    public String getContentType(String filename) {
      return "application/octet-stream";
    }
  };

  private static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] arrivedEnvelope(OrganId unit, MessageRecord doc, Instant now) {
    StatusMessage status = new StatusMessage(Organization.of(unit, unit.value()),
        new ResponseFor(doc.sender(), doc.codeText(), doc.promulgatedOn(), doc.documentId()), StaffInfo.NONE,
        StatusCode.ARRIVED, "Đã đến: hệ thống của đơn vị đã nhận (ConfirmReceived)", now);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EdxmlWriter.unsigned().write(status, out);
    return out.toByteArray();
  }

  private String receiptId() {
    byte[] b = new byte[16];
    random.nextBytes(b);
    return java.util.HexFormat.of().formatHex(b);
  }
}
