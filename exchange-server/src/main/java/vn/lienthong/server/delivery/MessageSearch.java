package vn.lienthong.server.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.server.store.Database;
import vn.lienthong.server.store.SearchKeys;
import vn.lienthong.server.store.Sql;

/**
 * A unit's sent and received messages together, newest first, each with where it stands and the
 * evidence the hub holds for it ({@code SearchMessages}). Sent and received are two indexed queries
 * merged by message id, so a page costs the same however many messages other units exchange.
 */
public final class MessageSearch {

  /** Most hits one page holds. */
  public static final int MAX_PAGE = 200;

  /** Which side of a message the unit is on. A message a unit sends to itself is {@code SENT}. */
  public enum Direction { SENT, RECEIVED }

  /** The hub's signed receipt of a message. */
  public enum ReceiptState {
    /** Sealed and time-stamped. */
    TIMESTAMPED,
    /** Sealed, its time stamp pending (the TSA did not answer yet). */
    SIGNED,
    /** None: the hub had no evidence seal when it accepted the message. */
    NONE
  }

  /**
   * What to look for: {@code unit}'s messages; every other field null (or {@code direction},
   * {@code kind} null) matches everything.
   *
   * @param counterpart the sender of a received message, one of the recipients of a sent one
   * @param text found in the subject or the document's code, ignoring case, white space and the way
   *     the letters were typed ({@link SearchKeys}); without any diacritic it ignores diacritics too
   *     ("quyet dinh" finds "Quyết định"), with one it matches them exactly ("bão" does not find "báo")
   * @param from accepted at or after
   * @param until accepted before
   * @param beforeId only messages with a smaller id (the previous page's {@link Page#nextBefore})
   * @param max 1 to {@link #MAX_PAGE}
   */
  public record Query(OrganId unit, Direction direction, MessageKind kind, OrganId counterpart, String documentId,
      String text, Instant from, Instant until, Long beforeId, int max) {
    public Query {
      Objects.requireNonNull(unit, "unit");
      if (max < 1 || max > MAX_PAGE) {
        throw new IllegalArgumentException("max must be 1.." + MAX_PAGE + ", was " + max);
      }
    }
  }

  /**
   * One message as the unit sees it.
   *
   * @param recipients the units the message was routed to (its copies)
   * @param confirmed sent: how many recipients confirmed; received: 1 when the unit did
   * @param delivery received: the unit's own copy's state; null for sent
   * @param revoked received: the unit's copy is marked revoked; sent: some recipient's is
   * @param deliveryEvidence sealed delivery evidence held: sent, all recipients'; received, the unit's
   */
  public record Hit(long messageId, Direction direction, MessageKind kind, OrganId from, String documentId,
      Integer businessType, String statusCode, String code, String subject, long size, Instant receivedAt,
      int recipients, int confirmed, String delivery, boolean revoked, ReceiptState receipt,
      int deliveryEvidence) {}

  /** A page of hits, newest first, and whether older ones match too. */
  public record Page(List<Hit> hits, boolean more) {
    public Page {
      hits = List.copyOf(hits);
    }

    /** The {@link Query#beforeId} of the next page; null when there is none. */
    public Long nextBefore() {
      return more ? hits.get(hits.size() - 1).messageId() : null;
    }
  }

  private final Database db;

