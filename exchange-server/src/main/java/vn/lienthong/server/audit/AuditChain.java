package vn.lienthong.server.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import vn.lienthong.server.store.Sql;

/**
 * Appends to the audit chain on the caller's transaction: locks the head row, writes the entry
 * after it and moves the head. The lock holds until the caller commits, so concurrent writers (in
 * this process or another on the same database) take sequences one after another, without gaps.
 */
public final class AuditChain {

  /** The widest detail the column holds (V10). */
  static final int DETAIL_MAX = 32_000;

  private AuditChain() {}

  /**
   * {@code detail} as the column holds it: whole when it fits, else cut between two characters
   * (never inside a surrogate pair) and marked with how many were left out.
   */
  static String fitted(String detail) {
    if (detail.length() <= DETAIL_MAX) {
      return detail;
    }
    String mark = " … (+" + detail.length() + " chars in all)";
    int end = DETAIL_MAX - mark.length();
    if (Character.isHighSurrogate(detail.charAt(end - 1))) {
      end--;
    }
    return detail.substring(0, end) + mark;
  }

  /** Appends one entry; returns it. */
  public static AuditEntry append(Connection c, Instant at, String actor, String action, Long subject,
      String detail) throws SQLException {
    Objects.requireNonNull(c, "c");
    Objects.requireNonNull(detail, "detail");
    long last;
    String lastHash;
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("audit_head has no row; the V2 migration did not run");
      }
      last = rs.getLong(1);
      lastHash = rs.getString(2);
    }
    String text = fitted(detail);
    AuditEntry e = AuditEntry.next(last + 1, at, action, actor, subject, text, lastHash);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_event (occurred_at, actor, action, "
        + "message_id, detail, seq, prev_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      Sql.setInstant(ps, 1, e.at());
      ps.setString(2, e.actor());
      ps.setString(3, e.action());
      ps.setObject(4, e.subject(), java.sql.Types.BIGINT);
      ps.setString(5, e.detail());
      ps.setLong(6, e.seq());
      ps.setString(7, e.prevHash());
      ps.setString(8, e.hash());
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
      ps.setLong(1, e.seq());
      ps.setString(2, e.hash());
      ps.executeUpdate();
    }
    return e;
  }
}
