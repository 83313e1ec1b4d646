package vn.lienthong.server.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.edxml.Attachment;
import vn.lienthong.core.edxml.Business;
import vn.lienthong.core.edxml.Code;
import vn.lienthong.core.edxml.DocumentHeader;
import vn.lienthong.core.edxml.DocumentMessage;
import vn.lienthong.core.edxml.DocumentType;
import vn.lienthong.core.edxml.Organization;
import vn.lienthong.core.edxml.OtherInfo;
import vn.lienthong.core.edxml.Priority;
import vn.lienthong.core.edxml.Promulgation;
import vn.lienthong.core.edxml.ResponseFor;
import vn.lienthong.core.edxml.SignerInfo;
import vn.lienthong.core.edxml.StaffInfo;
import vn.lienthong.core.edxml.StatusCode;
import vn.lienthong.core.edxml.StatusMessage;
import vn.lienthong.core.edxml.SteeringType;
import vn.lienthong.core.edxml.TraceHeader;
import vn.lienthong.core.organ.OrganId;

/** What "the same content" means for idempotency, and the forms stored by earlier hubs. */
class FingerprintTest {

  static final OrganId PROVINCE = OrganId.of("000.00.00.H49");
  static final OrganId HA_LONG = OrganId.of("000.00.10.H49");
  static final StaffInfo CLERK =
      new StaffInfo("Văn phòng", "Nguyễn Thị Văn Thư", "vanthu@quangninh.gov.vn", "0912");
  static final Attachment PDF = new Attachment("cid:vanban", "vanban.pdf", "Văn bản", "application/pdf",
      Path.of("unused"), 1000, "ab".repeat(32), false);

  /** A document with every part of the model set, so that the pinned digests cover all of it. */
  static DocumentMessage document(String subject, String content) {
    DocumentHeader h = new DocumentHeader(
        new Organization(PROVINCE, "UBND tỉnh", "UBND tỉnh Quảng Ninh", "Hạ Long", "ubnd@qn", "0203", "0204",
            "qn.vn"),
        List.of(Organization.of(HA_LONG, "UBND TP Hạ Long")), "DOC-1", new Code("12", "UBND-VP"),
        new Promulgation("Hạ Long", LocalDate.of(2026, 11, 26)), new DocumentType(1, 2, "Công văn"), subject,
        content,
        new SignerInfo("TM. ỦY BAN NHÂN DÂN", "Chủ tịch", "Phạm Văn Mẫu"), LocalDate.of(2026, 12, 31),
        List.of("Các sở, ban, ngành"),
        new OtherInfo(Priority.URGENT, "Toàn tỉnh", "VT", 5, 3, true, List.of("Phụ lục I")),
        List.of(new ResponseFor(HA_LONG, "7/BC", LocalDate.of(2026, 11, 1), "REQ-7")), SteeringType.DIRECTIVE);
    Business update = new Business.Update("DOC-0", "sửa số liệu", true,
        new Business.UpdateDetails(true, true, List.of(new Business.ReceiverChange(HA_LONG, true))), CLERK);
    return new DocumentMessage(h, List.of(new TraceHeader(PROVINCE, Instant.parse("2026-11-26T01:00:00Z"))), update,
        List.of());
  }

  static final DocumentMessage DOCUMENT = document("V/v kiểm thử", "Nội dung");
  static final StatusMessage STATUS = new StatusMessage(Organization.of(HA_LONG, "UBND TP Hạ Long"),
      new ResponseFor(PROVINCE, "12/UBND-VP", LocalDate.of(2026, 11, 26), "DOC-1"), CLERK, StatusCode.ACCEPTED,
      "Đã tiếp nhận", Instant.parse("2026-11-26T02:00:00Z"));

  static Fingerprint of(DocumentMessage d) {
    return Fingerprint.of(d, List.of(PDF), List.of("000.00.10.H49", "000.00.00.H49/*"));
  }

  @Test
  void textMovedFromOneFieldIntoTheNextIsOtherContent() {
    Fingerprint a = of(document("V/v kiểm thử, content=Nội dung", "mới"));
    Fingerprint b = of(document("V/v kiểm thử", "Nội dung, content=mới"));

    assertThat(a.value()).isNotEqualTo(b.value());
    assertThat(a.matches(b.value())).isFalse();
    assertThat(a.idempotencyKey()).isEqualTo(b.idempotencyKey());
    // the form of earlier hubs could not tell them apart: the hole that remains for what they stored
    assertThat(a.legacyValue()).isEqualTo(b.legacyValue());
  }

