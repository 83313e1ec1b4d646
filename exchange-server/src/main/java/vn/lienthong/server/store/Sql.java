package vn.lienthong.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Small JDBC helpers shared by the packages that keep their data in the database. */
public final class Sql {

  private Sql() {}

  /** Binds an instant as TIMESTAMP WITH TIME ZONE (UTC), or NULL. */
  public static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
    ps.setObject(index, value == null ? null : OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
  }

  /** Reads a TIMESTAMP WITH TIME ZONE as an instant, or null. */
  public static Instant getInstant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /** Reads a nullable INT. */
  public static Integer getInteger(ResultSet rs, String column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }

  /** Reads a nullable BIGINT. */
  public static Long getLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  /**
   * The row lock for a row that is about to be acted on but whose key does not change: PostgreSQL's
   * {@code FOR NO KEY UPDATE}, which does not wait for the key-share locks that rows referring to it
   * take (a foreign key's insert); {@code FOR UPDATE} on H2, which takes no such locks.
   */
  public static String noKeyUpdateLock(Connection c) throws SQLException {
    return postgres(c) ? " FOR NO KEY UPDATE" : " FOR UPDATE";
  }

  /**
   * The row lock for a row that must stay while a row referring to it is written: PostgreSQL's
   * {@code FOR KEY SHARE} (what the foreign key takes anyway; such writers share it, a delete
   * waits); {@code FOR UPDATE} on H2, which checks foreign keys against committed rows only.
   */
  public static String keyShareLock(Connection c) throws SQLException {
    return postgres(c) ? " FOR KEY SHARE" : " FOR UPDATE";
  }

  private static boolean postgres(Connection c) throws SQLException {
    return c.getMetaData().getDatabaseProductName().startsWith("PostgreSQL");
  }
}
