package vn.lienthong.server.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.server.store.SearchKeys;
import vn.lienthong.server.store.Sql;

/** Reads and writes message rows; every method works on the caller's connection (transaction). */
public final class Messages {

  static final String COLUMNS = "id, kind, origin, sender, document_id, fingerprint, payload_sha256, payload_size, "
      + "business_type, status_code, code_text, promulgated_on, subject, about_message_id, trace_headers, "
      + "receipt_id, recipients, received_at";

  private Messages() {}

  /**
   * Inserts a message (its id is ignored), with the {@link SearchKeys} of its subject and code, and
   * returns it with the database's id.
   */
  public static MessageRecord insert(Connection c, MessageRecord m, String idemKey) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO message (kind, origin, sender, idem_key, document_id, "
        + "fingerprint, payload_sha256, payload_size, business_type, status_code, code_text, promulgated_on, subject, "
        + "about_message_id, trace_headers, receipt_id, recipients, received_at, search_exact, search_folded) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, m.kind().name());
      ps.setString(2, m.origin());
      ps.setString(3, m.sender().value());
      ps.setString(4, idemKey);
      ps.setString(5, m.documentId());
      ps.setString(6, m.fingerprint());
      ps.setString(7, m.payloadSha256());
      ps.setLong(8, m.payloadSize());
      ps.setObject(9, m.businessType(), java.sql.Types.INTEGER);
      ps.setString(10, m.statusCode());
      ps.setString(11, m.codeText());
      ps.setObject(12, m.promulgatedOn(), java.sql.Types.DATE);
      ps.setString(13, m.subject());
      ps.setObject(14, m.aboutMessageId(), java.sql.Types.BIGINT);
      ps.setString(15, m.traceHeaders());
      ps.setString(16, m.receiptId());
      ps.setInt(17, m.recipients());
      Sql.setInstant(ps, 18, m.receivedAt());
      SearchKeys.Keys search = SearchKeys.of(m.subject(), m.codeText());
      ps.setString(19, search.exact());
      ps.setString(20, search.folded());
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        long id = keys.getLong(1);
        return new MessageRecord(id, m.kind(), m.origin(), m.sender(), m.documentId(), m.fingerprint(),
            m.payloadSha256(), m.payloadSize(), m.businessType(), m.statusCode(), m.codeText(), m.promulgatedOn(),
            m.subject(), m.aboutMessageId(), m.traceHeaders(), m.receiptId(), m.recipients(), m.receivedAt());
      }
    }
  }

  /** The message a sender already sent under an idempotency key. */
  public static Optional<MessageRecord> byIdempotencyKey(Connection c, OrganId sender, String idemKey)
      throws SQLException {
    return one(c, "SELECT " + COLUMNS + " FROM message WHERE sender = ? AND idem_key = ?", sender.value(), idemKey);
  }

  /**
   * The document a sender sent under a DocumentId: the new document (type 0) when there is one,
   * else the first message with that id.
   */
  public static Optional<MessageRecord> document(Connection c, OrganId sender, String documentId) throws SQLException {
    return one(c, "SELECT " + COLUMNS + " FROM message WHERE sender = ? AND document_id = ? AND kind = 'DOCUMENT' "
        + "ORDER BY CASE WHEN business_type = 0 THEN 0 ELSE 1 END, id", sender.value(), documentId);
  }

  /** The ids of the messages a sender sent under a DocumentId, oldest first. */
  public static List<Long> ids(Connection c, OrganId sender, String documentId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT id FROM message WHERE sender = ? AND document_id = ? ORDER BY id")) {
      ps.setString(1, sender.value());
      ps.setString(2, documentId);
      List<Long> ids = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      return ids;
    }
  }

  /** A message by id. */
  public static Optional<MessageRecord> byId(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM message WHERE id = ?")) {
      ps.setLong(1, id);
      List<MessageRecord> out = read(ps);
      return out.isEmpty() ? Optional.empty() : Optional.of(out.get(0));
    }
  }

  private static Optional<MessageRecord> one(Connection c, String sql, String a, String b) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, a);
      ps.setString(2, b);
      List<MessageRecord> out = read(ps);
      return out.isEmpty() ? Optional.empty() : Optional.of(out.get(0));
    }
  }

  static List<MessageRecord> read(PreparedStatement ps) throws SQLException {
    List<MessageRecord> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(read(rs));
      }
    }
    return out;
  }

  static MessageRecord read(ResultSet rs) throws SQLException {
    return new MessageRecord(rs.getLong("id"), MessageKind.valueOf(rs.getString("kind")), rs.getString("origin"),
        OrganId.of(rs.getString("sender")), rs.getString("document_id"), rs.getString("fingerprint"),
        rs.getString("payload_sha256"), rs.getLong("payload_size"), Sql.getInteger(rs, "business_type"),
        rs.getString("status_code"), rs.getString("code_text"), rs.getObject("promulgated_on", LocalDate.class),
        rs.getString("subject"), Sql.getLong(rs, "about_message_id"), rs.getString("trace_headers"),
        rs.getString("receipt_id"), rs.getInt("recipients"), Sql.getInstant(rs, "received_at"));
  }
}
