package vn.lienthong.server.intake;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import vn.lienthong.server.store.Sql;

/** The {@code pending_check} table: PDF checks accepted while OCSP/CRL were down, and their outcome. */
public final class PendingChecks {

  /** Where a pending check stands. */
  public enum Outcome {
    PENDING,
    PASSED,
    FAILED
  }

  /**
   * One row.
   *
   * @param contentId the attachment's ContentId; null for a check stored before V9 (found by name)
   * @param verdict the final verdict and the failing check's sentence, or null while pending
   */
  public record Row(long id, long messageId, String attachment, String contentId, String reason, Instant since,
      int attempts, Instant lastAttempt, Outcome outcome, String verdict, Instant completedAt) {
    public Row {
      Objects.requireNonNull(attachment, "attachment");
      Objects.requireNonNull(outcome, "outcome");
    }
  }

  private static final String COLUMNS = "id, message_id, attachment, content_id, reason, since, attempts, "
      + "last_attempt, outcome, verdict, completed_at";

  private PendingChecks() {}

  static void insert(Connection c, long messageId, List<PendingCheck> checks, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO pending_check (message_id, attachment, content_id, "
        + "reason, since, attempts, outcome) VALUES (?, ?, ?, ?, ?, 0, 'PENDING')")) {
      for (PendingCheck p : checks) {
        ps.setLong(1, messageId);
        ps.setString(2, cut(p.attachment(), 1000));
        ps.setString(3, p.contentId().length() <= 500 ? p.contentId() : null);   // longer: found by name
        ps.setString(4, cut(p.reason(), 2000));
        Sql.setInstant(ps, 5, now);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** The checks still pending, oldest first, at most {@code max}. */
  public static List<Row> pending(Connection c, int max) throws SQLException {
    return select(c, "SELECT " + COLUMNS + " FROM pending_check WHERE outcome = 'PENDING' ORDER BY id", max);
  }

  /** Every check of a message (pending or completed). */
  public static List<Row> ofMessage(Connection c, long messageId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM pending_check WHERE message_id = ? "
        + "ORDER BY id")) {
      ps.setLong(1, messageId);
      return read(ps, Integer.MAX_VALUE);
    }
  }

  /** How many checks are pending. */
  public static long countPending(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM pending_check WHERE outcome = 'PENDING'");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Another attempt that could not complete. */
  static void attempted(Connection c, long id, Instant now, String reason) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE pending_check SET attempts = attempts + 1, "
        + "last_attempt = ?, reason = ? WHERE id = ? AND outcome = 'PENDING'")) {
      Sql.setInstant(ps, 1, now);
      ps.setString(2, cut(reason, 2000));
      ps.setLong(3, id);
      ps.executeUpdate();
    }
  }

  /** The final outcome; false when another process completed it first. */
  static boolean complete(Connection c, long id, Instant now, Outcome outcome, String verdict) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE pending_check SET attempts = attempts + 1, "
        + "last_attempt = ?, outcome = ?, verdict = ?, completed_at = ? WHERE id = ? AND outcome = 'PENDING'")) {
      Sql.setInstant(ps, 1, now);
      ps.setString(2, outcome.name());
      ps.setString(3, cut(verdict, 2000));
      Sql.setInstant(ps, 4, now);
      ps.setLong(5, id);
      return ps.executeUpdate() == 1;
    }
  }

  /** How many checks failed after delivery and no administrator has acknowledged yet. */
  public static long countUnacknowledgedFailures(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM pending_check WHERE outcome = 'FAILED' "
        + "AND acknowledged_at IS NULL"); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Acknowledges the failed checks not acknowledged yet, as {@code by}; returns their ids (the
   * rows are locked first, so two administrators acknowledging at once do not both claim a row).
   */
  static List<Long> acknowledgeFailures(Connection c, Instant now, String by) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM pending_check WHERE outcome = 'FAILED' "
        + "AND acknowledged_at IS NULL ORDER BY id FOR UPDATE"); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE pending_check SET acknowledged_at = ?, acknowledged_by = ? "
        + "WHERE id = ? AND acknowledged_at IS NULL")) {
      for (long id : ids) {
        Sql.setInstant(ps, 1, now);
        ps.setString(2, by);
        ps.setLong(3, id);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    return ids;
  }

  private static List<Row> select(Connection c, String sql, int max) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setMaxRows(max);
      return read(ps, max);
    }
  }

  private static List<Row> read(PreparedStatement ps, int max) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next() && rows.size() < max) {
        rows.add(new Row(rs.getLong("id"), rs.getLong("message_id"), rs.getString("attachment"),
            rs.getString("content_id"), rs.getString("reason"), Sql.getInstant(rs, "since"), rs.getInt("attempts"),
            Sql.getInstant(rs, "last_attempt"), Outcome.valueOf(rs.getString("outcome")), rs.getString("verdict"),
            Sql.getInstant(rs, "completed_at")));
      }
    }
    return rows;
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
