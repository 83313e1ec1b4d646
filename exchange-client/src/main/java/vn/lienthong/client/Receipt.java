package vn.lienthong.client;

import java.time.Instant;

/**
 * The hub's answer to an accepted message. A retried or repeated send of the same document answers
 * the original receipt with {@code duplicate} true.
 */
public record Receipt(String receiptId, long messageId, MessageKind kind, String from, String documentId,
    String contentSha256, Instant receivedAt, int recipients, boolean duplicate) {}
