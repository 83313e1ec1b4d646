package vn.lienthong.core.edxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import vn.lienthong.core.edxml.Business.ReceiverChange;
import vn.lienthong.core.edxml.Business.ReplacementInfo;
import vn.lienthong.core.edxml.Business.UpdateDetails;
import vn.lienthong.core.organ.OrganId;

/** Each rule, broken alone, gives its code and names its field; the valid message passes. */
class EdxmlRulesTest {

  @TempDir Path dir;

  private static Violation only(EdxmlMessage m, List<Attachment> attachments) {
    List<Violation> v = EdxmlRules.check(m, attachments);
    assertThat(v).hasSize(1);
    return v.get(0);
  }

  private static Violation only(EdxmlMessage m) {
    return only(m, List.of());
  }

  private Attachment file(String cid, String name) throws Exception {
    Path f = Files.writeString(dir.resolve(name), "content of " + name);
    return Attachment.of(cid, name, "", "application/pdf", f);
  }

  @ParameterizedTest
  @FieldSource("vn.lienthong.core.edxml.Samples#ALL")
  void everyOfficialSamplePassesTheRules(String name) {
    Envelope e = EdxmlReader.builder().attachmentDirectory(dir).build().read(Samples.open(name));
    assertThat(EdxmlRules.check(e.message(), e.attachments())).isEmpty();
  }

  @Test
  void validMessagesPass() {
    assertThat(EdxmlRules.check(Messages.document(Messages.newDocument()), List.of())).isEmpty();
    assertThat(EdxmlRules.check(Messages.status("000.00.00.H49,2026/11/26,123/UBND-VP"), List.of())).isEmpty();
  }

  @Test
  void subjectAndContentAreAtMost500Characters() {
    String max = "ệ".repeat(500);
    assertThat(EdxmlRules.check(Messages.document(Messages.withSubject(max), Messages.newDocument(), List.of()), List.of()))
        .isEmpty();
    Violation subject = only(Messages.document(Messages.withSubject(max + "x"), Messages.newDocument(), List.of()));
    assertThat(subject.code()).isEqualTo(ErrorCode.TOO_LONG);
    assertThat(subject.field()).isEqualTo("MessageHeader/Subject");
    Violation content = only(Messages.document(Messages.withContent(max + "x"), Messages.newDocument(), List.of()));
    assertThat(content.field()).isEqualTo("MessageHeader/Content");
  }

  @Test
  void placeIsAtMost150Characters() {
    Violation v = only(Messages.document(Messages.withPlace("p".repeat(151)), Messages.newDocument(), List.of()));
    assertThat(v.code()).isEqualTo(ErrorCode.TOO_LONG);
    assertThat(v.field()).isEqualTo("MessageHeader/PromulgationInfo/Place");
  }

  @Test
  void aRecipientIsNamedOnlyOnce() {
    Organization again = Organization.of(Messages.RECIPIENT.organId(), "Sở Tài chính (again)");
    Violation v = only(Messages.document(Messages.withRecipients(List.of(Messages.RECIPIENT, again)),
        Messages.newDocument(), List.of()));
    assertThat(v.code()).isEqualTo(ErrorCode.DUPLICATE_RECIPIENT);
    assertThat(v.field()).isEqualTo("MessageHeader/To[2]/OrganId");
  }

  @Test
  void aDocumentNamesAtLeastOneRecipient() {
    Violation v = only(Messages.document(Messages.withRecipients(List.of()), Messages.newDocument(), List.of()));
    assertThat(v.code()).isEqualTo(ErrorCode.MISSING_ELEMENT);
    assertThat(v.field()).isEqualTo("MessageHeader/To");
  }

  @Test
  void anUpdateNamesTheDocumentItUpdates() {
    var details = new UpdateDetails(true, false, List.of());
    Violation v = only(Messages.document(new Business.Update("", "sửa", false, details, Messages.CLERK)));
    assertThat(v.code()).isEqualTo(ErrorCode.MISSING_REFERENCE);
    assertThat(v.field()).isEqualTo("TraceHeaderList/Bussiness/DocumentId");
  }

  @Test
  void anUpdateOfRecipientsListsThemOnceEach() {
    var none = new UpdateDetails(false, true, List.of());
    assertThat(only(Messages.document(new Business.Update("d", "", false, none, Messages.CLERK))).field())
        .isEqualTo("TraceHeaderList/Bussiness/BussinessDocumentInfo/ReceiverList");
    OrganId id = OrganId.of("000.00.32.H49");
    var twice = new UpdateDetails(false, true, List.of(new ReceiverChange(id, true), new ReceiverChange(id, false)));
    Violation v = only(Messages.document(new Business.Update("d", "", false, twice, Messages.CLERK)));
    assertThat(v.code()).isEqualTo(ErrorCode.DUPLICATE_RECIPIENT);
    assertThat(v.field()).isEqualTo("TraceHeaderList/Bussiness/BussinessDocumentInfo/ReceiverList/Receiver[2]/OrganId");
  }

