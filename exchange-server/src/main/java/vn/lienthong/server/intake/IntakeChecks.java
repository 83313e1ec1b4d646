package vn.lienthong.server.intake;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import vn.lienthong.core.edxml.DocumentMessage;
import vn.lienthong.core.edxml.EdxmlRules;
import vn.lienthong.core.edxml.EnvelopeVerifier;
import vn.lienthong.core.edxml.ErrorCode;
import vn.lienthong.core.edxml.StatusCode;
import vn.lienthong.core.edxml.StatusMessage;
import vn.lienthong.core.edxml.VerificationResult;
import vn.lienthong.core.edxml.Violation;
import vn.lienthong.server.delivery.MessageKind;
import vn.lienthong.server.error.HubError;
import vn.lienthong.server.error.HubException;
import vn.lienthong.server.registry.Registry;

/**
 * The checks of this issue, in the order they run: the operation's kind, edXML rules, manifest
 * against attachments, {@code From} = caller, the envelope signature (by a certificate registered
 * for the sender), every PDF attachment's signatures under the hub's policy (see
 * {@link PdfSignatures}), idempotency, recipients known and active, and the documents referred to.
 */
public final class IntakeChecks {

  /**
   * Status codes a recipient reports to the sender. Not 01: the hub writes it when the recipient
   * confirms (ConfirmReceived), so that it is sent once and only for a copy handed out.
   */
  static final Set<StatusCode> FROM_RECIPIENT = Set.of(StatusCode.REJECTED,
      StatusCode.ACCEPTED, StatusCode.ASSIGNED, StatusCode.PROCESSING, StatusCode.FINISHED,
      StatusCode.CHANGE_ACCEPTED, StatusCode.CHANGE_REFUSED);

  /** The longest DocumentId the hub stores ({@code message.document_id}). */
  static final int DOCUMENT_ID_MAX = 500;

  /** The BussinessDocType of a revocation ({@code Business.Revocation}). */
  private static final int REVOCATION = 1;

  private static final Set<ErrorCode> MANIFEST_CODES = Set.of(ErrorCode.MANIFEST_MISMATCH,
      ErrorCode.ATTACHMENT_DIGEST_MISMATCH);

  private IntakeChecks() {}

  /** The standard chain under the hub's intake policy, PDFs verified by {@code pdfs}. */
  public static List<IntakeCheck> standard(Registry registry, IntakePolicy policy, PdfVerification pdfs,
      vn.lienthong.server.health.Alerts alerts) {
    EnvelopeVerifier verifier = EnvelopeVerifier.create();
    PdfSignatures pdfSignatures = new PdfSignatures(pdfs, policy, alerts);
    return List.of(
        IntakeCheck.of("kind", IntakeChecks::kind),
        IntakeCheck.of("manifest", IntakeChecks::manifest),
        IntakeCheck.of("edxml-rules", IntakeChecks::rules),
        IntakeCheck.of("sender-is-caller", IntakeChecks::senderIsCaller),
        IntakeCheck.of("envelope-signature", ctx -> signature(ctx, verifier, registry, policy.envelopeSha1())),
        IntakeCheck.of("pdf-signatures", pdfSignatures::apply),
        IntakeCheck.of("idempotency", IntakeChecks::idempotency),
        IntakeCheck.of("recipients", IntakeChecks::recipients),
        IntakeCheck.of("references", IntakeChecks::references));
  }

  static Verdict kind(IntakeContext ctx) {
    boolean isDocument = ctx.envelope().message() instanceof DocumentMessage;
    if (isDocument != (ctx.expected() == MessageKind.DOCUMENT)) {
      throw new HubException(HubError.INVALID_REQUEST, isDocument
          ? "Đây là văn bản, hãy dùng SendDocument / a document goes through SendDocument"
          : "Đây là trạng thái, hãy dùng SendStatus / a status goes through SendStatus");
    }
    return Verdict.PASS;
  }

  static Verdict manifest(IntakeContext ctx) {
    for (Violation v : violations(ctx)) {
      if (MANIFEST_CODES.contains(v.code())) {
        throw new HubException(HubError.MANIFEST_MISMATCH, v.message(), v.field());
      }
    }
    return Verdict.PASS;
  }

