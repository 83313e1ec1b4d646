package vn.lienthong.core.validation;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * What the caller knows about a file beyond its bytes. Every part is optional (null when unknown).
 *
 * @param senderOrganId the OrganId of the unit that sent the document, for Decree 30's rule that
 *     the seal is the sender's (and for an envelope, that its signer is the sender)
 * @param expectedEnvelopeSigner the certificate an edXML envelope must be signed with (the
 *     registered system certificate of the calling unit)
 * @param validationTime the time to validate at instead of the verifier's clock
 * @param detachedContent the signed file of a detached CMS signature ({@code .p7s}); when null,
 *     the file of the same name without {@code .p7s} is used
 */
public record VerificationContext(String senderOrganId, X509Certificate expectedEnvelopeSigner,
    Instant validationTime, Path detachedContent) {

  /** Nothing known. */
  public static VerificationContext none() {
    return new VerificationContext(null, null, null, null);
  }

  /** The same, with the sending unit known. */
  public VerificationContext withSender(String organId) {
    return new VerificationContext(organId, expectedEnvelopeSigner, validationTime,
        detachedContent);
  }

  /** The same, with the envelope signer expected. */
  public VerificationContext withEnvelopeSigner(X509Certificate certificate) {
    return new VerificationContext(senderOrganId, certificate, validationTime, detachedContent);
  }

  /** The same, validated at another time. */
  public VerificationContext at(Instant time) {
    return new VerificationContext(senderOrganId, expectedEnvelopeSigner, time, detachedContent);
  }

  /** The same, with the content file of a detached signature. */
  public VerificationContext withDetachedContent(Path content) {
    return new VerificationContext(senderOrganId, expectedEnvelopeSigner, validationTime, content);
  }
}
