package vn.lienthong.client;

import java.time.Instant;

/** The hub's answer to a confirmation; {@code alreadyConfirmed} when this was a repeat. */
public record Confirmation(Instant confirmedAt, boolean alreadyConfirmed) {}