  static Verdict rules(IntakeContext ctx) {
    List<Violation> violations = violations(ctx);
    if (!violations.isEmpty()) {
      Violation v = violations.get(0);
      throw new HubException(HubError.EDXML_RULE, v.message(), v.field());
    }
    // the hub's own bound (its column): refused here, before the envelope is stored, not by the database
    var message = ctx.envelope().message();
    String documentId = message instanceof DocumentMessage d ? d.header().documentId()
        : ((StatusMessage) message).responseFor().documentId();
    if (documentId.length() > DOCUMENT_ID_MAX) {
      throw new HubException(HubError.EDXML_RULE, "Mã văn bản dài " + documentId.length() + " ký tự, tối đa "
          + DOCUMENT_ID_MAX + " / the DocumentId has " + documentId.length() + " characters, at most " + DOCUMENT_ID_MAX,
          message instanceof DocumentMessage ? "MessageHeader/DocumentId" : "MessageHeader/ResponseFor/DocumentId");
    }
    return Verdict.PASS;
  }

  private static List<Violation> violations(IntakeContext ctx) {
    return EdxmlRules.check(ctx.envelope().message(), ctx.envelope().attachments());
  }

  static Verdict senderIsCaller(IntakeContext ctx) {
    var from = ctx.envelope().message().from().organId();
    if (!from.equals(ctx.caller().unit())) {
      throw new HubException(HubError.SENDER_MISMATCH, "From là " + from + " nhưng đơn vị gọi là "
          + ctx.caller().unit() + " / From is not the calling unit", "MessageHeader/From/OrganId");
    }
    return Verdict.PASS;
  }

  static Verdict signature(IntakeContext ctx, EnvelopeVerifier verifier, Registry registry,
      IntakePolicy.EnvelopeSha1 sha1) {
    VerificationResult result = verifier.verify(ctx.envelope());
    if (result instanceof VerificationResult.Invalid invalid) {
      throw new HubException(HubError.SIGNATURE_INVALID, "Chữ ký gói tin không hợp lệ (" + invalid.failure()
          + "): " + invalid.detail(), "edXMLHeader/Signature");
    }
    java.security.cert.X509Certificate signer;
    Verdict verdict = Verdict.PASS;
    if (result instanceof VerificationResult.Legacy legacy) {
      if (sha1 == IntakePolicy.EnvelopeSha1.REFUSE) {
        throw new HubException(HubError.SIGNATURE_INVALID, "Chữ ký dùng SHA-1 không còn được chấp nhận "
            + "(Thông tư 15/2025) / SHA-1 signatures are refused: " + legacy.algorithm(), "edXMLHeader/Signature");
      }
      signer = legacy.signer();
      verdict = new Verdict.Warning("envelope signed with " + legacy.algorithm() + " (legacy SHA-1, accepted by "
          + "intake.envelope.sha1=warn)");
    } else {
      signer = ((VerificationResult.Valid) result).signer();
    }
    if (!registry.isRegistered(ctx.caller().unit(), signer)) {
      throw new HubException(HubError.SIGNER_NOT_REGISTERED, "Chứng thư ký (" + signer.getSubjectX500Principal()
          + ") không được đăng ký cho " + ctx.caller().unit() + " / the signing certificate is not registered "
          + "for the sender", "edXMLHeader/Signature");
    }
    // a manifest entry without this project's SHA-256 (an envelope from other software) leaves its
    // attachment outside what the signature covers: accepted, and the receipt says so
    List<String> unbound = ctx.envelope().message() instanceof DocumentMessage d ? d.manifest().stream()
        .filter(m -> m.sha256().isEmpty()).map(m -> m.attachmentName().isEmpty() ? m.contentId() : m.attachmentName())
        .toList() : List.of();
    if (!unbound.isEmpty()) {
      String note = "the envelope signature does not cover " + String.join(", ", unbound) + " (no SHA-256 in the "
          + "signed manifest)";
      return new Verdict.Warning(verdict instanceof Verdict.Warning w ? w.text() + "; " + note : note);
    }
    return verdict == Verdict.PASS ? new Verdict.Noted("PASSED", signer.getSubjectX500Principal().getName())
        : verdict;
  }

  static Verdict idempotency(IntakeContext ctx) {
    if (ctx.existing() == null) {
      return Verdict.PASS;
    }
    if (ctx.isDuplicate()) {
      return new Verdict.AlreadyAccepted(ctx.existing().receipt().asDuplicate());
    }
    throw conflict(ctx.existing().documentId());
  }

