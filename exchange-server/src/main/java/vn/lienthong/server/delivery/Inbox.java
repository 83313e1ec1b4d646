package vn.lienthong.server.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.server.audit.AuditTrail;
import vn.lienthong.server.error.HubError;
import vn.lienthong.server.error.HubException;
import vn.lienthong.server.store.Database;
import vn.lienthong.server.store.Sql;

/**
 * A unit's inbox: pull delivery with leases, kept in the database so that any number of hub
 * processes share it. Claiming sets a delivery LEASED with a fresh token and an expiry in one
 * atomic statement: on PostgreSQL an UPDATE over a {@code FOR UPDATE SKIP LOCKED} selection (two
 * pollers never wait on each other and never get the same row); on H2 a conditional UPDATE per
 * candidate that only succeeds while the row is still claimable. A leased entry is handed to no
 * other poller until it is confirmed or its lease expires.
 */
public final class Inbox {

  static final String ENTRY_SELECT = "SELECT d.id AS d_id, d.state AS d_state, d.lease_token, d.lease_until, "
      + "d.revoked, d.withdrawn, d.replaced_by, d.recipient, a.document_id AS about_document, "
      + prefixed("m.") + " FROM delivery d JOIN message m ON m.id = d.message_id "
      + "LEFT JOIN message a ON a.id = m.about_message_id ";

  /** The BussinessDocType of a replacement. */
  private static final int REPLACEMENT = 3;

  private final Database db;
  private final Clock clock;
  private final RandomGenerator random;
  private final Duration lease;
  private final AuditTrail trail;

  public Inbox(Database db, Clock clock, RandomGenerator random, Duration lease) {
    this.db = Objects.requireNonNull(db, "db");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.lease = Objects.requireNonNull(lease, "lease");
    this.trail = new AuditTrail(db, clock);
  }

  /** The lease a hand-out lasts. */
  public Duration lease() {
    return lease;
  }

  /** A page of claimed entries, and whether more are waiting. */
  public record Page(List<InboxEntry> entries, boolean more) {
    public Page {
      entries = List.copyOf(entries);
    }
  }

