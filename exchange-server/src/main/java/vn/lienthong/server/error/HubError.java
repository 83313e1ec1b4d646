package vn.lienthong.server.error;

/**
 * Why the hub refused a request: the codes of the contract's {@code FaultCode}, one for one, so
 * that a program can act on them. Each has a default sentence a clerk can read (Vietnamese first,
 * English after), used when the refusal has nothing more specific to say.
 */
public enum HubError {
  NOT_AUTHENTICATED("Chưa xác thực được đơn vị gọi / the caller presented no registered unit certificate"),
  NOT_AUTHORIZED("Không có quyền / the caller may not do this"),
  INVALID_REQUEST("Yêu cầu không hợp lệ / the request is not valid"),
  MALFORMED_ENVELOPE("Gói tin edXML không đọc được / the edXML envelope cannot be read"),
  ENVELOPE_TOO_LARGE("Gói tin quá lớn / the envelope is larger than the hub accepts"),
  EDXML_RULE("Gói tin vi phạm quy tắc edXML / the envelope breaks an edXML rule"),
  SIGNATURE_INVALID("Chữ ký gói tin không hợp lệ / the envelope signature is not valid"),
  SIGNER_NOT_REGISTERED("Chứng thư ký không được đăng ký cho đơn vị gửi / the signing certificate is not registered for the sender"),
  SENDER_MISMATCH("Đơn vị gửi (From) khác đơn vị gọi / From is not the calling unit"),
  UNKNOWN_RECIPIENT("Đơn vị nhận không có trong danh bạ / a recipient is not in the directory"),
  INACTIVE_RECIPIENT("Đơn vị nhận đã ngừng hoạt động / a recipient is deactivated"),
  INVALID_ADDRESS("Địa chỉ định tuyến không hợp lệ / a routing address is not valid"),
  MANIFEST_MISMATCH("Tệp đính kèm không khớp danh mục / the attachments do not match the manifest"),
  DUPLICATE_CONFLICT("Mã văn bản đã được dùng cho nội dung khác / this DocumentId was already sent with other content"),
  UNKNOWN_DOCUMENT("Không tìm thấy văn bản / no such document"),
  NOT_A_PARTY("Đơn vị không phải bên gửi hay nhận văn bản này / the caller neither sent nor received this document"),
  UNKNOWN_MESSAGE("Không tìm thấy thông điệp / no such message in the caller's inbox"),
  LEASE_LOST("Hết hạn giữ thông điệp / the lease on this message expired or belongs to another poller"),
  UNKNOWN_UNIT("Không tìm thấy đơn vị / no such unit"),
  UNIT_EXISTS("Đơn vị đã tồn tại / the unit already exists"),
  INVALID_CERTIFICATE("Chứng thư số không hợp lệ / the certificate is not acceptable"),
  PDF_SIGNATURE_INVALID("Chữ ký số trên tệp PDF không đạt quy định (Nghị định 30/2020) / a PDF attachment's signatures fail the hub's policy"),
  VERIFICATION_UNAVAILABLE("Chưa kiểm tra được chữ ký do dịch vụ OCSP/CRL tạm ngừng, hãy gửi lại sau / the signatures cannot be checked now (revocation service down), retry later"),
  UNAVAILABLE("Hệ thống tạm thời không phục vụ được, hãy gửi lại / the hub cannot serve now, retry later"),
  INTERNAL_ERROR("Lỗi hệ thống / the hub failed; nothing was stored");

  private final String sentence;

  HubError(String sentence) {
    this.sentence = sentence;
  }

  /** The default sentence for people. */
  public String sentence() {
    return sentence;
  }
}