  static HubException conflict(String documentId) {
    return new HubException(HubError.DUPLICATE_CONFLICT, "Mã văn bản " + documentId + " đã được gửi với nội dung "
        + "khác / this DocumentId was already sent with other content", "MessageHeader/DocumentId");
  }

  static Verdict recipients(IntakeContext ctx) {
    if (ctx.resolution() == null) {
      return Verdict.PASS;
    }
    if (!ctx.resolution().unknown().isEmpty()) {
      throw new HubException(HubError.UNKNOWN_RECIPIENT, "Không có trong danh bạ / not in the directory: "
          + join(ctx.resolution().unknown()), "MessageHeader/To");
    }
    if (!ctx.resolution().inactive().isEmpty()) {
      throw new HubException(HubError.INACTIVE_RECIPIENT, "Đã ngừng hoạt động / deactivated: "
          + join(ctx.resolution().inactive()), "MessageHeader/To");
    }
    if (ctx.resolution().recipients().isEmpty()) {
      throw new HubException(HubError.UNKNOWN_RECIPIENT, "Không có đơn vị nhận nào / no recipient", "MessageHeader/To");
    }
    return Verdict.PASS;
  }

  static Verdict references(IntakeContext ctx) {
    boolean status = ctx.envelope().message() instanceof StatusMessage;
    for (Reference r : ctx.references()) {
      boolean isSender = r.sender().equals(ctx.caller().unit());
      // a document the caller neither sent nor received answers exactly like one that does not exist
      if (r.found() == null || (!isSender && !r.callerReceived())) {
        throw new HubException(HubError.UNKNOWN_DOCUMENT, "Không có văn bản " + r.documentId() + " của " + r.sender()
            + " / no such document", status ? "MessageHeader/ResponseFor" : "TraceHeaderList/Bussiness");
      }
      if (status) {
        StatusCode code = ((StatusMessage) ctx.envelope().message()).statusCode();
        boolean allowed = isSender ? code == StatusCode.REVOCATION_REQUESTED : FROM_RECIPIENT.contains(code);
        if (code == StatusCode.ARRIVED && !isSender) {
          throw new HubException(HubError.INVALID_REQUEST, "Trạng thái 01 do trục ghi khi đơn vị xác nhận đã nhận "
              + "(ConfirmReceived) / status 01 is written by the hub when the recipient confirms (ConfirmReceived)",
              "MessageHeader/StatusCode");
        }
        if (!allowed) {
          throw new HubException(HubError.INVALID_REQUEST, "Trạng thái " + code.code() + " không dành cho "
              + (isSender ? "bên gửi" : "bên nhận") + " / status " + code.code() + " is not for the "
              + (isSender ? "sender" : "recipient"), "MessageHeader/StatusCode");
        }
      } else if (!isSender) {
        throw new HubException(HubError.NOT_A_PARTY, "Chỉ bên gửi được thu hồi, cập nhật, thay thế văn bản / only the "
            + "sender may revoke, update or replace a document", "TraceHeaderList/Bussiness");
      } else {
        actOnDocument(r);
      }
    }
    return Verdict.PASS;
  }

  /** What a revocation, update or replacement may act on: a document not revoked, not a revocation. */
  private static void actOnDocument(Reference r) {
    if (Integer.valueOf(REVOCATION).equals(r.found().businessType())) {
      throw new HubException(HubError.INVALID_REQUEST, r.documentId() + " là thông điệp thu hồi, không thể thu hồi, "
          + "cập nhật hay thay thế / " + r.documentId() + " is a revocation: it cannot be revoked, updated or replaced",
          "TraceHeaderList/Bussiness");
    }
    if (r.revoked()) {
      throw revoked(r.documentId());
    }
  }

  /** The refusal of a revocation, update or replacement of a revoked document. */
  static HubException revoked(String documentId) {
    return new HubException(HubError.INVALID_REQUEST, "Văn bản " + documentId + " đã bị thu hồi / "
        + documentId + " was revoked: it cannot be revoked again, updated or replaced", "TraceHeaderList/Bussiness");
  }

  private static String join(List<?> ids) {
    return ids.stream().map(Object::toString).collect(Collectors.joining(", "));
  }
}
