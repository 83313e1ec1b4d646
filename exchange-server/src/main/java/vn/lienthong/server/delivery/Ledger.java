package vn.lienthong.server.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import vn.lienthong.core.organ.OrganId;
import vn.lienthong.server.audit.AuditChain;
import vn.lienthong.server.store.Sql;

/**
 * The writes of an accepted message, all on the caller's transaction: one delivery row per
 * recipient, the business effects on earlier documents (revoked, recipients withdrawn, replaced),
 * links between documents, status history and the audit row.
 */
public final class Ledger {

  private Ledger() {}

  /** One PENDING delivery row per recipient (skipping recipients that already have one). */
  public static int deliver(Connection c, long messageId, Collection<OrganId> recipients, Instant now)
      throws SQLException {
    List<OrganId> fresh = new ArrayList<>(recipients);
    if (!fresh.isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement("SELECT recipient FROM delivery WHERE message_id = ?")) {
        ps.setLong(1, messageId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            fresh.remove(OrganId.of(rs.getString(1)));
          }
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO delivery (message_id, recipient, state, handouts, "
        + "revoked, withdrawn, created_at) VALUES (?, ?, 'PENDING', 0, FALSE, FALSE, ?)")) {
      for (OrganId r : fresh) {
        ps.setLong(1, messageId);
        ps.setString(2, r.value());
        Sql.setInstant(ps, 3, now);
        ps.addBatch();
      }
      if (!fresh.isEmpty()) {
        ps.executeBatch();
      }
    }
    return fresh.size();
  }

  /** The recipients of a message whose delivery is not withdrawn. */
  public static List<OrganId> recipients(Connection c, long messageId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT recipient FROM delivery WHERE message_id = ? AND NOT withdrawn ORDER BY id")) {
      ps.setLong(1, messageId);
      List<OrganId> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(OrganId.of(rs.getString(1)));
        }
      }
      return out;
    }
  }

  /**
   * Whether {@code unit} received a message: it has a copy that an update did not withdraw before
   * it was ever handed out (a unit that fetched a copy later withdrawn may still answer about it,
   * e.g. refuse the update with 16).
   */
  public static boolean received(Connection c, long messageId, OrganId unit) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM delivery WHERE message_id = ? AND recipient = ? "
        + "AND NOT (state = 'WITHDRAWN' AND handouts = 0)")) {
      ps.setLong(1, messageId);
      ps.setString(2, unit.value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Whether a revocation of the message was accepted (its copies are marked revoked). */
  public static boolean isRevoked(Connection c, long messageId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM delivery WHERE message_id = ? AND revoked")) {
      ps.setLong(1, messageId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * Gives back the copies an earlier update withdrew from {@code recipients} (a later update adds
   * them again): a copy that had left the inbox is pending again, one confirmed before stays
   * confirmed. Returns how many were given back.
   */
  public static int restore(Connection c, long documentId, Collection<OrganId> recipients) throws SQLException {
    int restored = 0;
    try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET withdrawn = FALSE, "
        + "lease_token = CASE WHEN state = 'WITHDRAWN' THEN NULL ELSE lease_token END, "
        + "lease_until = CASE WHEN state = 'WITHDRAWN' THEN NULL ELSE lease_until END, "
        + "state = CASE WHEN state = 'WITHDRAWN' THEN 'PENDING' ELSE state END "
        + "WHERE message_id = ? AND recipient = ? AND withdrawn")) {
      for (OrganId r : recipients) {
        ps.setLong(1, documentId);
        ps.setString(2, r.value());
        restored += ps.executeUpdate();
      }
    }
    return restored;
  }

  /** Marks a document revoked in every recipient's inbox. */
  public static void markRevoked(Connection c, long documentId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET revoked = TRUE WHERE message_id = ?")) {
      ps.setLong(1, documentId);
      ps.executeUpdate();
    }
  }

  /** Withdraws a document from recipients an update removed; unconfirmed entries leave the inbox. */
  public static void withdraw(Connection c, long documentId, Collection<OrganId> removed) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET withdrawn = TRUE, "
        + "state = CASE WHEN state = 'CONFIRMED' THEN state ELSE 'WITHDRAWN' END WHERE message_id = ? AND recipient = ?")) {
      for (OrganId r : removed) {
        ps.setLong(1, documentId);
        ps.setString(2, r.value());
        ps.addBatch();
      }
      if (!removed.isEmpty()) {
        ps.executeBatch();
      }
    }
  }

  /** Marks a replaced document, for the given recipients, as replaced by {@code byDocumentId}. */
  public static void markReplaced(Connection c, long documentId, Collection<OrganId> recipients, String byDocumentId)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE delivery SET replaced_by = ? WHERE message_id = ? AND recipient = ?")) {
      for (OrganId r : recipients) {
        ps.setString(1, byDocumentId);
        ps.setLong(2, documentId);
        ps.setString(3, r.value());
        ps.addBatch();
      }
      if (!recipients.isEmpty()) {
        ps.executeBatch();
      }
    }
  }

  /** Links a message to a document it acts on ({@code REVOKES}, {@code UPDATES}, {@code REPLACES}). */
  public static void link(Connection c, long messageId, long targetId, String kind) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO message_link (message_id, target_message_id, kind) VALUES (?, ?, ?)")) {
      ps.setLong(1, messageId);
      ps.setLong(2, targetId);
      ps.setString(3, kind);
      ps.executeUpdate();
    }
  }

  /** One step of a recipient's status history for a document. */
  public static void trace(Connection c, long documentId, OrganId recipient, String statusCode, OrganId reportedBy,
      String description, Instant at, Long statusMessageId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO trace_event (document_id, recipient, status_code, "
        + "reported_by, description, occurred_at, status_message_id) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, documentId);
      ps.setString(2, recipient.value());
      ps.setString(3, statusCode);
      ps.setString(4, reportedBy.value());
      ps.setString(5, description.length() > 2000 ? description.substring(0, 2000) : description);
      Sql.setInstant(ps, 6, at);
      ps.setObject(7, statusMessageId, java.sql.Types.BIGINT);
      ps.executeUpdate();
    }
  }

  /** An audit row, appended to the hash chain in the same transaction as what it records. */
  public static void audit(Connection c, Instant at, OrganId actor, String action, Long messageId, String detail)
      throws SQLException {
    AuditChain.append(c, at, actor.value(), action, messageId, detail);
  }
}