  /**
   * Claims up to {@code max} entries of {@code unit}'s inbox (oldest first): pending ones and
   * those whose lease expired.
   *
   * @param kind only this kind, or null for both
   */
  public Page claim(OrganId unit, int max, MessageKind kind) {
    Instant now = clock.instant();
    String token = newToken();
    Instant until = now.plus(lease);
    String kindFilter = kind == null ? "" : " AND EXISTS (SELECT 1 FROM message k WHERE k.id = d.message_id AND k.kind = '"
        + kind.name() + "')";
    if (db.dialect() == Database.Dialect.POSTGRESQL) {
      // PostgreSQL plans the OR as two ranges of delivery_inbox (a BitmapOr); FOR UPDATE takes no UNION
      db.inTransaction(c -> {
        try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET state = 'LEASED', lease_token = ?, "
            + "lease_until = ?, handouts = handouts + 1 WHERE id IN (SELECT d.id FROM delivery d WHERE d.recipient = ? "
            + "AND (d.state = 'PENDING' OR (d.state = 'LEASED' AND d.lease_until < ?))" + kindFilter
            + " ORDER BY d.id LIMIT ? FOR UPDATE SKIP LOCKED)")) {
          ps.setString(1, token);
          Sql.setInstant(ps, 2, until);
          ps.setString(3, unit.value());
          Sql.setInstant(ps, 4, now);
          ps.setInt(5, max);
          return ps.executeUpdate();
        }
      });
    } else {
      db.autoCommit(c -> claimOneByOne(c, unit, claimableIds(c, kindFilter, unit, now, max * 2 + 8), token, until, now,
          max));
    }
    Page page = db.autoCommit(c -> {
      List<InboxEntry> entries = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(ENTRY_SELECT + "WHERE d.recipient = ? AND d.lease_token = ? "
          + "AND d.state = 'LEASED' ORDER BY d.id")) {
        ps.setString(1, unit.value());
        ps.setString(2, token);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            entries.add(entry(rs));
          }
        }
      }
      for (int i = 0; i < entries.size(); i++) {
        entries.set(i, withReplaced(c, entries.get(i)));
      }
      return new Page(entries, !claimableIds(c, kindFilter, unit, now, 1).isEmpty());
    });
    if (!page.entries().isEmpty()) {
      recordHandOut(unit, token, until, page);
    }
    return page;
  }

  /**
   * Chains the hand-out before it is answered; when that fails, undoes the claim (its entries are
   * pending again at once) and propagates: the poller gets no page the audit log does not show.
   */
  private void recordHandOut(OrganId unit, String token, Instant until, Page page) {
    try {
      trail.recordRead(unit.value(), "DELIVER", null, "leased until " + until + ": " + page.entries().stream()
          .map(e -> Long.toString(e.messageRef())).collect(java.util.stream.Collectors.joining(",")));
    } catch (RuntimeException e) {
      try {
        db.autoCommit(c -> {
          try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET state = 'PENDING', lease_token = NULL, "
              + "lease_until = NULL, handouts = handouts - 1 WHERE lease_token = ? AND state = 'LEASED'")) {
            ps.setString(1, token);
            return ps.executeUpdate();
          }
        });
      } catch (RuntimeException release) {
        e.addSuppressed(release); // the lease then runs out on its own
      }
      throw e;
    }
  }

  /** The ids of up to {@code limit} of {@code unit}'s oldest claimable entries. */
  private static List<Long> claimableIds(Connection c, String kindFilter, OrganId unit, Instant now, int limit)
      throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement ps = prepareClaimableIds(c, "", kindFilter, unit, now, limit);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  /**
   * The query of a unit's oldest claimable entries, after {@code prefix} (tests put
   * {@code EXPLAIN ANALYZE} there): pending ones, and leased ones whose lease ran out. Each branch
   * is one range of the index {@code delivery_inbox (recipient, state, id)}, read in order and
   * stopped at the limit. With the two states in one condition (an OR) H2 read every delivery the
   * unit ever had, confirmed ones included, on every poll.
   */
  static PreparedStatement prepareClaimableIds(Connection c, String prefix, String kindFilter, OrganId unit,
      Instant now, int limit) throws SQLException {
    // not as a derived table (SELECT … FROM (… UNION ALL …) ORDER BY id LIMIT ?): H2 2.5 then
    // answered a run with the result of the previous one whenever only the limits changed
    PreparedStatement ps = c.prepareStatement(prefix + "(SELECT d.id FROM delivery d WHERE d.recipient = ? "
        + "AND d.state = 'PENDING'" + kindFilter + " ORDER BY d.id LIMIT ?) UNION ALL (SELECT d.id FROM delivery d "
        + "WHERE d.recipient = ? AND d.state = 'LEASED' AND d.lease_until < ?" + kindFilter + " ORDER BY d.id LIMIT ?) "
        + "ORDER BY id LIMIT ?");
    try {
      ps.setString(1, unit.value());
      ps.setInt(2, limit);
      ps.setString(3, unit.value());
      Sql.setInstant(ps, 4, now);
      ps.setInt(5, limit);
      ps.setInt(6, limit);
      return ps;
    } catch (SQLException e) {
      ps.close();
      throw e;
    }
  }

  /** Leases the candidates that are still claimable and still the unit's, up to {@code max}. */
  private static int claimOneByOne(Connection c, OrganId unit, List<Long> candidates, String token, Instant until,
      Instant now, int max) throws SQLException {
    int claimed = 0;
    try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET state = 'LEASED', lease_token = ?, "
        + "lease_until = ?, handouts = handouts + 1 WHERE id = ? AND recipient = ? AND (state = 'PENDING' OR "
        + "(state = 'LEASED' AND lease_until < ?))")) {
      for (long id : candidates) {
        if (claimed == max) {
          break;
        }
        ps.setString(1, token);
        Sql.setInstant(ps, 2, until);
        ps.setLong(3, id);
        ps.setString(4, unit.value());
        Sql.setInstant(ps, 5, now);
        try {
          claimed += ps.executeUpdate();
        } catch (SQLException e) {
          // another poller holds the row right now (H2 lock timeout / concurrent update): not ours
          if (!isContention(e)) {
            throw e;
          }
        }
      }
    }
    return claimed;
  }

  private static boolean isContention(SQLException e) {
    String state = e.getSQLState();
    return "HYT00".equals(state) || "90131".equals(state) || "40001".equals(state);
  }

  /** An entry of {@code unit}'s inbox. @throws HubException UNKNOWN_MESSAGE */
  public InboxEntry entry(OrganId unit, long messageRef) {
    return db.autoCommit(c -> entry(c, unit, messageRef));
  }

  /**
   * An entry of {@code unit}'s inbox that it may fetch: not one an update withdrew before the unit
   * confirmed it (that copy left its inbox; one confirmed before stays the unit's).
   *
   * @throws HubException UNKNOWN_MESSAGE, worded as for a message that does not exist
   */
  public InboxEntry fetchable(OrganId unit, long messageRef) {
    InboxEntry e = entry(unit, messageRef);
    if ("WITHDRAWN".equals(e.state())) {
      throw unknown(unit, messageRef);
    }
    return e;
  }

  private static HubException unknown(OrganId unit, long messageRef) {
    return new HubException(HubError.UNKNOWN_MESSAGE, "Không có thông điệp " + messageRef
        + " trong hộp thư của " + unit + " / no such message in the caller's inbox", "MessageRef");
  }

  static InboxEntry entry(Connection c, OrganId unit, long messageRef) throws SQLException {
    InboxEntry entry;
    try (PreparedStatement ps = c.prepareStatement(ENTRY_SELECT + "WHERE d.id = ? AND d.recipient = ?")) {
      ps.setLong(1, messageRef);
      ps.setString(2, unit.value());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw unknown(unit, messageRef);
        }
        entry = entry(rs);
      }
    }
    return withReplaced(c, entry);
  }

  /** A replacement's entry names every document it replaces (the join names only the first). */
  private static InboxEntry withReplaced(Connection c, InboxEntry e) throws SQLException {
    if (e.message().kind() != MessageKind.DOCUMENT || !Integer.valueOf(REPLACEMENT).equals(e.message().businessType())) {
      return e;
    }
    List<String> replaced = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT t.document_id FROM message_link l "
        + "JOIN message t ON t.id = l.target_message_id WHERE l.message_id = ? AND l.kind = 'REPLACES' ORDER BY t.id")) {
      ps.setLong(1, e.message().id());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          replaced.add(rs.getString(1));
        }
      }
    }
    return e.withRelated(replaced);
  }

  /**
   * Marks an entry confirmed, in {@code c}'s transaction, if it is still leased under
   * {@code token}.
   *
   * @return true when this call confirmed it, false when it was already confirmed under the same token
   * @throws HubException UNKNOWN_MESSAGE, or LEASE_LOST when the lease is another poller's now (or was:
   *     an entry another poller confirmed is LEASE_LOST for a stale token too)
   */
  /**
   * Confirms the entry leased under {@code token}: empty when this call confirmed it; the time it
   * was confirmed when this is a repeat of the confirmation that succeeded (its token stays on the
   * row); {@code LEASE_LOST} otherwise.
   */
  static Optional<Instant> confirm(Connection c, OrganId unit, long messageRef, String token, Instant now)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET state = 'CONFIRMED', confirmed_at = ? "
        + "WHERE id = ? AND recipient = ? AND state = 'LEASED' AND lease_token = ?")) {
      Sql.setInstant(ps, 1, now);
      ps.setLong(2, messageRef);
      ps.setString(3, unit.value());
      ps.setString(4, token);
      if (ps.executeUpdate() == 1) {
        return Optional.empty();
      }
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT confirmed_at FROM delivery "
        + "WHERE id = ? AND recipient = ? AND state = 'CONFIRMED' AND lease_token = ?")) {
      ps.setLong(1, messageRef);
      ps.setString(2, unit.value());
      ps.setString(3, token);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return Optional.of(Sql.getInstant(rs, "confirmed_at"));
        }
      }
    }
    entry(c, unit, messageRef); // UNKNOWN_MESSAGE for an entry that is not the unit's
    throw new HubException(HubError.LEASE_LOST, HubError.LEASE_LOST.sentence(), "LeaseToken");
  }

  private String newToken() {
    byte[] b = new byte[16];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  static InboxEntry entry(ResultSet rs) throws SQLException {
    MessageRecord m = new MessageRecord(rs.getLong("m_id"), MessageKind.valueOf(rs.getString("m_kind")),
        rs.getString("m_origin"), OrganId.of(rs.getString("m_sender")), rs.getString("m_document_id"),
        rs.getString("m_fingerprint"), rs.getString("m_payload_sha256"), rs.getLong("m_payload_size"),
        Sql.getInteger(rs, "m_business_type"), rs.getString("m_status_code"), rs.getString("m_code_text"),
        rs.getObject("m_promulgated_on", java.time.LocalDate.class), rs.getString("m_subject"),
        Sql.getLong(rs, "m_about_message_id"), rs.getString("m_trace_headers"), rs.getString("m_receipt_id"),
        rs.getInt("m_recipients"), Sql.getInstant(rs, "m_received_at"));
    String about = rs.getString("about_document");
    return new InboxEntry(rs.getLong("d_id"), m, rs.getString("d_state"), rs.getString("lease_token"),
        Sql.getInstant(rs, "lease_until"), rs.getBoolean("revoked"), rs.getBoolean("withdrawn"),
        rs.getString("replaced_by"), about == null ? List.of() : List.of(about), OrganId.of(rs.getString("recipient")));
  }

  private static String prefixed(String alias) {
    StringBuilder b = new StringBuilder();
    for (String col : Messages.COLUMNS.split(",\\s*")) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(alias).append(col).append(" AS m_").append(col);
    }
    return b.toString();
  }
}
