package vn.lienthong.core.edxml;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import vn.lienthong.core.organ.OrganId;

/** Small factories of valid messages for rule tests; each test changes one thing. */
final class Messages {

  static final Organization SENDER = Organization.of(OrganId.of("000.00.00.H49"), "UBND tỉnh Quảng Ninh");
  static final Organization RECIPIENT = Organization.of(OrganId.of("000.00.31.H49"), "Sở Tài chính");
  static final StaffInfo CLERK = new StaffInfo("Văn thư", "Nguyễn Văn A", "vanthu@quangninh.gov.vn", "0912000000");

  private Messages() {}

  static DocumentHeader header() {
    return new DocumentHeader(SENDER, List.of(RECIPIENT), "000.00.00.H49,2026/11/26,123/UBND-VP",
        new Code("123", "UBND-VP"), new Promulgation("Quảng Ninh", LocalDate.of(2026, 11, 26)),
        new DocumentType(1, 0, "Công văn"), "V/v thử nghiệm", "Nội dung", new SignerInfo("KT. CHỦ TỊCH",
            "Phó Chủ tịch", "Trần Văn B"), LocalDate.of(2026, 12, 1), List.of("Các sở, ban, ngành"),
        OtherInfo.NONE, List.of(), SteeringType.NOT_DIRECTIVE);
  }

  static DocumentHeader withSubject(String subject) {
    DocumentHeader h = header();
    return new DocumentHeader(h.from(), h.to(), h.documentId(), h.code(), h.promulgation(), h.documentType(),
        subject, h.content(), h.signer(), h.dueDate(), h.toPlaces(), h.otherInfo(), h.responseFor(), h.steeringType());
  }

  static DocumentHeader withContent(String content) {
    DocumentHeader h = header();
    return new DocumentHeader(h.from(), h.to(), h.documentId(), h.code(), h.promulgation(), h.documentType(),
        h.subject(), content, h.signer(), h.dueDate(), h.toPlaces(), h.otherInfo(), h.responseFor(), h.steeringType());
  }

  static DocumentHeader withPlace(String place) {
    DocumentHeader h = header();
    return new DocumentHeader(h.from(), h.to(), h.documentId(), h.code(), new Promulgation(place, null),
        h.documentType(), h.subject(), h.content(), h.signer(), h.dueDate(), h.toPlaces(), h.otherInfo(),
        h.responseFor(), h.steeringType());
  }

  static DocumentHeader withRecipients(List<Organization> to) {
    DocumentHeader h = header();
    return new DocumentHeader(h.from(), to, h.documentId(), h.code(), h.promulgation(), h.documentType(),
        h.subject(), h.content(), h.signer(), h.dueDate(), h.toPlaces(), h.otherInfo(), h.responseFor(), h.steeringType());
  }

  static DocumentMessage document(DocumentHeader header, Business business, List<ManifestEntry> manifest) {
    return new DocumentMessage(header, List.of(new TraceHeader(SENDER.organId(), Instant.parse("2026-11-26T01:00:00Z"))),
        business, manifest);
  }

  static DocumentMessage document(Business business) {
    return document(header(), business, List.of());
  }

  static Business newDocument() {
    return new Business.NewDocument("", "Văn bản mới", false, CLERK);
  }

  static ManifestEntry entry(Attachment a) {
    return new ManifestEntry(a.contentId(), a.contentType(), a.description(), a.attachmentName(), "");
  }

  static StatusMessage status(String documentId) {
    return new StatusMessage(RECIPIENT, new ResponseFor(SENDER.organId(), "123/UBND-VP", LocalDate.of(2026, 11, 26),
        documentId), CLERK, StatusCode.ACCEPTED, "Đã vào sổ", Instant.parse("2026-11-26T02:00:00Z"));
  }
}
