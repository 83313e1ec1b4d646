package vn.lienthong.server.intake;

import java.util.Objects;

/**
 * A PDF whose verification could not complete at intake (OCSP and CRL unreachable): accepted, its
 * check to run again.
 *
 * @param attachment the attachment's name in the envelope
 * @param reason why it could not complete
 */
public record PendingCheck(String attachment, String reason) {
  public PendingCheck {
    Objects.requireNonNull(attachment, "attachment");
    Objects.requireNonNull(reason, "reason");
  }
}
