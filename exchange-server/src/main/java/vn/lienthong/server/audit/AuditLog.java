package vn.lienthong.server.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import vn.lienthong.core.pki.PkiException;
import vn.lienthong.core.pki.TimeStampVerifier;
import vn.lienthong.server.audit.AuditVerification.Outcome;
import vn.lienthong.server.store.Database;
import vn.lienthong.server.store.Sql;

/**
 * Reads the audit chain back and checks it: gap-free sequence, each entry linked to the one
 * before, each hash over its own fields, the head row and every anchor in agreement, each
 * anchor's token a valid time stamp over its hash by a TSA that chains to the given roots.
 */
public final class AuditLog {

  private final Database db;
  /**
   * How much later than the entry after it an anchor's time stamp may be: the TSA's round trip
   * while entries were appended, and the clocks of hub and TSA apart (as the client's check).
   */
  static final Duration ANCHOR_SLACK = Duration.ofMinutes(5);

  private final TimeStampVerifier tokens;

  /** @param tsaRoots the roots the anchors' time-stamp authority must chain to */
  public AuditLog(Database db, Collection<X509Certificate> tsaRoots) {
    this.db = Objects.requireNonNull(db, "db");
    this.tokens = new TimeStampVerifier(tsaRoots);
  }

  /** Most entries one {@link #page} call reads. */
  public static final int MAX_PAGE = 1000;

