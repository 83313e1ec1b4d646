package vn.lienthong.server.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.server.error.HubError;
import vn.lienthong.server.error.HubException;
import vn.lienthong.server.health.Alerts;

/**
 * The {@code pdf-signatures} check: every PDF attachment passes the hub's policy (Decree 30 by
 * default: the signer's signature and the sending unit's seal, both valid).
 *
 * <p>A PDF is an attachment whose content type is {@code application/pdf}, or whose name ends in
 * {@code .pdf}, or whose bytes begin with {@code %PDF-} within the first 1024 bytes (where readers
 * look for the header): any one suffices, so that a PDF cannot escape the check by its label.
 * Other attachments (appendices as spreadsheets, archives) are not signature-checked.
 *
 * <p>A message already accepted with the same content (a resend) is not verified again: the
 * idempotency check that follows answers it with its first receipt.
 *
 * <p>When a PDF's revocation status cannot be learnt (OCSP and CRL down), the alert
 * {@value #ALERT} is raised and the message is accepted with the check pending ({@link Recheck}
 * completes it and clears the alert) or refused with VERIFICATION_UNAVAILABLE, as configured.
 */
final class PdfSignatures {

  /** The alert raised while revocation services do not answer. */
  static final String ALERT = "ocsp-unavailable";

  private final PdfVerification verification;
  private final IntakePolicy policy;
  private final Alerts alerts;

  PdfSignatures(PdfVerification verification, IntakePolicy policy, Alerts alerts) {
    this.verification = verification;
    this.policy = policy;
    this.alerts = alerts;
  }

  Verdict apply(IntakeContext ctx) {
    if (ctx.isDuplicate()) {
      return Verdict.PASS;
    }
    List<PendingCheck> pending = new ArrayList<>();
    int passed = 0;
    List<Attachment> attachments = ctx.envelope().attachments();
    for (int i = 0; i < attachments.size(); i++) {
      Attachment a = attachments.get(i);
      if (!isPdf(a)) {
        continue;
      }
      String field = "Attachment[" + (i + 1) + "]";
      PdfVerification.Result r = verification.verify(a.file(), ctx.caller().unit());
      if (r instanceof PdfVerification.Failed f) {
        alerts.count("pdf-checks-refused");
        throw new HubException(HubError.PDF_SIGNATURE_INVALID, "Tệp «" + a.attachmentName()
            + "» không đạt quy định về chữ ký số / attachment «" + a.attachmentName() + "» fails the signature "
            + "policy: " + f.sentence(), field, null, PdfVerification.xml(f.report()));
      }
      if (r instanceof PdfVerification.Passed && policy.whenUnavailable() == IntakePolicy.WhenUnavailable.REFUSE) {
        alerts.clear(ALERT, "a PDF's revocation status was obtained again");
      }
      if (r instanceof PdfVerification.Passed) {
        passed++;
      }
      if (r instanceof PdfVerification.Pending p) {
        alerts.raise(ALERT, "revocation status of a PDF from " + ctx.caller().unit() + " unavailable: " + p.reason());
        alerts.count("pdf-checks-unavailable");
        if (policy.whenUnavailable() == IntakePolicy.WhenUnavailable.REFUSE) {
          throw new HubException(HubError.VERIFICATION_UNAVAILABLE, "Chưa kiểm tra được chữ ký trên tệp «"
              + a.attachmentName() + "» vì dịch vụ kiểm tra thu hồi chứng thư tạm ngừng; hãy gửi lại sau / the "
              + "signatures of «" + a.attachmentName() + "» cannot be checked now (" + p.reason() + "); send "
              + "again later", field);
        }
        pending.add(new PendingCheck(a.attachmentName(), a.contentId(), p.reason()));
      }
    }
    if (!pending.isEmpty()) {
      return new Verdict.Deferred(pending);
    }
    return passed == 0 ? Verdict.PASS : new Verdict.Noted("PASSED", passed + " PDF: the signer's signature and the "
        + "seal of " + ctx.caller().unit() + " valid under the hub's policy");
  }

  /** Whether an attachment is a PDF: by content type, by name, or by its header bytes. */
  static boolean isPdf(Attachment a) {
    if (a.contentType().toLowerCase(Locale.ROOT).startsWith("application/pdf")
        || a.attachmentName().toLowerCase(Locale.ROOT).endsWith(".pdf")) {
      return true;
    }
    try (InputStream in = Files.newInputStream(a.file())) {
      return new String(in.readNBytes(1024), StandardCharsets.ISO_8859_1).contains("%PDF-");
    } catch (IOException e) {
      throw new HubException(HubError.UNAVAILABLE, "", "", e);
    }
  }
}
