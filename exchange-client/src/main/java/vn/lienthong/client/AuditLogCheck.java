package vn.lienthong.client;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import vn.lienthong.core.pki.PkiException;
import vn.lienthong.core.pki.TimeStampVerifier;

/**
 * Checks the audit log on the auditor's side, trusting nothing the hub says about it: entries
 * numbered from 1 without gaps, each linked to the previous entry's hash, each hash recomputed
 * from the entry's fields (the hub's canonical encoding, exchange-server README "Audit log"), and
 * each anchor's time-stamp token over the hash of the entry it names, signed by a TSA whose
 * certificate chains to the roots the auditor trusts (core's {@link TimeStampVerifier}): a hub
 * operator who rewrites the log cannot make anchors for it.
 */
public final class AuditLogCheck {

  /**
   * How much later than the entry after it an anchor's time stamp may be (the TSA's round trip
   * while the hub appended, the clocks of hub and TSA apart).
   */
  static final Duration ANCHOR_SLACK = Duration.ofMinutes(5);

  /** The previous hash of entry 1. */
  public static final String GENESIS = "0".repeat(64);

  private AuditLogCheck() {}

  /**
   * Checks {@code entries} (the whole log from sequence 1, in order) and {@code anchors}, and that
   * they reach {@code head}, the last sequence the hub reported when the reading began: a log
   * served without its end (or without a whole page of it, after which the reading stopped) was
   * found "OK" over what had been read.
   *
   * @param tsaRoots the roots the anchors' time-stamp authority must chain to (at least one)
   */
  public static AuditLogVerification check(List<AuditLogPage.Entry> entries, List<AuditLogPage.Anchor> anchors,
      long head, Collection<X509Certificate> tsaRoots) {
    AuditLogVerification v = check(entries, anchors, tsaRoots);
    if (v.ok() && v.entries() < head) {
      return broken("TRUNCATED", v.entries(), v.entries() + 1, "the entries end at " + v.entries()
          + " but the hub's head was " + head);
    }
    return v;
  }

  /**
   * Checks {@code entries} (the whole log from sequence 1, in order) and {@code anchors}; whether
   * they reach the hub's head is {@link #check(List, List, long, Collection)}'s.
   *
   * @param tsaRoots the roots the anchors' time-stamp authority must chain to (at least one)
   */
  public static AuditLogVerification check(List<AuditLogPage.Entry> entries, List<AuditLogPage.Anchor> anchors,
      Collection<X509Certificate> tsaRoots) {
    if (tsaRoots.isEmpty()) {
      throw new IllegalArgumentException("the roots the audit anchors' TSA must chain to are required");
    }
    TimeStampVerifier tokens = new TimeStampVerifier(tsaRoots);
    Map<Long, AuditLogPage.Anchor> bySeq = anchors.stream()
        .collect(Collectors.toMap(AuditLogPage.Anchor::sequence, Function.identity(), (a, b) -> a));
    String prev = GENESIS;
    long expected = 1;
    Instant anchoredBefore = null; // the time stamp of the previous entry's anchor
    for (AuditLogPage.Entry e : entries) {
      long ok = expected - 1;
      if (e.sequence() != expected) {
        return broken("REMOVED", ok, expected, "entry " + expected + " is missing (the next is " + e.sequence() + ")");
      }
      if (!e.previousHash().equals(prev)) {
        return broken("REORDERED", ok, expected, "entry " + expected + " does not link to entry " + (expected - 1));
      }
      if (!hash(e).equals(e.hash())) {
        return broken("ALTERED", ok, expected, "entry " + expected + " does not match its hash");
      }
      if (anchoredBefore != null && anchoredBefore.isAfter(e.time().plus(ANCHOR_SLACK))) {
        // the anchor was made when its entry was the head, so before this entry was written: a
        // later stamp is a head stamped again (any TSA stamps whatever it is sent), a rewrite
        return broken("ANCHOR_INVALID", ok - 1, ok, "the time stamp at " + ok + " (" + anchoredBefore
            + ") is later than entry " + expected + " (" + e.time() + "): the head was stamped again");
      }
      anchoredBefore = null;
      AuditLogPage.Anchor a = bySeq.get(e.sequence());
      if (a != null && !a.headHash().equals(e.hash())) {
        return broken("ANCHOR_INVALID", ok, expected, "the anchor at " + expected + " names another hash");
      }
      if (a != null) {
        try {
          anchoredBefore = tokens.verify(a.token(), HexFormat.of().parseHex(a.headHash())).time();
        } catch (PkiException | IllegalArgumentException x) {
          return broken("ANCHOR_INVALID", ok, expected, "the time-stamp token at " + expected + ": " + x.getMessage());
        }
      }
      prev = e.hash();
      expected++;
    }
    long last = expected - 1;
    for (AuditLogPage.Anchor a : anchors) {
      if (a.sequence() > last) {
        return broken("TRUNCATED", last, last + 1, "the entries end at " + last + " but an anchor names " + a.sequence());
      }
    }
    return new AuditLogVerification("OK", last, 0, "");
  }

  /** SHA-256 (hex) of the entry's canonical encoding. */
  public static String hash(AuditLogPage.Entry e) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeLong(e.sequence());
      out.writeLong(ChronoUnit.MICROS.between(Instant.EPOCH, e.time()));
      string(out, e.event());
      string(out, e.actor());
      out.writeBoolean(e.subject() != null);
      out.writeLong(e.subject() == null ? 0 : e.subject());
      string(out, e.details());
      string(out, e.previousHash());
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
    } catch (NoSuchAlgorithmException x) {
      throw new IllegalStateException("SHA-256 is part of every JRE", x);
    }
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static AuditLogVerification broken(String outcome, long entries, long seq, String reason) {
    return new AuditLogVerification(outcome, entries, seq, reason);
  }
}
