package vn.lienthong.server.evidence;

/**
 * Called after a message's transaction committed, with its receipt: the place where the evidence
 * issue signs and timestamps receipts and extends the audit chain. The database already holds an
 * audit row for the message (written in the same transaction), so a hook that fails loses nothing
 * the hub acknowledged; failures are logged, never turned into a refusal of a stored message.
 */
@FunctionalInterface
public interface EvidenceHook {

  /** Does nothing. */
  EvidenceHook NONE = receipt -> { };

  void accepted(Receipt receipt);

  /**
   * Called by intake with what the hub checked (attachments' digests, check outcomes); the
   * default hands on the receipt alone.
   */
  default void accepted(AcceptedMessage message) {
    accepted(message.receipt());
  }
}