  public MessageSearch(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /** The page of {@code q}. */
  public Page search(Query q) {
    return db.autoCommit(c -> {
      List<Long> found = new ArrayList<>(); // the two sides never share a message: a sent one has the unit as sender
      if (q.direction() != Direction.RECEIVED) {
        found.addAll(ids(c, q, Direction.SENT));
      }
      if (q.direction() != Direction.SENT) {
        found.addAll(ids(c, q, Direction.RECEIVED));
      }
      found.sort(Comparator.reverseOrder());
      boolean more = found.size() > q.max();
      return new Page(hits(c, q.unit(), found.subList(0, Math.min(found.size(), q.max()))), more);
    });
  }

  /** Up to max + 1 ids of the unit's messages on one side, newest first. */
  private static List<Long> ids(Connection c, Query q, Direction side) throws SQLException {
    StringBuilder sql = new StringBuilder();
    List<Object> args = new ArrayList<>();
    // ordered as the side's index is, so that it is read in order and no further than the page:
    // message (sender, id DESC), delivery (recipient, message_id DESC)
    String unitColumn = side == Direction.SENT ? "m.sender" : "d.recipient";
    String id = side == Direction.SENT ? "m.id" : "d.message_id";
    if (side == Direction.SENT) {
      sql.append("SELECT m.id FROM message m WHERE m.sender = ?");
      args.add(q.unit().value());
      if (q.counterpart() != null) {
        sql.append(" AND EXISTS (SELECT 1 FROM delivery x WHERE x.message_id = m.id AND x.recipient = ?)");
        args.add(q.counterpart().value());
      }
    } else {
      // a copy an update withdrew before it was ever handed out was never the unit's (Ledger.received)
      sql.append("SELECT m.id FROM delivery d JOIN message m ON m.id = d.message_id WHERE d.recipient = ? "
          + "AND m.sender <> ? AND NOT (d.state = 'WITHDRAWN' AND d.handouts = 0)");
      args.add(q.unit().value());
      args.add(q.unit().value());
      if (q.counterpart() != null) {
        sql.append(" AND m.sender = ?");
        args.add(q.counterpart().value());
      }
    }
    filters(q, sql, args);
    if (q.beforeId() != null) {
      sql.append(" AND ").append(id).append(" < ?");
      args.add(q.beforeId());
    }
    sql.append(" ORDER BY ").append(unitColumn).append(", ").append(id).append(" DESC LIMIT ?");
    args.add((long) q.max() + 1);
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    return ids;
  }

  /** The filters both sides share, on {@code m}, the message. */
  private static void filters(Query q, StringBuilder sql, List<Object> args) {
    if (q.kind() != null) {
      sql.append(" AND m.kind = ?");
      args.add(q.kind().name());
    }
    if (q.documentId() != null) {
      sql.append(" AND m.document_id = ?");
      args.add(q.documentId());
    }
    if (q.text() != null) {
      // a row a hub of the previous version stored during a rolling upgrade has no keys: LOWER, as it did
      boolean exact = SearchKeys.hasDiacritics(q.text());
      String key = exact ? "m.search_exact" : "m.search_folded";
      sql.append(" AND (").append(key).append(" LIKE ? ESCAPE '\\' OR (").append(key).append(" IS NULL AND ")
          .append("(LOWER(m.subject) LIKE ? ESCAPE '\\' OR LOWER(m.code_text) LIKE ? ESCAPE '\\')))");
      args.add("%" + likeEscaped(exact ? SearchKeys.exact(q.text()) : SearchKeys.folded(q.text())) + "%");
      String lower = "%" + likeEscaped(q.text().toLowerCase(Locale.ROOT)) + "%";
      args.add(lower);
      args.add(lower);
    }
    if (q.from() != null) {
      sql.append(" AND m.received_at >= ?");
      args.add(q.from());
    }
    if (q.until() != null) {
      sql.append(" AND m.received_at < ?");
      args.add(q.until());
    }
  }

  /** {@code text} with LIKE's wildcards and its escape character taken literally. */
  static String likeEscaped(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  /** The unit's own copy of a message it received. */
  private record Copy(String state, boolean revoked) {}

  /** Per message: its copies, how many were confirmed, how many are marked revoked. */
  private record Copies(int all, int confirmed, int revoked) {
    static final Copies NONE = new Copies(0, 0, 0);
  }

  /** Per message: the sealed delivery evidence, all of it and the unit's own. */
  private record Evidence(int all, int own) {
    static final Evidence NONE = new Evidence(0, 0);
  }

  private static List<Hit> hits(Connection c, OrganId unit, List<Long> ids) throws SQLException {
    if (ids.isEmpty()) {
      return List.of();
    }
    String in = ids.stream().map(id -> "?").collect(Collectors.joining(",", "(", ")"));
    List<Object> byId = new ArrayList<>(ids);
    List<Object> byUnitAndId = new ArrayList<>(List.of(unit.value()));
    byUnitAndId.addAll(ids);
    Map<Long, Copies> copies = new HashMap<>();
    query(c, "SELECT message_id, COUNT(*), SUM(CASE WHEN state = 'CONFIRMED' THEN 1 ELSE 0 END), "
        + "SUM(CASE WHEN revoked THEN 1 ELSE 0 END) FROM delivery WHERE message_id IN " + in + " GROUP BY message_id",
        byId, rs -> copies.put(rs.getLong(1), new Copies(rs.getInt(2), rs.getInt(3), rs.getInt(4))));
    Map<Long, Evidence> evidence = new HashMap<>();
    query(c, "SELECT message_id, COUNT(*), SUM(CASE WHEN recipient = ? THEN 1 ELSE 0 END) FROM evidence_delivery "
        + "WHERE message_id IN " + in + " GROUP BY message_id", byUnitAndId,
        rs -> evidence.put(rs.getLong(1), new Evidence(rs.getInt(2), rs.getInt(3))));
    Map<Long, Copy> own = new HashMap<>();
    Map<Long, ReceiptState> receipts = new HashMap<>();
    query(c, "SELECT message_id, state, revoked FROM delivery WHERE recipient = ? AND message_id IN " + in,
        byUnitAndId, rs -> own.put(rs.getLong(1), new Copy(rs.getString(2), rs.getBoolean(3))));
    query(c, "SELECT message_id, timestamped FROM evidence_receipt WHERE message_id IN " + in, byId,
        rs -> receipts.put(rs.getLong(1), rs.getBoolean(2) ? ReceiptState.TIMESTAMPED : ReceiptState.SIGNED));
    Map<Long, Hit> hits = new HashMap<>();
    query(c, "SELECT id, kind, sender, document_id, business_type, status_code, code_text, subject, payload_size, "
        + "received_at FROM message WHERE id IN " + in, byId, rs -> {
          long id = rs.getLong("id");
          boolean sent = rs.getString("sender").equals(unit.value());
          Copy mine = own.get(id);
          Copies d = copies.getOrDefault(id, Copies.NONE);
          Evidence e = evidence.getOrDefault(id, Evidence.NONE);
          hits.put(id, new Hit(id, sent ? Direction.SENT : Direction.RECEIVED, MessageKind.valueOf(rs.getString("kind")),
              OrganId.of(rs.getString("sender")), rs.getString("document_id"), Sql.getInteger(rs, "business_type"),
              rs.getString("status_code"), rs.getString("code_text"), rs.getString("subject"),
              rs.getLong("payload_size"), Sql.getInstant(rs, "received_at"), d.all(),
              sent ? d.confirmed() : mine != null && mine.state().equals("CONFIRMED") ? 1 : 0,
              sent || mine == null ? null : mine.state(), sent ? d.revoked() > 0 : mine != null && mine.revoked(),
              receipts.getOrDefault(id, ReceiptState.NONE), sent ? e.all() : e.own()));
        });
    return ids.stream().map(hits::get).filter(Objects::nonNull).toList();
  }

  /** Reads a row at a time. */
  private interface RowReader {
    void read(ResultSet rs) throws SQLException;
  }

  private static void query(Connection c, String sql, List<Object> args, RowReader reader) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          reader.read(rs);
        }
      }
    }
  }

  private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      Object a = args.get(i);
      if (a instanceof Instant t) {
        Sql.setInstant(ps, i + 1, t);
      } else if (a instanceof Long l) {
        ps.setLong(i + 1, l);
      } else {
        ps.setString(i + 1, (String) a);
      }
    }
  }
}
