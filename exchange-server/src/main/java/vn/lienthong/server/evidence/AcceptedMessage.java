package vn.lienthong.server.evidence;

import java.util.List;
import java.util.Objects;
import vn.lienthong.core.evidence.ReceiptDocument;

/**
 * A message intake accepted, with what the signed receipt attests beyond the {@link Receipt}:
 * the attachments' names and digests (as checked against the signed manifest) and each intake
 * check's outcome, in the order they ran.
 */
public record AcceptedMessage(Receipt receipt, List<ReceiptDocument.FileDigest> attachments,
    List<ReceiptDocument.CheckEntry> checks) {

  public AcceptedMessage {
    Objects.requireNonNull(receipt, "receipt");
    attachments = List.copyOf(attachments);
    checks = List.copyOf(checks);
  }
}
