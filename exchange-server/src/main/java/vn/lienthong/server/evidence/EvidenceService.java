package vn.lienthong.server.evidence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienthong.core.evidence.DeliveryDocument;
import vn.lienthong.core.evidence.EvidenceSeal;
import vn.lienthong.core.evidence.ReceiptDocument;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.core.pki.PkiException;
import vn.lienthong.core.pki.TimeStampClient;
import vn.lienthong.server.delivery.Ledger;
import vn.lienthong.server.error.HubError;
import vn.lienthong.server.error.HubException;
import vn.lienthong.server.store.Database;
import vn.lienthong.server.store.Sql;

/**
 * Signs and stores the hub's evidence: a receipt for every accepted message (called as the
 * {@link EvidenceHook}, after commit and before the hub answers) and delivery evidence when a
 * recipient confirms. Each is the canonical XML of core's {@link ReceiptDocument} or
 * {@link DeliveryDocument} in a CMS sealed with the hub's key (CAdES-BES), time-stamped at once
 * (CAdES-T). When the TSA does not answer, the signed document is stored and answered as it is,
 * marked pending, and {@link #stampPending()} (run in the background) adds the time stamp later.
 */
public final class EvidenceService implements EvidenceHook {

  private static final Logger LOG = LoggerFactory.getLogger(EvidenceService.class);
  /** After a TSA failure, signing does not wait for the TSA again for this long (the job retries). */
  private static final Duration TSA_BACKOFF = Duration.ofSeconds(30);
  /** How long a duplicate waits for the original's signed receipt (TSA timeouts and sealing). */
  private static final Duration DUPLICATE_WAIT = Duration.ofSeconds(15);
  /** A duplicate of a message older than this does not wait: its receipt will not come any more. */
  private static final Duration DUPLICATE_RECENT = Duration.ofSeconds(60);

  private final Database db;
  private final EvidenceSeal seal;
  private final TimeStampClient tsa;
  private final Clock clock;
  private final AtomicLong tsaDownUntil = new AtomicLong(Long.MIN_VALUE);

