package vn.lienthong.server.intake;

import java.util.Objects;

/**
 * A PDF whose verification could not complete at intake (OCSP and CRL unreachable): accepted, its
 * check to run again.
 *
 * @param attachment the attachment's name in the envelope
 * @param contentId the attachment's ContentId, unique in the envelope (names need not be)
 * @param reason why it could not complete
 */
public record PendingCheck(String attachment, String contentId, String reason) {
  public PendingCheck {
    Objects.requireNonNull(attachment, "attachment");
    Objects.requireNonNull(contentId, "contentId");
    Objects.requireNonNull(reason, "reason");
  }
}