  @Test
  void everyPartOfTheContentCounts() {
    List<UnaryOperator<DocumentMessage>> changes = List.of(
        d -> document(d.header().subject() + ".", d.header().content()),
        d -> document(d.header().subject(), ""),
        d -> header(d, new DocumentHeader(d.header().from(), List.of(Organization.of(HA_LONG, "TP Hạ Long")),
            "DOC-1", d.header().code(), d.header().promulgation(), d.header().documentType(), d.header().subject(),
            d.header().content(), d.header().signer(), d.header().dueDate(), d.header().toPlaces(),
            d.header().otherInfo(), d.header().responseFor(), d.header().steeringType())),
        d -> header(d, new DocumentHeader(d.header().from(), d.header().to(), "DOC-1", d.header().code(),
            d.header().promulgation(), d.header().documentType(), d.header().subject(), d.header().content(),
            d.header().signer(), null, d.header().toPlaces(), d.header().otherInfo(), d.header().responseFor(),
            d.header().steeringType())),
        d -> header(d, new DocumentHeader(d.header().from(), d.header().to(), "DOC-1", d.header().code(),
            d.header().promulgation(), d.header().documentType(), d.header().subject(), d.header().content(),
            d.header().signer(), d.header().dueDate(), d.header().toPlaces(),
            new OtherInfo(Priority.URGENT, "Toàn tỉnh", "VT", 5, 3, true, List.of("Phụ lục II")),
            d.header().responseFor(), d.header().steeringType())),
        d -> new DocumentMessage(d.header(), d.traces(), new Business.Update("DOC-0", "sửa số liệu", true,
            new Business.UpdateDetails(true, true, List.of(new Business.ReceiverChange(HA_LONG, false))), CLERK),
            d.manifest()));
    Fingerprint original = of(DOCUMENT);
    for (UnaryOperator<DocumentMessage> change : changes) {
      assertThat(of(change.apply(DOCUMENT)).value()).isNotEqualTo(original.value());
    }
    Attachment renamed = new Attachment(PDF.contentId(), "khac.pdf", PDF.description(), PDF.contentType(), PDF.file(),
        PDF.size(), PDF.sha256(), false);
    Attachment otherBytes = new Attachment(PDF.contentId(), PDF.attachmentName(), PDF.description(),
        PDF.contentType(), PDF.file(), PDF.size(), "cd".repeat(32), false);
    for (Attachment a : List.of(renamed, otherBytes)) {
      assertThat(Fingerprint.of(DOCUMENT, List.of(a), List.of()).value())
          .isNotEqualTo(Fingerprint.of(DOCUMENT, List.of(PDF), List.of()).value());
    }
    assertThat(Fingerprint.of(DOCUMENT, List.of(PDF), List.of("000.00.10.H49")).value())
        .isNotEqualTo(original.value());
  }

  @Test
  void theSameDocumentSentAgainIsTheSameContent() {
    DocumentMessage later = new DocumentMessage(DOCUMENT.header(),
        List.of(new TraceHeader(PROVINCE, Instant.parse("2026-11-27T09:00:00Z"))), DOCUMENT.business(), List.of());
    Attachment elsewhere = new Attachment(PDF.contentId(), PDF.attachmentName(), "mô tả khác", PDF.contentType(),
        Path.of("other"), PDF.size(), PDF.sha256(), false);

    Fingerprint again = Fingerprint.of(later, List.of(elsewhere), List.of(" 000.00.00.H49/*", "000.00.10.H49 "));

    assertThat(again.value()).isEqualTo(of(DOCUMENT).value());
    assertThat(again.matches(of(DOCUMENT).value())).isTrue();
  }

  /**
   * The digests of this document and status. When this fails, a record of core's edXML model
   * changed: messages stored before the change no longer match their re-sends, and a retry after
   * an upgrade would be refused as a conflict. Keep the form (name the new component out of
   * {@code Fingerprint}) or give {@code Fingerprint} the old form as it has for the 2026-11-27 one.
   */
  @Test
  void theFormsArePinned() {
    Fingerprint document = of(DOCUMENT);
    Fingerprint status = Fingerprint.of(STATUS, List.of(), List.of());

    assertThat(document.value()).isEqualTo("79f6a83c4a96c8a6bb83a4ac640d69cbc4069476c2f3c6b8da6476a1f44d21b5");
    assertThat(status.value()).isEqualTo("ed782d0981a0c711d9cb231d33ea3093d992ac88b8307144ae75bb90f5c92207");
    // the form hubs stored before 2026-11-27, as their code computed it from these very records
    assertThat(document.legacyValue()).isEqualTo("33dfd3d833b4a607b3baccd4ff33002f2ab2a5f6c1b711ab61984db7a555cf68");
    assertThat(status.legacyValue()).isEqualTo("7b5e01134c8abeef81bbf5e29504c058f578ad208050e6f3fe1fd3076fc0ddcd");
  }

  @Test
  void whatEarlierHubsStoredStillMatches() {
    Fingerprint document = of(DOCUMENT);
    Fingerprint status = Fingerprint.of(STATUS, List.of(), List.of());

    assertThat(document.matches(document.legacyValue())).isTrue();
    assertThat(document.legacyIdempotencyKey()).isEmpty();
    assertThat(status.matches(status.legacyValue())).isTrue();
    assertThat(status.legacyIdempotencyKey()).contains("S:" + status.legacyValue());
    assertThat(status.idempotencyKey()).isEqualTo("S:" + status.value()).isNotEqualTo("S:" + status.legacyValue());
    assertThat(document.matches(status.value())).isFalse();
  }

  static DocumentMessage header(DocumentMessage d, DocumentHeader h) {
    return new DocumentMessage(h, d.traces(), d.business(), d.manifest());
  }
}