  public EvidenceService(Database db, EvidenceSeal seal, TimeStampClient tsa, Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.seal = Objects.requireNonNull(seal, "seal");
    this.tsa = Objects.requireNonNull(tsa, "tsa");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The seal (for the bundle's index). */
  EvidenceSeal seal() {
    return seal;
  }

  /** The TSA (for the bundle's index). */
  TimeStampClient tsa() {
    return tsa;
  }

  /** A message the hub wrote itself (status 01): no intake checks ran, the hub attests it. */
  @Override
  public void accepted(Receipt receipt) {
    accepted(new AcceptedMessage(receipt, List.of(), List.of(new ReceiptDocument.CheckEntry("hub-generated",
        "PASSED", "Trạng thái 01 do trục ghi thay đơn vị nhận / status 01 written by the hub on confirmation"))));
  }

  @Override
  public void accepted(AcceptedMessage message) {
    Receipt r = message.receipt();
    List<String> recipients = db.autoCommit(c -> Ledger.recipients(c, r.messageId())).stream()
        .map(OrganId::value).toList();
    ReceiptDocument doc = new ReceiptDocument(r.receiptId(), r.messageId(), r.kind(), r.from().value(),
        r.documentId(), recipients, r.contentSha256(), message.attachments(), message.checks(), r.receivedAt());
    store("evidence_receipt", "message_id", r.messageId(), null, doc.toXml());
  }

  /** The signed receipt of a message, when the hub made one. */
  public Optional<byte[]> signedReceipt(long messageId) {
    return db.autoCommit(c -> cms(c, "SELECT cms FROM evidence_receipt WHERE message_id = ?", messageId));
  }

  /**
   * The signed receipt to answer with {@code receipt}. A duplicate of a message accepted moments ago
   * may arrive (a retry, here or at another hub process) while the request that stored it is still
   * sealing its receipt (waiting up to 5 s for the TSA): it waits for that receipt, at most
   * {@link #DUPLICATE_WAIT}, instead of answering without the original signed receipt.
   */
  public Optional<byte[]> signedReceipt(Receipt receipt) {
    Optional<byte[]> found = signedReceipt(receipt.messageId());
    if (found.isPresent() || !receipt.duplicate()
        || receipt.receivedAt().isBefore(clock.instant().minus(DUPLICATE_RECENT))) {
      return found;
    }
    long deadline = System.nanoTime() + DUPLICATE_WAIT.toNanos();
    while (found.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return found;
      }
      found = signedReceipt(receipt.messageId());
    }
    return found;
  }

  /**
   * The delivery evidence of a confirmed delivery of {@code recipient}'s: made and stored at the
   * first call, the same bytes afterwards.
   *
   * @throws HubException UNKNOWN_MESSAGE when the delivery is not the recipient's or not confirmed
   */
  public byte[] deliveryEvidence(OrganId recipient, long deliveryId) {
    Optional<byte[]> existing = db.autoCommit(c -> cms(c,
        "SELECT cms FROM evidence_delivery WHERE delivery_id = ?", deliveryId));
    if (existing.isPresent()) {
      return existing.get();
    }
    DeliveryDocument doc = db.autoCommit(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT d.message_id, d.confirmed_at, m.document_id, m.sender, "
          + "m.payload_sha256 FROM delivery d JOIN message m ON m.id = d.message_id "
          + "WHERE d.id = ? AND d.recipient = ? AND d.state = 'CONFIRMED'")) {
        ps.setLong(1, deliveryId);
        ps.setString(2, recipient.value());
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new HubException(HubError.UNKNOWN_MESSAGE, HubError.UNKNOWN_MESSAGE.sentence(), "MessageRef");
          }
          return new DeliveryDocument(rs.getLong(1), rs.getString(3), rs.getString(4), recipient.value(),
              rs.getString(5), Sql.getInstant(rs, "confirmed_at"));
        }
      }
    });
    return store("evidence_delivery", "delivery_id", deliveryId, doc, doc.toXml());
  }

  /** How many receipts and delivery evidence still wait for their time stamp. */
  public int pendingTimestamps() {
    return db.autoCommit(c -> count(c, "evidence_receipt") + count(c, "evidence_delivery"));
  }

  /**
   * Adds the time stamp to pending evidence, oldest first, until none is left or the TSA fails.
   *
   * @return how many were stamped
   */
  public int stampPending() {
    int done = 0;
    for (String table : List.of("evidence_receipt", "evidence_delivery")) {
      String key = table.equals("evidence_receipt") ? "message_id" : "delivery_id";
      // rows that cannot be stamped (damaged in the database): left pending, passed over in this run
      Set<Long> unreadable = new HashSet<>();
      while (true) {
        List<long[]> ids = db.autoCommit(c -> pendingIds(c, table, key, 100 + unreadable.size()));
        ids.removeIf(id -> unreadable.contains(id[0]));
        if (ids.isEmpty()) {
          break;
        }
        for (long[] id : ids) {
          byte[] cms = db.autoCommit(c -> cms(c, "SELECT cms FROM " + table + " WHERE " + key + " = ?", id[0]))
              .orElseThrow();
          byte[] stamped;
          try {
            stamped = EvidenceSeal.timestamp(cms, tsa);
          } catch (PkiException e) {
            LOG.info("TSA still unavailable; {} evidence documents wait for their time stamp", pendingTimestamps());
            return done;
          } catch (IllegalArgumentException e) {
            // it stopped every run at this row, and the ones after it were never stamped
            LOG.error("The evidence in {} {} = {} cannot be time-stamped and stays pending: {}", table, key, id[0],
                e.getMessage());
            unreadable.add(id[0]);
            continue;
          }
          done += db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET cms = ?, timestamped = TRUE "
                + "WHERE " + key + " = ? AND timestamped = FALSE")) {
              ps.setBytes(1, stamped);
              ps.setLong(2, id[0]);
              return ps.executeUpdate();
            }
          });
        }
      }
    }
    tsaDownUntil.set(Long.MIN_VALUE);
    return done;
  }

  /** Runs {@link #stampPending()} every {@code interval} on {@code executor}. */
  public void schedule(ScheduledExecutorService executor, Duration interval) {
    executor.scheduleWithFixedDelay(() -> {
      try {
        stampPending();
      } catch (RuntimeException | Error e) {
        // an Error escaping would cancel the schedule for good, silently
        LOG.warn("Time-stamping pending evidence failed; retried later", e);
      }
    }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Signs, tries the TSA, stores (first writer wins) and answers the stored bytes. */
  private byte[] store(String table, String key, long id, DeliveryDocument delivery, byte[] xml) {
    Optional<byte[]> stamped = clock.millis() >= tsaDownUntil.get() ? signStamped(key, id, xml) : Optional.empty();
    byte[] cms = stamped.orElseGet(() -> seal.sign(xml));
    boolean timestamped = stamped.isPresent();
    Instant now = clock.instant();
    String sql = delivery == null
        ? "INSERT INTO evidence_receipt (message_id, cms, timestamped, created_at) VALUES (?, ?, ?, ?)"
        : "INSERT INTO evidence_delivery (delivery_id, cms, timestamped, created_at, message_id, recipient) "
            + "VALUES (?, ?, ?, ?, ?, ?)";
    try {
      // a transaction, so that on H2 it is checkpointed (durable) before the hub answers it
      return db.inTransaction(c -> {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          ps.setLong(1, id);
          ps.setBytes(2, cms);
          ps.setBoolean(3, timestamped);
          Sql.setInstant(ps, 4, now);
          if (delivery != null) {
            ps.setLong(5, delivery.messageId());
            ps.setString(6, delivery.recipient());
          }
          ps.executeUpdate();
          return cms;
        } catch (SQLException e) {
          if (Database.isUniqueViolation(e)) {
            throw new AlreadyStored();
          }
          throw e;
        }
      });
    } catch (AlreadyStored e) {
      // made concurrently (a repeated confirmation, another hub process): the first one stands
      return db.autoCommit(c -> cms(c, "SELECT cms FROM " + table + " WHERE " + key + " = ?", id)).orElseThrow();
    }
  }

  /** CAdES-T, or empty (and the TSA left alone for a while) when the TSA does not answer usefully. */
  private Optional<byte[]> signStamped(String key, long id, byte[] xml) {
    try {
      return Optional.of(seal.signStamped(xml, tsa));
    } catch (PkiException e) {
      tsaDownUntil.set(clock.millis() + TSA_BACKOFF.toMillis());
      LOG.warn("TSA unavailable; evidence for {} {} answered without a time stamp, stamped later: {}", key, id,
          e.getMessage());
      return Optional.empty();
    }
  }

  /** Another transaction stored the same evidence first. */
  private static final class AlreadyStored extends RuntimeException {
    AlreadyStored() {
      super(null, null, false, false);
    }
  }

  static Optional<byte[]> cms(Connection c, String sql, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
      }
    }
  }

  private static int count(Connection c, String table) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE timestamped = FALSE");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static List<long[]> pendingIds(Connection c, String table, String key, int max) throws SQLException {
    List<long[]> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT " + key + " FROM " + table
        + " WHERE timestamped = FALSE ORDER BY created_at, " + key)) {
      ps.setMaxRows(max);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new long[] {rs.getLong(1)});
        }
      }
    }
    return out;
  }
}
