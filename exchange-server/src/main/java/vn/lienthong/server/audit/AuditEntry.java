package vn.lienthong.server.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One link of the audit chain. Its hash is SHA-256 over a canonical encoding: the sequence, the
 * time in epoch microseconds, then action, actor, subject (a message id or absent), detail and
 * the previous hash, each string as its UTF-8 length and bytes, so no two entries encode alike.
 */
public record AuditEntry(long seq, Instant at, String action, String actor, Long subject, String detail,
    String prevHash, String hash) {

  /** The previous hash of the first entry. */
  public static final String GENESIS = "0".repeat(64);

  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(prevHash, "prevHash");
    Objects.requireNonNull(hash, "hash");
  }

  /** A new entry after {@code prevHash}, its time cut to microseconds (what both databases keep). */
  public static AuditEntry next(long seq, Instant at, String action, String actor, Long subject, String detail,
      String prevHash) {
    Instant micros = at.truncatedTo(ChronoUnit.MICROS);
    return new AuditEntry(seq, micros, action, actor, subject, detail, prevHash,
        hashOf(seq, micros, action, actor, subject, detail, prevHash));
  }

  /** Whether the stored hash is the hash of the stored fields. */
  public boolean intact() {
    return hash.equals(hashOf(seq, at, action, actor, subject, detail, prevHash));
  }

  static String hashOf(long seq, Instant at, String action, String actor, Long subject, String detail,
      String prevHash) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeLong(seq);
      out.writeLong(ChronoUnit.MICROS.between(Instant.EPOCH, at));
      string(out, action);
      string(out, actor);
      out.writeBoolean(subject != null);
      out.writeLong(subject == null ? 0 : subject);
      string(out, detail);
      string(out, prevHash);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HexFormat.of().formatHex(sha256(bytes.toByteArray()));
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }
}