  /**
   * Up to {@code max} entries from sequence {@code fromSeq} on, in order, with the anchors whose
   * sequence lies between {@code fromSeq} and the last entry read (in one read transaction).
   *
   * @throws IllegalArgumentException when {@code fromSeq} &lt; 1 or {@code max} is not 1 to {@link #MAX_PAGE}
   */
  public AuditPage page(long fromSeq, int max) {
    if (fromSeq < 1 || max < 1 || max > MAX_PAGE) {
      throw new IllegalArgumentException("fromSeq must be positive and max 1 to " + MAX_PAGE);
    }
    return db.inTransaction(c -> {
      long head = head(c).seq();
      List<AuditEntry> entries = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(ENTRY_SELECT + "WHERE seq >= ? AND seq < ? ORDER BY seq")) {
        ps.setLong(1, fromSeq);
        ps.setLong(2, fromSeq + max);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            entries.add(entry(rs));
          }
        }
      }
      long last = entries.isEmpty() ? fromSeq - 1 : entries.get(entries.size() - 1).seq();
      List<AuditPage.Anchor> anchors = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT seq, head_hash, anchored_at, token FROM audit_anchor WHERE seq >= ? AND seq <= ? ORDER BY seq")) {
        ps.setLong(1, fromSeq);
        ps.setLong(2, last);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            anchors.add(new AuditPage.Anchor(rs.getLong(1), rs.getString(2), Sql.getInstant(rs, "anchored_at"),
                rs.getBytes(4)));
          }
        }
      }
      return new AuditPage(entries, anchors, head, last < head);
    });
  }

  private static final String ENTRY_SELECT = "SELECT seq, occurred_at, action, actor, message_id, detail, "
      + "prev_hash, entry_hash FROM audit_event ";

  private static AuditEntry entry(ResultSet rs) throws SQLException {
    return new AuditEntry(rs.getLong("seq"), Sql.getInstant(rs, "occurred_at"), rs.getString("action"),
        rs.getString("actor"), Sql.getLong(rs, "message_id"), rs.getString("detail"), rs.getString("prev_hash"),
        rs.getString("entry_hash"));
  }

  /**
   * Walks the whole chain and names the first broken entry. The hub keeps appending meanwhile, so
   * the walk reads the anchors, then the head, then the entries up to that head (an append writes
   * its entry and the head in one transaction: whatever head is read, its entries are committed);
   * rows past the head are looked at last, against the head as it is then.
   */
  public AuditVerification verify() {
    return db.inTransaction(this::verify);
  }

  private AuditVerification verify(Connection c) throws SQLException {
    TreeMap<Long, Anchor> anchors = anchors(c);
    Head head = head(c);
    Map<Long, Instant> stampedAt = new HashMap<>();
    for (Anchor a : anchors.values()) {
      try {
        stampedAt.put(a.seq(), tokens.verify(a.token(), HexFormat.of().parseHex(a.headHash())).time());
      } catch (PkiException | IllegalArgumentException e) {
        return AuditVerification.broken(Outcome.ANCHOR_INVALID, 0, a.seq(),
            "the time-stamp token at " + a.seq() + ": " + e.getMessage());
      }
    }
    long expected = 1;
    String prev = AuditEntry.GENESIS;
    try (PreparedStatement ps = c.prepareStatement("SELECT seq, occurred_at, action, actor, message_id, detail, "
        + "prev_hash, entry_hash FROM audit_event WHERE seq IS NOT NULL AND seq <= ? ORDER BY seq")) {
      ps.setLong(1, head.seq());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          AuditEntry e = new AuditEntry(rs.getLong("seq"), Sql.getInstant(rs, "occurred_at"), rs.getString("action"),
              rs.getString("actor"), Sql.getLong(rs, "message_id"), rs.getString("detail"), rs.getString("prev_hash"),
              rs.getString("entry_hash"));
          Optional<AuditVerification> broken = brokenAt(e, expected, prev, stampedAt, anchors);
          if (broken.isPresent()) {
            return broken.get();
          }
          prev = e.hash();
          expected++;
        }
      }
    }
    long entries = expected - 1;
    long anchored = anchors.isEmpty() ? 0 : anchors.lastKey();
    long recorded = Math.max(anchored, head.seq());
    if (entries < recorded) {
      return AuditVerification.broken(Outcome.TRUNCATED, entries, entries + 1,
          "the chain ends at " + entries + " but " + (anchored >= head.seq() ? "an anchor" : "the head")
              + " records " + recorded);
    }
    if (entries > 0 && !head.hash().equals(prev)) {
      return AuditVerification.broken(Outcome.ALTERED, entries, entries,
          "the head row does not match entry " + entries);
    }
    // rows past the head: a real append has moved the head with its row (read the head again after)
    long last = lastSeq(c);
    if (last > head(c).seq()) {
      return AuditVerification.broken(Outcome.ALTERED, entries, last,
          "entry " + last + " lies beyond the head row");
    }
    return AuditVerification.ok(entries);
  }

  /** What breaks the chain at entry {@code e}, expected as number {@code expected} after {@code prev}. */
  private static Optional<AuditVerification> brokenAt(AuditEntry e, long expected, String prev,
      Map<Long, Instant> stampedAt, TreeMap<Long, Anchor> anchors) {
    long count = expected - 1;
    if (e.seq() != expected) {
      return Optional.of(AuditVerification.broken(Outcome.REMOVED, count, expected,
          "entry " + expected + " is missing (the next is " + e.seq() + ")"));
    }
    if (!e.prevHash().equals(prev)) {
      return Optional.of(AuditVerification.broken(Outcome.REORDERED, count, e.seq(),
          "entry " + e.seq() + " does not link to entry " + (e.seq() - 1)));
    }
    if (!e.intact()) {
      return Optional.of(AuditVerification.broken(Outcome.ALTERED, count, e.seq(),
          "entry " + e.seq() + " does not match its hash"));
    }
    Instant before = stampedAt.get(e.seq() - 1);
    if (before != null && before.isAfter(e.at().plus(ANCHOR_SLACK))) {
      // an anchor is made while its entry is the head, so before the next entry: one
      // stamped later is a head stamped again (a TSA stamps what it is sent), a rewrite
      return Optional.of(AuditVerification.broken(Outcome.ANCHOR_INVALID, count - 1, count, "the time stamp at "
          + count + " (" + before + ") is later than entry " + e.seq() + " (" + e.at() + ")"));
    }
    Anchor a = anchors.get(e.seq());
    if (a != null && !a.headHash().equals(e.hash())) {
      return Optional.of(AuditVerification.broken(Outcome.ALTERED, count, e.seq(),
          "entry " + e.seq() + " differs from the anchor time-stamped at " + a.seq()));
    }
    return Optional.empty();
  }

  private static long lastSeq(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT MAX(seq) FROM audit_event");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private static Head head(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT last_seq, last_hash FROM audit_head WHERE id = 1");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? new Head(rs.getLong(1), rs.getString(2)) : new Head(0, AuditEntry.GENESIS);
    }
  }

  /** The head row: the last sequence and hash the writers recorded. */
  private record Head(long seq, String hash) {}

  private static TreeMap<Long, Anchor> anchors(Connection c) throws SQLException {
    TreeMap<Long, Anchor> anchors = new TreeMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT seq, head_hash, token FROM audit_anchor ORDER BY seq");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        anchors.put(rs.getLong(1), new Anchor(rs.getLong(1), rs.getString(2), rs.getBytes(3)));
      }
    }
    return anchors;
  }

  /** A stored anchor. */
  record Anchor(long seq, String headHash, byte[] token) {}
}
