package vn.lienthong.core.evidence;

/** The checks {@link EvidenceVerifier} runs on a bundle, with their sentences in Vietnamese and English. */
public enum EvidenceCheck {
  BUNDLE_READABLE("Gói chứng cứ là tệp ZIP đọc được", "The bundle is a readable ZIP file"),
  BUNDLE_CANONICAL("Cấu trúc ZIP đúng dạng chuẩn, không bị sửa", "The ZIP's structure is in canonical form, unchanged"),
  INDEX_SEAL_VALID("Danh mục được trục niêm phong và gắn dấu thời gian hợp lệ",
      "The index is sealed by a trusted key and time-stamped"),
  INDEX_COMPLETE("Danh mục liệt kê đúng các tệp của gói", "The index lists exactly the bundle's files"),
  FILE_DIGEST_MATCHES("Mã băm SHA-256 của tệp khớp danh mục", "The file's SHA-256 matches the index"),
  RECEIPT_SEAL_VALID("Biên nhận được trục ký và gắn dấu thời gian hợp lệ",
      "The receipt is sealed by a trusted key and time-stamped"),
  RECEIPT_ABOUT_MESSAGE("Biên nhận nói về đúng gói tin này", "The receipt is about this message"),
  RECEIPT_ENVELOPE_DIGEST("Mã băm gói tin trong biên nhận khớp gói tin", "The receipt's envelope digest matches the envelope"),
  ENVELOPE_SIGNATURE_VALID("Chữ ký số của gói tin hợp lệ", "The envelope's XML signature is valid"),
  ATTACHMENT_DIGESTS_MATCH("Mã băm các tệp đính kèm khớp bản kê đã ký và biên nhận",
      "The attachments' digests match the signed manifest and the receipt"),
  DELIVERY_EVIDENCE_VALID("Chứng cứ nhận được trục ký, đúng gói tin và đúng đơn vị nhận",
      "The delivery evidence is sealed, about this envelope and from one of its recipients"),
  STATUS_VALID("Trạng thái được đơn vị ký (hoặc trục xác nhận bằng biên nhận)",
      "The status is signed by its unit (or attested by the hub's receipt)"),
  ENVELOPE_SIGNER_TRUSTED("Chứng thư ký gói tin chuỗi tới gốc tin cậy, đúng mục đích ký, còn hiệu lực khi trục nhận",
      "The envelope's signer chains to a trusted root, may sign, and was valid when the hub received it"),
  STATUS_SIGNER_TRUSTED("Chứng thư ký trạng thái của đơn vị chuỗi tới gốc tin cậy, đúng mục đích ký, còn hiệu lực khi trục nhận",
      "A unit's status is signed by a certificate that chains to a trusted root, may sign, and was valid when the hub "
          + "received it"),
  SEAL_NOT_REVOKED("Chứng thư niêm phong của trục chưa bị thu hồi khi niêm phong (OCSP/CRL trong gói)",
      "The hub's seal certificate was not revoked when the bundle was sealed (OCSP/CRL in the bundle)");

  private final String vietnamese;
  private final String english;

  EvidenceCheck(String vietnamese, String english) {
    this.vietnamese = vietnamese;
    this.english = english;
  }

  /** The check's title in Vietnamese. */
  public String vietnamese() {
    return vietnamese;
  }

  /** The check's title in English. */
  public String english() {
    return english;
  }
}