  @Test
  void aReplacementNamesWhatItReplacesAndForWhom() {
    Violation empty = only(Messages.document(new Business.Replacement("", "", false, List.of(), Messages.CLERK)));
    assertThat(empty.code()).isEqualTo(ErrorCode.MISSING_REFERENCE);
    assertThat(empty.field()).isEqualTo("TraceHeaderList/Bussiness/ReplacementInfoList");
    var noId = new ReplacementInfo("", List.of(Messages.RECIPIENT.organId()));
    assertThat(only(Messages.document(new Business.Replacement("", "", false, List.of(noId), Messages.CLERK))).field())
        .isEqualTo("TraceHeaderList/Bussiness/ReplacementInfoList/ReplacementInfo[1]/DocumentId");
    var noOrgans = new ReplacementInfo("old", List.of());
    assertThat(only(Messages.document(new Business.Replacement("", "", false, List.of(noOrgans), Messages.CLERK))).field())
        .isEqualTo("TraceHeaderList/Bussiness/ReplacementInfoList/ReplacementInfo[1]/OrganIdList");
  }

  @Test
  void manifestAndAttachmentsMatchOneToOne() throws Exception {
    Attachment a = file("cid:1", "a.pdf");
    Attachment b = file("cid:2", "b.pdf");
    DocumentHeader h = Messages.header();
    Business n = Messages.newDocument();
    assertThat(EdxmlRules.check(Messages.document(h, n, List.of(Messages.entry(a), Messages.entry(b))), List.of(a, b)))
        .isEmpty();

    Violation missing = only(Messages.document(h, n, List.of(Messages.entry(a), Messages.entry(b))), List.of(a));
    assertThat(missing.code()).isEqualTo(ErrorCode.MANIFEST_MISMATCH);
    assertThat(missing.field()).isEqualTo("edXMLManifest/Reference[2]/ContentId");

    Violation unannounced = only(Messages.document(h, n, List.of(Messages.entry(a))), List.of(a, b));
    assertThat(unannounced.field()).isEqualTo("AttachmentEncoded/Attachment[2]/ContentId");

    ManifestEntry renamed = new ManifestEntry("cid:1", "application/pdf", "", "other.pdf", "");
    assertThat(only(Messages.document(h, n, List.of(renamed)), List.of(a)).field())
        .isEqualTo("edXMLManifest/Reference[1]/AttachmentName");

    ManifestEntry wrongDigest = new ManifestEntry("cid:1", "application/pdf", "", "a.pdf", "00".repeat(32));
    assertThat(only(Messages.document(h, n, List.of(wrongDigest)), List.of(a)).code())
        .isEqualTo(ErrorCode.ATTACHMENT_DIGEST_MISMATCH);

    List<Violation> doubled = EdxmlRules.check(Messages.document(h, n, List.of(Messages.entry(a), Messages.entry(a))),
        List.of(a));
    assertThat(doubled).extracting(Violation::field).containsExactly("edXMLManifest/Reference[2]/ContentId");
  }

  @Test
  void aStatusNamesTheDocumentItReportsOnAndCarriesNoAttachment() throws Exception {
    Violation v = only(Messages.status(""));
    assertThat(v.code()).isEqualTo(ErrorCode.MISSING_REFERENCE);
    assertThat(v.field()).isEqualTo("MessageHeader/ResponseFor/DocumentId");
    assertThat(only(Messages.status("d"), List.of(file("cid:1", "a.pdf"))).code()).isEqualTo(ErrorCode.MANIFEST_MISMATCH);
  }

  @Test
  void theWriterRefusesCharactersXmlCannotCarry() {
    DocumentMessage control = Messages.document(Messages.withSubject("bell \u0007"), Messages.newDocument(), List.of());
    EdxmlException e = catchThrowableOfType(EdxmlException.class,
        () -> EdxmlWriter.unsigned().write(control, new ByteArrayOutputStream()));
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE);
    assertThat(e.field()).isEqualTo("Subject");
    DocumentMessage emoji = Messages.document(Messages.withSubject("ok \uD83D\uDCC4"), Messages.newDocument(), List.of());
    EdxmlWriter.unsigned().write(emoji, new ByteArrayOutputStream());
  }

  @Test
  void theWriterIsStrict() {
    DocumentMessage tooLong = Messages.document(Messages.withSubject("x".repeat(501)), Messages.newDocument(), List.of());
    EdxmlException e = catchThrowableOfType(EdxmlException.class,
        () -> EdxmlWriter.unsigned().write(tooLong, new ByteArrayOutputStream()));
    assertThat(e.code()).isEqualTo(ErrorCode.TOO_LONG);
    assertThat(e.field()).isEqualTo("MessageHeader/Subject");
  }
}
